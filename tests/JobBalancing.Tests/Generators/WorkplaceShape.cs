namespace JobBalancing.Tests.Generators;

/// <summary>How big the generated workplaces are: counts of workers and tasks, and a full-time job in hour units.</summary>
/// <param name="MinWorkers">The fewest workers.</param>
/// <param name="MaxWorkers">The most workers.</param>
/// <param name="MinTasks">The fewest tasks (fewer when the workers have fewer hour units in all).</param>
/// <param name="MaxTasks">The most tasks.</param>
/// <param name="MinFullTimeUnits">The shortest full-time job, in hour units.</param>
/// <param name="MaxFullTimeUnits">The longest full-time job, in hour units; part-timers have fewer.</param>
internal sealed record WorkplaceShape(int MinWorkers, int MaxWorkers, int MinTasks, int MaxTasks, int MinFullTimeUnits, int MaxFullTimeUnits)
{
    /// <summary>2–6 workers and 2–6 tasks, jobs of 4–10 hour units: solved to optimality in well under a second.</summary>
    public static WorkplaceShape Small { get; } = new(2, 6, 2, 6, 4, 10);

    /// <summary>
    /// 1–3 workers and 2–4 tasks, jobs of 2–6 hour units: small enough that every plan can be enumerated
    /// (at most 84 ways to split a 6-unit job over 4 tasks, so a few thousand candidate plans).
    /// </summary>
    public static WorkplaceShape Tiny { get; } = new(1, 3, 2, 4, 2, 6);
}
