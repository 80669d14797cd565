using System.Globalization;
using Google.OrTools.Sat;

namespace JobBalancing.Solving;

/// <summary>The outcome of one CP-SAT solve of a <see cref="CpSatModel"/>.</summary>
/// <param name="Status">CP-SAT's status.</param>
/// <param name="Plan">The best plan found (hours per pair), or <see langword="null"/>.</param>
/// <param name="Objective">The integer objective of that plan.</param>
/// <param name="Bound">CP-SAT's proven lower bound on the integer objective.</param>
internal sealed record CpSatOutcome(CpSolverStatus Status, int[]? Plan, long Objective, long Bound)
{
    public bool IsOptimal => Status == CpSolverStatus.Optimal;

    public bool IsInfeasible => Status == CpSolverStatus.Infeasible;
}

/// <summary>The outcome of one CP-SAT solve of a worker's job (<see cref="CpSatModel.BuildJob"/>), whose objective is maximised.</summary>
/// <param name="Status">CP-SAT's status.</param>
/// <param name="Job">The best job found, as hours on the worker's pairs, or <see langword="null"/>.</param>
/// <param name="Bound">
/// A proven upper bound on the objective of every job the model admits: <see cref="long.MinValue"/> when there is none,
/// <see cref="long.MaxValue"/> when CP-SAT proved nothing.
/// </param>
internal sealed record JobOutcome(CpSolverStatus Status, int[]? Job, long Bound);

/// <summary>
/// Runs CP-SAT on a model with a time limit, threads and seed, stops it on cancellation, and reports each improving
/// solution. CP-SAT's parameters stay in here.
/// </summary>
internal static class CpSatRun
{
    /// <summary>The parameters a job is first priced with (see <see cref="SolveJob(CpSatModel, TimeSpan, int, CancellationToken)"/>).</summary>
    private const string QuickJobParameters =
        " cp_model_probing_level:0 add_cg_cuts:false add_mir_cuts:false add_zero_half_cuts:false add_clique_cuts:false search_branching:LP_SEARCH";

    /// <summary>
    /// CP-SAT without its LP relaxation: on a model whose hint breaks its rules (the whole jobs' mix rounded, see
    /// <see cref="WholeJobBound.Mix"/>) it found better plans sooner. On the generated M workplace's mix at 0.104,
    /// ten seconds each (seeds 4–10, scratch program): 0.104–0.120 in six runs of seven with it, and 0.134–0.141 in three
    /// with CP-SAT's defaults.
    /// </summary>
    public const string WithoutLp = " linearization_level:0";

    /// <summary>How long the quick parameters get to price a job before CP-SAT's defaults take over.</summary>
    private static readonly TimeSpan QuickJobTime = TimeSpan.FromSeconds(0.03);

    public static CpSatOutcome Solve(
        CpSatModel model, int[]? incumbent, TimeSpan limit, int threads, int seed, CancellationToken cancellationToken,
        Action<long, long>? onSolution = null, bool stopAtFirst = false, TimeSpan? stall = null, string parameters = "")
    {
        // Not solving leaves no response to read: reading the bound would throw a NullReferenceException.
        if (cancellationToken.IsCancellationRequested)
        {
            return new CpSatOutcome(CpSolverStatus.Unknown, null, long.MaxValue, 0);
        }

        var solver = NewSolver(limit, threads, seed, stopAtFirst, parameters);
        using var registration = cancellationToken.Register(solver.StopSearch);
        var callback = new ImprovementCallback(onSolution);
        using var watch = stall is { } patience ? new StallWatch(callback, patience, solver.StopSearch) : null;
        var status = solver.Solve(model.Model, callback);
        var hasPlan = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var plan = hasPlan ? model.ReadPlan(v => solver.Value(v), incumbent) : null;
        var objective = hasPlan ? (long)Math.Round(solver.ObjectiveValue) : long.MaxValue;
        var bound = (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        GC.KeepAlive(callback);
        // An infeasible model's bound means nothing: the caller reads the status (a capped model refuted bounds the
        // problem above its cap).
        return new CpSatOutcome(status, plan, objective, status switch
        {
            CpSolverStatus.Optimal => objective,
            CpSolverStatus.Infeasible => 0,
            _ => Math.Max(0, bound),
        });
    }

    /// <summary>
    /// Solves the model of one worker's job (<see cref="CpSatModel.BuildJob"/>) on one thread: the best job found and a
    /// proven upper bound on the value of every job the model admits.
    /// </summary>
    public static JobOutcome SolveJob(CpSatModel model, TimeSpan limit, int seed, CancellationToken cancellationToken)
    {
        // A job is a small model solved thousands of times. Without probing and cuts, and branching on the LP, CP-SAT
        // priced the generated M workplace's jobs in 3.5 ms rather than 10 ms, and XL's in 30 ms rather than 73 ms; but
        // for some prices on L it took seconds where its defaults take milliseconds. So the quick parameters get a
        // moment, and the defaults what is left when they prove nothing in it.
        var quick = Min(limit, QuickJobTime);
        var outcome = SolveJob(model, quick, seed, QuickJobParameters, cancellationToken);
        return outcome.Status is CpSolverStatus.Optimal or CpSolverStatus.Infeasible || limit <= quick
            ? outcome
            : SolveJob(model, limit - quick, seed, "", cancellationToken);
    }

    private static JobOutcome SolveJob(CpSatModel model, TimeSpan limit, int seed, string parameters, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return new JobOutcome(CpSolverStatus.Unknown, null, long.MaxValue);
        }

        var solver = NewSolver(limit, 1, seed, stopAtFirst: false, parameters);
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model.Model);
        return status switch
        {
            CpSolverStatus.Optimal or CpSolverStatus.Feasible =>
                new JobOutcome(status, model.ReadJob(v => solver.Value(v)), (long)Math.Floor(solver.BestObjectiveBound + 1e-6)),
            CpSolverStatus.Infeasible => new JobOutcome(status, null, long.MinValue),
            _ => new JobOutcome(status, null, long.MaxValue),
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>A solver with the time limit, workers and seed, and any <paramref name="extra"/> parameters after them.</summary>
    private static CpSolver NewSolver(TimeSpan limit, int threads, int seed, bool stopAtFirst, string extra = "") => new()
    {
        // catch_sigint_signal is off because by default CP-SAT takes Ctrl+C for itself: it would end only the solve
        // under way, and the host's handler, which cancels the token and so the whole search, would never hear of it.
        StringParameters = string.Create(CultureInfo.InvariantCulture,
            $"max_time_in_seconds:{Math.Max(0.01, limit.TotalSeconds):0.###} num_workers:{threads} random_seed:{seed} log_search_progress:false stop_after_first_solution:{(stopAtFirst ? "true" : "false")} catch_sigint_signal:false{extra}"),
    };

    private sealed class ImprovementCallback(Action<long, long>? onSolution) : CpSolverSolutionCallback
    {
        private long _lastSolution = long.MaxValue;

        /// <summary>Milliseconds since the last solution; 0 before the first (a large model's presolve is not a stall).</summary>
        public long SinceLastSolution => Math.Max(0, Environment.TickCount64 - Interlocked.Read(ref _lastSolution));

        public override void OnSolutionCallback()
        {
            Interlocked.Exchange(ref _lastSolution, Environment.TickCount64);
            onSolution?.Invoke((long)Math.Round(ObjectiveValue()), (long)Math.Ceiling(BestObjectiveBound() - 1e-6));
        }
    }

    /// <summary>Stops a search that has found nothing better for a while: CP-SAT has no such limit of its own.</summary>
    private sealed class StallWatch : IDisposable
    {
        private readonly Timer _timer;

        public StallWatch(ImprovementCallback callback, TimeSpan patience, Action stop)
        {
            var period = TimeSpan.FromMilliseconds(Math.Clamp(patience.TotalMilliseconds / 4, 10, 500));
            _timer = new Timer(_ =>
            {
                if (callback.SinceLastSolution > patience.TotalMilliseconds)
                {
                    stop();
                }
            }, null, period, period);
        }

        public void Dispose() => _timer.Dispose();
    }
}
