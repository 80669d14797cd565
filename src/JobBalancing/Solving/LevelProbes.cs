namespace JobBalancing.Solving;

/// <summary>What the probes of <see cref="LevelProbes"/> proved and found.</summary>
/// <param name="Bound">The bound, raised by every level refuted (never below the one given).</param>
/// <param name="Plan">A plan better than the incumbent that a probe found within its level, or <see langword="null"/>.</param>
/// <param name="Mix">The whole jobs' mix at the lowest level not refuted (<see cref="WholeJobBound.Mix"/>), or <see langword="null"/>.</param>
internal sealed record ProbeOutcome(long Bound, int[]? Plan, JobMix? Mix = null);

/// <summary>
/// A lower bound from levels just above a known one, each a question: is there a plan within it? Asked of CP-SAT, with
/// the objective capped at the level, CP-SAT's root cuts, and the fixings the cap allows, refute levels that its search of the
/// whole model does not: on the generated M workplace the whole model's bound stays at 0.082 for minutes, while "within
/// 0.088" is refuted in 1.0 s, 0.090 in 1.7 s and 0.092 in 4.0 s. Asked of the configuration LP of whole jobs
/// (<see cref="WholeJobBound"/>), it goes further on M: 0.085 in 3.1 s, then 0.090, 0.095, 0.100 and 0.102 by 7.2 s.
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
    /// Probes levels between <paramref name="bound"/> and <paramref name="incumbent"/>'s balance with CP-SAT, the objective
    /// capped at each, until the deadline, or until the two are within 1 % (one unit at least) of each other.
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
        CancellationToken cancellationToken, Action<long, string>? onProbe = null) =>
        Raise(problem, incumbent, bound, deadline, (level, lowest, hint) =>
        {
            var model = CpSatModel.Build(problem, Stage.Balance, new StageCaps(Balance: level), lowerBound: lowest);
            model.Hint(hint);
            var limit = TimeSpan.FromTicks(Math.Min(probeTime.Ticks, Math.Max(0, (deadline - DateTime.UtcNow).Ticks)));
            var outcome = CpSatRun.Solve(model, null, limit, threads, seed, cancellationToken, stopAtFirst: true);
            onProbe?.Invoke(level, outcome.Status.ToString());
            return new ProbeAnswer(outcome.IsInfeasible, outcome.Plan, outcome.Bound);
        }, cancellationToken);

    /// <summary>
    /// Probes levels between <paramref name="bound"/> and <paramref name="incumbent"/>'s balance with the configuration LP
    /// of whole jobs (<see cref="WholeJobBound"/>, its pool of jobs kept from level to level), as
    /// <see cref="Raise(BalancingProblem, int[], long, DateTime, TimeSpan, int, int, CancellationToken, Action{long, string}?)"/>
    /// does with CP-SAT. It finds no plans, but its mix at the lowest level not refuted points to one.
    /// </summary>
    public static ProbeOutcome RaiseByWholeJobs(
        BalancingProblem problem, int[] incumbent, long bound, DateTime deadline, int threads, int seed,
        CancellationToken cancellationToken, Action<long, string>? onProbe = null)
    {
        var jobs = new WholeJobBound(problem, threads, seed);
        jobs.Seed(incumbent);
        var outcome = Raise(problem, incumbent, bound, deadline, (level, _, _) =>
        {
            var answer = jobs.Level(level, deadline, cancellationToken);
            onProbe?.Invoke(level, answer.ToString());
            return new ProbeAnswer(answer == WholeJobAnswer.Refuted, null, 0);
        }, cancellationToken);
        return outcome with { Mix = jobs.Mix() };
    }

    /// <summary>
    /// The levels, each put to <paramref name="probe"/> with the bound so far and the plan to hint: 4 % above the bound (or
    /// the smaller step near 0) until one is not refuted, then halving the interval below the lowest such level.
    /// </summary>
    private static ProbeOutcome Raise(
        BalancingProblem problem, int[] incumbent, long bound, DateTime deadline, Func<long, long, int[], ProbeAnswer> probe,
        CancellationToken cancellationToken)
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
            var answer = probe(level, bound, found ?? incumbent);
            if (answer.Refuted)
            {
                bound = level + 1;
                small *= 2;
            }
            else if (answer.Plan is { } plan)
            {
                (found, balance) = (plan, StageValues.Of(problem, plan).Balance);
            }
            else
            {
                bound = Math.Max(bound, answer.Bound);
                unsettled = level;
            }
        }

        return new ProbeOutcome(bound, found);
    }

    /// <summary>What one probe settled about its level.</summary>
    /// <param name="Refuted">Whether no plan is within the level.</param>
    /// <param name="Plan">A plan within the level, or <see langword="null"/>.</param>
    /// <param name="Bound">A bound the probe proved without settling the level (0 for none).</param>
    private readonly record struct ProbeAnswer(bool Refuted, int[]? Plan, long Bound);
}
