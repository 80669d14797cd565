using JobBalancing.Domain;

namespace JobBalancing.Solving;

/// <summary>
/// What to balance, before it is compiled: one or more workplaces (sites), each as a snapshot per period, how balance is
/// measured, and whether workers may work beyond their own workplace. A single workplace is one site over one period; a
/// region is several sites; a horizon is several periods. All compile to one <see cref="BalancingProblem"/>, so that every
/// solver serves all three.
/// </summary>
internal sealed record BalancingSpec
{
    /// <summary>
    /// The sites' snapshots, <c>[site][period]</c>, every site with the same number of periods. A worker is the same
    /// person in every period of their home site (matched by id) and has no hours in a period whose snapshot lacks them.
    /// All sites share one hour unit.
    /// </summary>
    public required IReadOnlyList<IReadOnlyList<Workplace>> Sites { get; init; }

    /// <summary>Whether balance is measured over the whole horizon (dynamic) or in every period (static).</summary>
    public BalanceMeasure Measure { get; init; } = BalanceMeasure.OverHorizon;

    /// <summary>Whether and how workers may hold hours beyond their home site; <see langword="null"/> for home only.</summary>
    public SiteMixing? Mixing { get; init; }

    /// <summary>
    /// The rules that tie periods together (service limits, least stays) and the tolerance of each period's balance;
    /// none when <see langword="null"/>. Service limits and least stays apply to the tasks of every site with their ids.
    /// </summary>
    public RotationRules? Rotation { get; init; }

    /// <summary>The weights of the objective; the first site's when <see langword="null"/>.</summary>
    public ObjectiveWeights? Weights { get; init; }

    /// <summary>
    /// A fixed target for each balance group (one per period for <see cref="BalanceMeasure.EveryPeriod"/>, else one):
    /// rows are measured against its averages instead of those of the spec's own tasks. A few workplaces of a region are
    /// balanced against the region's average this way. <see langword="null"/> for the spec's own averages.
    /// </summary>
    public IReadOnlyList<BalanceTarget>? GroupTargets { get; init; }

    /// <summary>One workplace over one period: the plain balancing problem of DESIGN.md.</summary>
    public static BalancingSpec Of(Workplace workplace) => new() { Sites = [[workplace]] };
}

/// <summary>
/// The averages a balance group is measured against, as the totals they are made of, so that the arithmetic stays exact:
/// <c>Ē = EmpowermentHours / Hours</c>, <c>D̄ = DesirabilityHours / Hours</c>.
/// </summary>
/// <param name="EmpowermentHours"><c>Σ e_t·h_t</c> over the tasks the target is the average of.</param>
/// <param name="DesirabilityHours"><c>Σ d_t·h_t</c> over the same tasks.</param>
/// <param name="Hours"><c>Σ h_t</c> over the same tasks; positive, a multiple of the hour unit.</param>
internal sealed record BalanceTarget(decimal EmpowermentHours, decimal DesirabilityHours, decimal Hours)
{
    /// <summary>The target of the tasks of <paramref name="workplaces"/>: their hours-weighted averages.</summary>
    public static BalanceTarget Of(IEnumerable<Workplace> workplaces)
    {
        var tasks = workplaces.SelectMany(w => w.Tasks).ToList();
        return new BalanceTarget(tasks.Sum(t => t.Empowerment * t.Hours), tasks.Sum(t => t.Desirability * t.Hours), tasks.Sum(t => t.Hours));
    }
}

/// <summary>How a plan's balance is measured when there are several periods.</summary>
internal enum BalanceMeasure
{
    /// <summary>Each worker's scores over all periods together against the averages over all periods (dynamic balancing).</summary>
    OverHorizon,

    /// <summary>Each worker's scores in each period against that period's averages; the objective is the worst period (static balancing).</summary>
    EveryPeriod,
}

/// <summary>
/// Work beyond a worker's home site: secondary jobs in other sites of the same group (<c>regionalMix</c>), or whole
/// workers placed at one site of their group per period (<c>reallocation</c>).
/// </summary>
/// <param name="Group">Each site's group; workers may work only at sites of their home's group.</param>
/// <param name="MaxSecondaryShare">The most of a worker's hours in a period that may be at other sites (0 to 1).</param>
/// <param name="MaxSecondarySites">The most other sites a worker may work at over the horizon.</param>
/// <param name="MinSecondaryHours">The least hours a worker holds at another site in a period where they work there at all.</param>
/// <param name="WholeWorkers">Whether each worker works at exactly one site of their group in each period (reallocation).</param>
/// <param name="MaxMovedWorkers">With <paramref name="WholeWorkers"/>, the most workers who work away from home in any period.</param>
internal sealed record SiteMixing(
    IReadOnlyList<int> Group,
    decimal MaxSecondaryShare = 1,
    int MaxSecondarySites = 1,
    decimal MinSecondaryHours = 0,
    bool WholeWorkers = false,
    int? MaxMovedWorkers = null);
