using JobBalancing.Solving;

namespace JobBalancing.Benchmarks;

/// <summary>Something in a measured solve that looked wrong.</summary>
/// <param name="Text">What, in words, with the figures.</param>
/// <param name="BreaksContract">
/// Whether it breaks what the balancer promises (DESIGN.md, the API docs), rather than only looking poor. Only these fail
/// the harness, so that <c>--quick</c> in CI does not fail on a slow, shared machine.
/// </param>
internal sealed record Finding(string Text, bool BreaksContract);

/// <summary>
/// What in a measured solve contradicts the balancer's contract or common sense. The harness prints these under the
/// table and exits with 1 when one breaks the contract, so that a benchmark run doubles as a check.
/// </summary>
internal static class SolverChecks
{
    /// <summary>A budget overrun smaller than this is shutdown noise, not a solver ignoring its time limit.</summary>
    private static readonly TimeSpan OverrunAllowance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far a reported objective may differ from the plan's recomputed one: the two are computed in different ways
    /// (scaled integers against decimal divisions), which agree only to about 26 decimals.
    /// </summary>
    private const decimal RoundingNoise = 1e-9m;

    /// <summary>What looked wrong in the balancer's answer <paramref name="result"/> and its progress reports <paramref name="timeline"/>.</summary>
    public static IEnumerable<Finding> Findings(BalancingResult result, SolveTimeline timeline, decimal currentObjective, TimeSpan budget, TimeSpan wall)
    {
        var reports = timeline.Reports;
        if (result.Plan is not { } plan)
        {
            yield return Contract($"no plan: {result.Status}, {result.Explanation}");
            yield break;
        }

        if (plan.Violations.Count > 0)
        {
            yield return Contract($"the plan breaks {plan.Violations.Count} rules, first: {plan.Violations[0]}");
        }

        if (result.Bound > plan.Objective)
        {
            yield return Contract($"the final bound {result.Bound:0.####} is above the final objective {plan.Objective:0.####}");
        }

        if (reports.FirstOrDefault(r => r.Bound > plan.Objective + RoundingNoise) is { } early)
        {
            yield return Contract($"a bound of {early.Bound:0.####} reported at {early.Elapsed.TotalSeconds:0.00} s is above the final objective {plan.Objective:0.####}, so it was no bound");
        }

        if (reports.Zip(reports.Skip(1)).FirstOrDefault(p => p.Second.Bound < p.First.Bound) is { First: not null } drop)
        {
            yield return Contract($"the reported bound fell from {drop.First.Bound:0.####} to {drop.Second.Bound:0.####} at {drop.Second.Elapsed.TotalSeconds:0.00} s");
        }

        if (reports.Count == 0)
        {
            yield return Contract($"a plan was returned but no progress was ever reported");
        }
        else if (reports.Min(r => r.Objective) is var bestReported && plan.Objective < bestReported - RoundingNoise)
        {
            yield return Notice($"the final plan ({plan.Objective:0.####}) is better balanced than any progress report (best {bestReported:0.####}): an improvement went unreported");
        }
        else if (plan.Objective > bestReported + RoundingNoise)
        {
            yield return Contract($"the final plan ({plan.Objective:0.####}) is less balanced than a reported one ({bestReported:0.####}): a plan was lost");
        }

        if (result.Status == SolveStatus.Optimal && result.Gap > 0)
        {
            yield return Contract($"status Optimal with a gap of {result.Gap:0.####}");
        }

        if (result.Status == SolveStatus.Feasible && result.Gap == 0)
        {
            yield return Notice($"status Feasible though the plan meets its bound (gap 0): optimal but not said so");
        }

        if (plan.Objective > currentObjective)
        {
            yield return Notice($"the plan ({plan.Objective:0.####}) is less balanced than the current assignment ({currentObjective:0.####}), which keeps every rule");
        }

        if (wall > budget + OverrunAllowance)
        {
            yield return Notice($"took {wall.TotalSeconds:0.0} s on a budget of {budget.TotalSeconds:0.###} s");
        }
    }

    /// <summary>
    /// What looked wrong in a peer's plan: any broken rule breaks the contract (the peer is only compared on plans that
    /// keep every rule), and so does a bound of its own above its plan.
    /// </summary>
    /// <param name="plan">The plan as <c>PlanEvaluator</c> evaluated it.</param>
    /// <param name="bound">The peer's proven bound for the same solve.</param>
    /// <param name="when">Which run or moment the plan is from, for the text.</param>
    public static IEnumerable<Finding> PeerPlanFindings(Domain.Plan plan, decimal bound, string when)
    {
        if (plan.Violations.Count > 0)
        {
            yield return Contract($"{when}: the plan breaks {plan.Violations.Count} rules, first: {plan.Violations[0]}");
        }

        if (bound > plan.Objective + RoundingNoise)
        {
            yield return Contract($"{when}: the bound {bound:0.######} is above the plan's recomputed objective {plan.Objective:0.######}");
        }
    }

    /// <summary>
    /// What looked wrong across the solvers of one instance: a bound proven by one above a plan found by another, or above
    /// the stored best known plan, means one of them models the contract wrongly.
    /// </summary>
    public static IEnumerable<Finding> CrossFindings(IReadOnlyList<Runners.SolverRun> runs, BestKnownPlan? stored = null) =>
        (from prover in runs
         from finder in runs
         let found = finder.BestObjective
         where prover != finder && prover.Bound > found + RoundingNoise
         select Contract($"{prover.Name}'s bound {prover.Bound:0.######} is above {finder.Name}'s plan ({found:0.######}): one of them breaks the contract"))
        .Concat(
            from prover in runs
            where stored is not null && prover.Bound > stored.Objective + RoundingNoise
            select Contract($"{prover.Name}'s bound {prover.Bound:0.######} is above the best known plan ({stored!.Objective:0.######}, {stored.Path}): the bound is no bound"));

    public static Finding Contract(FormattableString text) => new(Invariant.Text(text), BreaksContract: true);

    public static Finding Notice(FormattableString text) => new(Invariant.Text(text), BreaksContract: false);
}
