namespace JobBalancing.Policies;

/// <summary>How jobs are balanced between the workplaces of a region (DESIGN.md, "policy").</summary>
public enum Policy
{
    /// <summary>No balancing between workplaces: each workplace balances its own jobs against its own average (the baseline).</summary>
    Within,

    /// <summary>
    /// Workers may take a secondary job at other workplaces of their scope, up to a share of their hours and a number of
    /// workplaces; jobs are balanced against the scope's average.
    /// </summary>
    RegionalMix,

    /// <summary>Whole workers move between workplaces of their scope, up to a cap; jobs are balanced against the scope's average.</summary>
    Reallocation,

    /// <summary>
    /// No work across workplaces: each workplace balances alone under service limits on its most empowering tasks, and a
    /// per-hour pay premium offsets each job's remaining desirability gap to the region's average.
    /// </summary>
    Compensation,
}

/// <summary>Which workplaces balance together under <see cref="Policy.RegionalMix"/> and <see cref="Policy.Reallocation"/>.</summary>
public enum BalancingScope
{
    /// <summary>All workplaces of a region, against the region's average.</summary>
    Region,

    /// <summary>
    /// The workplaces of one enterprise within a region, against the enterprise's average; a workplace of no enterprise
    /// balances alone.
    /// </summary>
    Enterprise,
}
