using System.Diagnostics;
using Google.OrTools.LinearSolver;
using JobBalancing.Analysis;
using JobBalancing.Domain;

namespace JobBalancing.Benchmarks.Peers;

/// <summary>What one run of the general MIP solver returned.</summary>
/// <param name="Hours">The plan's hours per worker and task, rounded to whole hour units; <see langword="null"/> without a plan.</param>
/// <param name="Status">The solver's status, as OR-Tools names it.</param>
/// <param name="ModelObjective">The objective the solver claims for its plan, in rating points; for comparison only.</param>
/// <param name="Bound">The solver's best bound, in rating points, less its floating-point tolerance; 0 when it has none.</param>
/// <param name="Elapsed">Wall-clock time of the run: building the model, extracting it to the solver, solving, reading values.</param>
internal sealed record MipRun(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? Hours, string Status, double? ModelObjective, decimal Bound, TimeSpan Elapsed)
{
    public bool IsOptimal => Status == nameof(Solver.ResultStatus.OPTIMAL);
}

/// <summary>
/// The same balancing problem handed to a general MIP solver (SCIP, through OR-Tools' linear solver wrapper) the way a
/// user with a MIP solver would write it down from DESIGN.md: an integer variable for the hours of every worker–task
/// pair the worker may hold, a binary per pair for "holds it" (minimum chunk, service limit, fragmentation), and the
/// max-deviation objective linearised with two continuous variables. No symmetry breaking, no hints, no tricks.
/// </summary>
/// <remarks>
/// The model, in hour units, for each pair (w, t) that is not excluded and that the worker is qualified for (or any
/// pair when training is allowed):
/// <code>
///   fixed[w,t] ≤ x[w,t] ≤ U[w,t]·y[w,t],  x[w,t] ≥ chunk[t]·y[w,t],  y[w,t] ∈ {0, 1},
///   U[w,t] = min(H_w, h_t, maxPerWorker_t)
///   Σ_w x[w,t] = h_t,  Σ_t x[w,t] = H_w,  Σ_t y[w,t] ≤ maxTasksPerWorker
///   −Δ_E·H_w ≤ Σ_t e_t·x[w,t] − Ē·H_w ≤ Δ_E·H_w  (the same for D)
///   minimise wE·Δ_E + wD·Δ_D
/// </code>
/// OR-Tools' C# wrapper has no solution callback, so the harness samples the solver's progress by running it again at
/// each budget (SCIP is deterministic, so a longer run passes through the shorter one's plans).
/// </remarks>
internal static class MipPeer
{
    /// <summary>The solver OR-Tools is asked for. SCIP ships in the Google.OrTools 9.15 runtime package (libscip.so.10.0).</summary>
    public const string SolverId = "SCIP";

    /// <summary>
    /// The solver's floating-point tolerance on its bound: taken off before the bound is reported, so that a bound the
    /// solver reaches only by rounding is not claimed as proven.
    /// </summary>
    private const double BoundTolerance = 1e-6;

    /// <summary>Builds the model and solves it within <paramref name="budget"/> in all, the model's building included.</summary>
    /// <param name="workplace">A valid workplace.</param>
    /// <param name="budget">The wall-clock budget of the whole run.</param>
    /// <param name="stopAtFirstPlan">Whether to stop at the first plan (SCIP's <c>limits/solutions = 1</c>), to time it.</param>
    public static MipRun Solve(Workplace workplace, TimeSpan budget, bool stopAtFirstPlan = false)
    {
        var clock = Stopwatch.StartNew();
        var solver = Solver.CreateSolver(SolverId)
            ?? throw new InvalidOperationException($"OR-Tools has no {SolverId} solver on this platform.");
        try
        {
            var model = Build(solver, workplace);
            var left = budget - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return new MipRun(null, "NOT_SOLVED (model building took the whole budget)", null, 0, clock.Elapsed);
            }

            solver.SetTimeLimit((long)Math.Max(1, left.TotalMilliseconds));
            if (stopAtFirstPlan && !solver.SetSolverSpecificParametersAsString("limits/solutions = 1\n"))
            {
                throw new InvalidOperationException("SCIP rejected the parameter limits/solutions.");
            }

            var status = solver.Solve();
            var hasPlan = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE;
            var hours = hasPlan ? model.ReadHours() : null;
            var objective = hasPlan ? solver.Objective().Value() : (double?)null;
            var bound = ProvenBound(solver.Objective().BestBound(), status);
            return new MipRun(hours, status.ToString(), objective, bound, clock.Elapsed);
        }
        finally
        {
            // The variables' values are read through the solver; it must outlive them (see DESIGN.md).
            GC.KeepAlive(solver);
            solver.Dispose();
        }
    }

    /// <summary>OR-Tools' name for the MIP solver and its version, for the provenance lines.</summary>
    public static string Version()
    {
        using var solver = Solver.CreateSolver(SolverId);
        return solver?.SolverVersion() ?? $"{SolverId} unavailable";
    }

    private static decimal ProvenBound(double bestBound, Solver.ResultStatus status)
    {
        // Without a finished root node SCIP's bound is −∞ (or NaN); the trivial bound 0 holds for every plan anyway.
        if (double.IsNaN(bestBound) || double.IsInfinity(bestBound) || status is Solver.ResultStatus.NOT_SOLVED or Solver.ResultStatus.ABNORMAL)
        {
            return 0;
        }

        return (decimal)Math.Max(0, bestBound - (BoundTolerance * Math.Max(1, Math.Abs(bestBound))));
    }

    private static Model Build(Solver solver, Workplace workplace)
    {
        var unit = workplace.HourUnit;
        double Units(decimal hours) => (double)(hours / unit);
        var tasks = workplace.Tasks;
        var workers = workplace.Workers;
        var totalHours = tasks.Sum(t => t.Hours);
        double[] average =
        [
            (double)(tasks.Sum(t => t.Empowerment * t.Hours) / totalHours),
            (double)(tasks.Sum(t => t.Desirability * t.Hours) / totalHours),
        ];
        var deviation = new[] { solver.MakeNumVar(0, double.PositiveInfinity, "dev_E"), solver.MakeNumVar(0, double.PositiveInfinity, "dev_D") };
        var coverage = tasks.Select(t => solver.MakeConstraint(Units(t.Hours), Units(t.Hours), $"cover_{t.Id}")).ToArray();
        var pairs = new List<(string Worker, string Task, Variable X)>();
        foreach (var worker in workers)
        {
            var capacity = solver.MakeConstraint(Units(worker.Hours), Units(worker.Hours), $"capacity_{worker.Id}");
            var fragments = solver.MakeConstraint(0, workplace.Rules.MaxTasksPerWorker ?? tasks.Count, $"fragments_{worker.Id}");
            var score = new[]
            {
                solver.MakeConstraint(double.NegativeInfinity, average[0] * Units(worker.Hours), $"E_above_{worker.Id}"),
                solver.MakeConstraint(average[0] * Units(worker.Hours), double.PositiveInfinity, $"E_below_{worker.Id}"),
                solver.MakeConstraint(double.NegativeInfinity, average[1] * Units(worker.Hours), $"D_above_{worker.Id}"),
                solver.MakeConstraint(average[1] * Units(worker.Hours), double.PositiveInfinity, $"D_below_{worker.Id}"),
            };
            for (var t = 0; t < tasks.Count; t++)
            {
                var task = tasks[t];
                var qualified = task.Skill is not { } skill || worker.Skills.Contains(skill) || workplace.Rules.AllowTraining;
                if (!qualified || worker.Excluded.Contains(task.Id))
                {
                    continue;
                }

                var upper = Math.Floor(Math.Min(Math.Min(Units(worker.Hours), Units(task.Hours)), task.MaxPerWorker is { } m ? Units(m) : double.MaxValue));
                var x = solver.MakeIntVar(Units(worker.Fixed.GetValueOrDefault(task.Id)), upper, $"x_{worker.Id}_{task.Id}");
                var y = solver.MakeBoolVar($"y_{worker.Id}_{task.Id}");
                var holds = solver.MakeConstraint(double.NegativeInfinity, 0, $"holds_{worker.Id}_{task.Id}");
                holds.SetCoefficient(x, 1);
                holds.SetCoefficient(y, -upper);
                var chunk = solver.MakeConstraint(0, double.PositiveInfinity, $"chunk_{worker.Id}_{task.Id}");
                chunk.SetCoefficient(x, 1);
                chunk.SetCoefficient(y, -Math.Max(1, Math.Ceiling(Units(task.MinChunk ?? unit))));
                coverage[t].SetCoefficient(x, 1);
                capacity.SetCoefficient(x, 1);
                fragments.SetCoefficient(y, 1);
                score[0].SetCoefficient(x, (double)task.Empowerment);
                score[1].SetCoefficient(x, (double)task.Empowerment);
                score[2].SetCoefficient(x, (double)task.Desirability);
                score[3].SetCoefficient(x, (double)task.Desirability);
                pairs.Add((worker.Id, task.Id, x));
            }

            // Σ e·x − Ē·H ≤ Δ·H and Σ e·x − Ē·H ≥ −Δ·H.
            score[0].SetCoefficient(deviation[0], -Units(worker.Hours));
            score[1].SetCoefficient(deviation[0], Units(worker.Hours));
            score[2].SetCoefficient(deviation[1], -Units(worker.Hours));
            score[3].SetCoefficient(deviation[1], Units(worker.Hours));
        }

        var objective = solver.Objective();
        objective.SetCoefficient(deviation[0], (double)workplace.Weights.Empowerment);
        objective.SetCoefficient(deviation[1], (double)workplace.Weights.Desirability);
        objective.SetMinimization();
        return new Model(pairs, unit);
    }

    private sealed class Model(List<(string Worker, string Task, Variable X)> pairs, decimal unit)
    {
        /// <summary>The solution's hours, each rounded to the nearest whole unit (the solver's integrality tolerance is ~1e-6).</summary>
        public Dictionary<string, IReadOnlyDictionary<string, decimal>> ReadHours()
        {
            var hours = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
            foreach (var (worker, task, x) in pairs)
            {
                var units = (decimal)Math.Round(x.SolutionValue());
                if (units != 0)
                {
                    (hours.TryGetValue(worker, out var held) ? held : hours[worker] = new(StringComparer.Ordinal))[task] = units * unit;
                }
            }

            return hours.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, decimal>)p.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Evaluates a run's plan with the library's own evaluator: its figures, never the solver's.</summary>
    public static Plan? Evaluate(Workplace workplace, MipRun run) => run.Hours is { } hours ? PlanEvaluator.Evaluate(workplace, hours) : null;
}
