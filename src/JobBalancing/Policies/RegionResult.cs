using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// One part of a region solved on its own: a workplace, or a group of workplaces balanced together, with what the search
/// proved about it. Its objective and bound are against the part's own average (the workplace's, the enterprise's or the
/// region's); for a cluster of a larger region or enterprise (<see cref="IsCluster"/>), against that scope's average.
/// </summary>
/// <param name="Workplaces">The workplaces of the part.</param>
/// <param name="Status">How the part's solve ended.</param>
/// <param name="Objective">The part's objective, <c>wE·Δ_E + wD·Δ_D</c> against its own average; <see langword="null"/> without a plan.</param>
/// <param name="Bound">A proven lower bound on that objective.</param>
/// <param name="BoundSource">Where the bound comes from (see <see cref="BalancingResult.BoundSource"/>).</param>
/// <param name="Explanation">Why there is no plan, when there is none.</param>
public sealed record RegionPart(IReadOnlyList<string> Workplaces, SolveStatus Status, decimal? Objective, decimal Bound, string BoundSource, string? Explanation)
{
    /// <summary>
    /// Whether the part is a cluster of a region or enterprise too large to solve as one: its workers then work only within
    /// the cluster, and its objective and bound are against the whole scope's average over the cluster's workers alone. Such
    /// a bound holds for the cluster as it was cut, not for the region: see <see cref="RegionResult.Bound"/> for that.
    /// </summary>
    public bool IsCluster { get; init; }
}

/// <summary>The answer to balancing a region under one policy: the plan when every part has one, and what each part proved. Immutable.</summary>
public sealed record RegionResult
{
    /// <summary>The policy.</summary>
    public required Policy Policy { get; init; }

    /// <summary>
    /// <see cref="SolveStatus.Optimal"/> when every part is proven optimal and no scope was split into clusters, or when
    /// the plan's balance meets <see cref="Bound"/>; <see cref="SolveStatus.Feasible"/> when every part has a plan;
    /// otherwise the status of the first part that has none.
    /// </summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The plan over the whole region; <see langword="null"/> when a part has none.</summary>
    public RegionPlan? Plan { get; init; }

    /// <summary>Each part solved on its own.</summary>
    public required IReadOnlyList<RegionPart> Parts { get; init; }

    /// <summary>
    /// A proven lower bound on the plan's balance against the region's average, the largest of the regions'
    /// <see cref="RegionMetrics.Objective"/> (<c>wE·max_w|E_w − Ē| + wD·max_w|D_w − D̄|</c> over each region's workers), valid
    /// for every plan under the policy's rules, however the region was split: the best of the flow LP over the hours each
    /// workplace's workers hold of each task, each worker alone, and a part that is a whole region. 0 without a plan.
    /// </summary>
    public decimal Bound { get; init; }

    /// <summary>Where <see cref="Bound"/> comes from: <c>flow LP</c>, <c>per-worker</c>, <c>part</c> or <c>trivial</c>.</summary>
    public string BoundSource { get; init; } = "trivial";

    /// <summary>Why there is no plan, in plain words, naming the part.</summary>
    public string? Explanation { get; init; }

    /// <summary>Wall-clock time of the policy: its bound, its parts (solved in parallel) and its improvement rounds.</summary>
    public TimeSpan SolveTime { get; init; }
}
