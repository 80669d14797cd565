using JobBalancing.Diagnostics;
using JobBalancing.Domain;

namespace JobBalancing.Solving;

/// <summary>
/// The answer to one balancing problem: its status, the plan when one was found, the proven bound on the objective,
/// and why, when there is no plan. Immutable.
/// </summary>
public sealed record BalancingResult
{
    /// <summary>How the solve ended.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The best plan found, with its balance and costs; <see langword="null"/> when none was found.</summary>
    public Plan? Plan { get; init; }

    /// <summary>
    /// A proven lower bound on the objective of every plan, in rating points: no plan can be better balanced.
    /// 0 when nothing better is proven.
    /// </summary>
    public decimal Bound { get; init; }

    /// <summary>
    /// Where <see cref="Bound"/> comes from: <c>CP-SAT</c> (its proof), <c>refuted levels</c> (CP-SAT proved that no plan
    /// is within a level just below the bound), <c>LP relaxation</c>, <c>per-worker</c> (what each worker alone can
    /// reach), <c>task shares</c> (how whole hours of each task can be shared out), <c>whole jobs</c> (no mix of whole
    /// jobs, each within a level just below the bound, covers every task), or <c>trivial</c> (0: no plan balances better
    /// than perfectly).
    /// </summary>
    public string BoundSource { get; init; } = "trivial";

    /// <summary>How far the plan can still be from optimal: objective less bound; <see langword="null"/> without a plan.</summary>
    public decimal? Gap => Plan is null ? null : Math.Max(0, Plan.Objective - Bound);

    /// <summary>Why there is no plan, in plain words, when <see cref="Status"/> is <see cref="SolveStatus.Infeasible"/> or <see cref="SolveStatus.Unknown"/>.</summary>
    public string? Explanation { get; init; }

    /// <summary>
    /// When <see cref="Status"/> is <see cref="SolveStatus.Infeasible"/>: a set of rules that no plan keeps at once, and
    /// that is minimal (drop any one of them and a plan exists) unless the search for it ran out of time. Empty otherwise.
    /// </summary>
    public IReadOnlyList<ConflictingRule> ConflictingRules { get; init; } = [];

    /// <summary>Every problem with the input, when <see cref="Status"/> is <see cref="SolveStatus.Invalid"/>.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; init; } = [];

    /// <summary>Wall-clock time the solve took.</summary>
    public TimeSpan SolveTime { get; init; }

    /// <summary>Whether a plan was found.</summary>
    public bool HasPlan => Plan is not null;
}
