namespace JobBalancing.Solving;

/// <summary>What the probes of <see cref="LevelProbes"/> proved and found.</summary>
/// <param name="Bound">The bound, raised by every level refuted (never below the one given).</param>
/// <param name="Plan">A plan better than the incumbent that a probe found within its level, or <see langword="null"/>.</param>
internal sealed record ProbeOutcome(long Bound, int[]? Plan);

/// <summary>
/// A lower bound from levels just above a known one, each a question to CP-SAT: is there a plan within it? With the
/// objective capped at the level, CP-SAT's root cuts, and the fixings the cap allows, refute levels that its search of the
/// whole model does not: on the generated M workplace the whole model's bound stays at 0.082 for minutes, while "within
/// 0.088" is refuted in 1.0 s, 0.090 in 1.7 s and 0.092 in 4.0 s.
/// </summary>
/// <remarks>
/// Each level refuted raises the bound past it. The next level is 4 % above the bound: a level is the harder to settle the
/// nearer it is to the optimum, and a larger step is more often left unsettled (on M, doubling the step after each
/// refutation left the bound at 0.086 after 3 s, where 4 % steps reach 0.089). While the bound is near 0 the step is
/// rather a thousandth of the gap to the incumbent, doubled after each refutation. Once a level is not settled in time,
/// each level halves the interval between the bound and the lowest such level. A probe left unsettled still bounds: its
/// own bound holds for the plans within its level, and every other plan is beyond the level. A probe may also find a
/// plan within its level: then that plan is the incumbent, and the probes go on below it.
/// </remarks>
internal static class LevelProbes
{
    /// <summary>
    /// Probes levels between <paramref name="bound"/> and <paramref name="incumbent"/>'s balance until the deadline, or
    /// until the two are within 1 % (one unit at least) of each other.
    /// </summary>
    /// <param name="problem">The compiled problem.</param>
    /// <param name="incumbent">The best plan known; it hints every probe.</param>
    /// <param name="bound">A proven lower bound on the balance objective, in its integer units.</param>
    /// <param name="deadline">When to stop probing.</param>
    /// <param name="probeTime">The longest one probe may take.</param>
    /// <param name="threads">CP-SAT's workers.</param>
    /// <param name="seed">CP-SAT's seed.</param>
    /// <param name="cancellationToken">Stops the probes.</param>
    /// <param name="onProbe">Told each level probed and CP-SAT's answer.</param>
    public static ProbeOutcome Raise(
        BalancingProblem problem, int[] incumbent, long bound, DateTime deadline, TimeSpan probeTime, int threads, int seed,
        CancellationToken cancellationToken, Action<long, string>? onProbe = null)
    {
        var balance = StageValues.Of(problem, incumbent).Balance;
        var (small, unsettled, found) = (Math.Max(1, (balance - bound) / 1000), long.MaxValue, (int[]?)null);
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            var above = Math.Min(unsettled, balance);
            if (above - bound <= Math.Max(1, bound / 100))
            {
                break;
            }

            var level = unsettled == long.MaxValue ? Math.Min(bound + Math.Max(bound / 25, small), balance - 1) : bound + ((above - bound) / 2);
            var model = CpSatModel.Build(problem, Stage.Balance, new StageCaps(Balance: level), lowerBound: bound);
            model.Hint(found ?? incumbent);
            var limit = TimeSpan.FromTicks(Math.Min(probeTime.Ticks, Math.Max(0, (deadline - DateTime.UtcNow).Ticks)));
            var outcome = CpSatRun.Solve(model, null, limit, threads, seed, cancellationToken, stopAtFirst: true);
            onProbe?.Invoke(level, outcome.Status.ToString());
            if (outcome.IsInfeasible)
            {
                bound = level + 1;
                small *= 2;
            }
            else if (outcome.Plan is { } plan)
            {
                (found, balance) = (plan, StageValues.Of(problem, plan).Balance);
            }
            else
            {
                bound = Math.Max(bound, outcome.Bound);
                unsettled = level;
            }
        }

        return new ProbeOutcome(bound, found);
    }
}
