using Google.OrTools.LinearSolver;

namespace JobBalancing.Solving;

/// <summary>The flow LP's answer: the hours each site's workers hold of each task, and the LP optimum.</summary>
/// <param name="Flows">Hours, in units, that the workers of each home site hold of each task: <c>[site][task]</c>.</param>
/// <param name="Bound">The LP optimum in rating points, rounded down: a proven lower bound on the objective.</param>
internal sealed record FlowSolution(double[][] Flows, decimal Bound);

/// <summary>
/// A lower bound on a many-site problem that stays small however many workers there are: an LP over the hours
/// <c>y[a,t]</c> the workers of each site <c>a</c> hold of each task <c>t</c>, in place of the hours of each worker.
/// </summary>
/// <remarks>
/// <para>
/// Constraints: every task covered, <c>Σ_a y[a,t] = h_t</c>; each site's workers' hours, <c>Σ_t y[a,t] = H_a</c>;
/// <c>y[a,t]</c> at most what the site's workers could hold of it (the sum of their pairs' upper bounds, so skills,
/// exclusions and service limits count); hours away from home at most the sum of the workers' secondary caps, or, for
/// whole workers, at most the hours of the <c>MaxMovedWorkers</c> largest jobs of the group; and the hours-weighted
/// average score of each site's workers within <c>Δ</c> of the target: <c>|Σ_t e_t·y[a,t] − Ē·H_a| ≤ Δ_E·H_a</c>.
/// Objective: <c>min wE·Δ_E + wD·Δ_D</c>.
/// </para>
/// <para>
/// Why it is a lower bound: any plan <c>x</c> gives <c>y[a,t] = Σ_{w of a} x[w,t]</c>, which keeps every constraint
/// above; and the average of a site's workers' scores, weighted by their hours, is <c>Σ_t e_t·y[a,t] / H_a</c>, so
/// some worker of <c>a</c> deviates from <c>Ē</c> at least as far as that average does. Hence <c>(Δ_E, Δ_D)</c> of the
/// plan is feasible for the LP and its objective is at least the LP's optimum. Without work away from home the LP is the
/// largest distance of a site's average from the target, which no plan of that site can beat.
/// </para>
/// </remarks>
internal static class FlowBound
{
    /// <summary>Solves the flow LP of <paramref name="problem"/> (one period, one balance group); <see langword="null"/> when GLOP does not finish.</summary>
    public static FlowSolution? Solve(BalancingProblem problem, TimeSpan limit)
    {
        if (problem.PeriodCount != 1 || problem.GroupHours.Length != 1)
        {
            throw new ArgumentException("The flow LP is for one period measured against one target.", nameof(problem));
        }

        var sites = problem.SiteCount;
        var upper = new double[sites][];
        for (var a = 0; a < sites; a++)
        {
            upper[a] = new double[problem.TaskCount];
        }

        foreach (var pair in problem.Pairs)
        {
            upper[problem.WorkerHome[pair.Worker]][pair.Task] += pair.Upper;
        }

        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver.");
        try
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
            var y = upper.Select(row => row.Select(u => u > 0 ? solver.MakeNumVar(0, u, "") : null).ToArray()).ToArray();
            for (var t = 0; t < problem.TaskCount; t++)
            {
                var coverage = solver.MakeConstraint(problem.TaskHours[t], problem.TaskHours[t]);
                for (var a = 0; a < sites; a++)
                {
                    if (y[a][t] is { } v)
                    {
                        coverage.SetCoefficient(v, 1);
                    }
                }
            }

            var siteHours = new double[sites];
            var secondaryCap = new double[sites];
            for (var w = 0; w < problem.WorkerCount; w++)
            {
                siteHours[problem.WorkerHome[w]] += problem.WorkerHours[w];
                secondaryCap[problem.WorkerHome[w]] += problem.SecondaryCap(w, 0);
            }

            var deviation = new[] { solver.MakeNumVar(0, double.PositiveInfinity, "DE"), solver.MakeNumVar(0, double.PositiveInfinity, "DD") };
            for (var a = 0; a < sites; a++)
            {
                if (siteHours[a] == 0)
                {
                    continue;
                }

                var capacity = solver.MakeConstraint(siteHours[a], siteHours[a]);
                var away = solver.MakeConstraint(0, secondaryCap[a]);
                for (var t = 0; t < problem.TaskCount; t++)
                {
                    if (y[a][t] is { } v)
                    {
                        capacity.SetCoefficient(v, 1);
                        away.SetCoefficient(v, problem.TaskSite[t] == a ? 0 : 1);
                    }
                }

                // |Σ_t e_t·y[a,t] / H_a − Ē| ≤ Δ, in rating points.
                for (var k = 0; k < 2; k++)
                {
                    var target = (double)problem.GroupTotals[k][0] / problem.GroupHours[0] / problem.RatingScale;
                    var above = solver.MakeConstraint(double.NegativeInfinity, target);
                    var below = solver.MakeConstraint(target, double.PositiveInfinity);
                    for (var t = 0; t < problem.TaskCount; t++)
                    {
                        if (y[a][t] is { } v)
                        {
                            var coefficient = (double)problem.Ratings[k][t] / problem.RatingScale / siteHours[a];
                            above.SetCoefficient(v, coefficient);
                            below.SetCoefficient(v, coefficient);
                        }
                    }

                    above.SetCoefficient(deviation[k], -1);
                    below.SetCoefficient(deviation[k], 1);
                }
            }

            AddMovedWorkersCap(problem, solver, y);
            var objective = solver.Objective();
            objective.SetCoefficient(deviation[0], (double)problem.Weights[0] / problem.WeightScale);
            objective.SetCoefficient(deviation[1], (double)problem.Weights[1] / problem.WeightScale);
            objective.SetMinimization();
            if (solver.Solve() != Solver.ResultStatus.OPTIMAL)
            {
                return null;
            }

            // GLOP works in floating point to about 1e-7: give that back, then round down to a millionth.
            var value = objective.Value();
            var bound = Math.Max(0, Math.Floor((value - 1e-6 - (1e-6 * Math.Abs(value))) * 1e6) / 1e6);
            return new FlowSolution([.. y.Select(row => row.Select(v => v?.SolutionValue() ?? 0).ToArray())], (decimal)bound);
        }
        finally
        {
            // The variables' values are read through the solver; it must outlive them (see DESIGN.md).
            GC.KeepAlive(solver);
            solver.Dispose();
        }
    }

    /// <summary>For whole workers with a cap, the hours away from home in each group: at most the largest jobs of as many workers as may move.</summary>
    private static void AddMovedWorkersCap(BalancingProblem problem, Solver solver, Variable?[][] y)
    {
        if (problem.Spec.Mixing is not { WholeWorkers: true, MaxMovedWorkers: { } cap } mixing)
        {
            return;
        }

        foreach (var group in Enumerable.Range(0, problem.SiteCount).GroupBy(s => mixing.Group[s]))
        {
            var sites = group.ToHashSet();
            var most = Enumerable.Range(0, problem.WorkerCount).Where(w => sites.Contains(problem.WorkerHome[w]))
                .Select(w => problem.WorkerHours[w]).OrderDescending().Take(cap).Sum();
            var away = solver.MakeConstraint(0, most);
            foreach (var a in sites)
            {
                for (var t = 0; t < problem.TaskCount; t++)
                {
                    if (y[a][t] is { } v && problem.TaskSite[t] != a)
                    {
                        away.SetCoefficient(v, 1);
                    }
                }
            }
        }
    }
}
