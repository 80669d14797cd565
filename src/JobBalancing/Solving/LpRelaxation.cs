using Google.OrTools.LinearSolver;

namespace JobBalancing.Solving;

/// <summary>The LP relaxation's answer: fractional hours per pair and the LP optimum, a proven lower bound.</summary>
/// <param name="Hours">Fractional hours per pair, in units.</param>
/// <param name="Bound">The LP optimum in the integer objective's scale, rounded down: no plan scores below it.</param>
internal sealed record LpSolution(double[] Hours, long Bound);

/// <summary>
/// The LP relaxation of the balancing model (GLOP): hours continuous, "holds the task" relaxed to
/// <c>x[w,t] / upper ≤ b[w,t] ≤ 1</c>, so fragmentation becomes <c>Σ_t x[w,t]/upper[w,t] ≤ maxTasks</c>; of the rules
/// of work at other sites only the share of secondary hours stays (the others are dropped, which keeps it a relaxation).
/// Its optimum bounds every plan from below; its hours guide the rounding of <see cref="SolveMethod.Relaxation"/>.
/// </summary>
internal static class LpRelaxation
{
    public static LpSolution? Solve(BalancingProblem problem, TimeSpan limit)
    {
        var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools has no GLOP solver.");
        try
        {
            solver.SetTimeLimit((long)Math.Max(1, limit.TotalMilliseconds));
            var x = problem.Pairs.Select(p => solver.MakeNumVar(p.Fixed, p.Upper, "")).ToArray();
            for (var t = 0; t < problem.TaskCount; t++)
            {
                var coverage = solver.MakeConstraint(problem.TaskHours[t], problem.TaskHours[t]);
                foreach (var p in problem.PairsOfTask[t])
                {
                    coverage.SetCoefficient(x[p], 1);
                }
            }

            var deviation = new[] { solver.MakeNumVar(0, double.PositiveInfinity, "DE"), solver.MakeNumVar(0, double.PositiveInfinity, "DD") };

            // Capacity, fragmentation and work at other sites per worker and period; the deviation of every balance row.
            for (var w = 0; w < problem.WorkerCount; w++)
            {
                for (var period = 0; period < problem.PeriodCount; period++)
                {
                    var pairs = problem.PairsOfWorkerPeriod[w][period];
                    var hours = problem.WorkerPeriodHours[w][period];
                    var capacity = solver.MakeConstraint(hours, hours);
                    var fragments = solver.MakeConstraint(0, Math.Min(problem.MaxTasks[w], pairs.Length));
                    var secondary = solver.MakeConstraint(0, problem.SecondaryCap(w, period));
                    foreach (var p in pairs)
                    {
                        capacity.SetCoefficient(x[p], 1);
                        fragments.SetCoefficient(x[p], 1.0 / problem.Pairs[p].Upper);
                        secondary.SetCoefficient(x[p], problem.IsSecondary[p] ? 1 : 0);
                    }
                }
            }

            for (var r = 0; r < problem.Rows.Length; r++)
            {
                var (h, g) = (problem.Rows[r].Hours, problem.Rows[r].Group);
                for (var k = 0; k < 2; k++)
                {
                    // c·(T·S_r − A·H_r) ≤ H_r·D and −c·(T·S_r − A·H_r) ≤ H_r·D, divided by c·T to keep the numbers small.
                    var offset = (double)problem.GroupTotals[k][g] * h / problem.GroupHours[g];
                    var scale = (double)h / ((double)problem.GroupFactor[g] * problem.GroupHours[g]);
                    var above = solver.MakeConstraint(double.NegativeInfinity, offset);
                    var below = solver.MakeConstraint(-offset, double.PositiveInfinity);
                    foreach (var p in problem.PairsOfRow[r])
                    {
                        var rating = problem.Ratings[k][problem.Pairs[p].Task];
                        above.SetCoefficient(x[p], rating);
                        below.SetCoefficient(x[p], rating);
                    }

                    above.SetCoefficient(deviation[k], -scale);
                    below.SetCoefficient(deviation[k], scale);
                }
            }

            var objective = solver.Objective();
            objective.SetCoefficient(deviation[0], problem.Weights[0]);
            objective.SetCoefficient(deviation[1], problem.Weights[1]);
            objective.SetMinimization();
            if (solver.Solve() != Solver.ResultStatus.OPTIMAL)
            {
                return null;
            }

            // The LP is solved in floating point: give back a little before rounding down, so the bound stays proven.
            var bound = (long)Math.Floor((objective.Value() * (1 - 1e-7)) - 1e-6);
            return new LpSolution([.. x.Select(v => v.SolutionValue())], Math.Max(0, bound));
        }
        finally
        {
            // The variables' values are read through the solver; it must outlive them (see DESIGN.md).
            GC.KeepAlive(solver);
            solver.Dispose();
        }
    }
}
