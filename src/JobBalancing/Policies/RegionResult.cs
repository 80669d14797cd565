using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// One part of a region solved on its own: a workplace, or a group of workplaces balanced together, with what the search
/// proved about it. Its objective and bound are against the part's own average (the workplace's, the enterprise's or the
/// region's).
/// </summary>
/// <param name="Workplaces">The workplaces of the part.</param>
/// <param name="Status">How the part's solve ended.</param>
/// <param name="Objective">The part's objective, <c>wE·Δ_E + wD·Δ_D</c> against its own average; <see langword="null"/> without a plan.</param>
/// <param name="Bound">A proven lower bound on that objective.</param>
/// <param name="BoundSource">Where the bound comes from (see <see cref="BalancingResult.BoundSource"/>).</param>
/// <param name="Explanation">Why there is no plan, when there is none.</param>
public sealed record RegionPart(IReadOnlyList<string> Workplaces, SolveStatus Status, decimal? Objective, decimal Bound, string BoundSource, string? Explanation);

/// <summary>The answer to balancing a region under one policy: the plan when every part has one, and what each part proved. Immutable.</summary>
public sealed record RegionResult
{
    /// <summary>The policy.</summary>
    public required Policy Policy { get; init; }

    /// <summary>
    /// <see cref="SolveStatus.Optimal"/> when every part is proven optimal, <see cref="SolveStatus.Feasible"/> when every
    /// part has a plan, otherwise the first part's status that has none.
    /// </summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The plan over the whole region; <see langword="null"/> when a part has none.</summary>
    public RegionPlan? Plan { get; init; }

    /// <summary>Each part solved on its own.</summary>
    public required IReadOnlyList<RegionPart> Parts { get; init; }

    /// <summary>Why there is no plan, in plain words, naming the part.</summary>
    public string? Explanation { get; init; }

    /// <summary>Wall-clock time of every part together.</summary>
    public TimeSpan SolveTime { get; init; }
}
