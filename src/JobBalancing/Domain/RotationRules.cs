namespace JobBalancing.Domain;

/// <summary>
/// How jobs may rotate when a workplace is planned over several periods (see <c>Balancer.Rotate</c>): limits on
/// consecutive periods in a task or a group of tasks, a least stay in a task a worker was trained for, a tolerance on
/// each period's balance, and how hours change from period to period. A single-period solve ignores them. Immutable.
/// </summary>
public sealed record RotationRules
{
    /// <summary>No rotation rules: every period like the workplace, no limits.</summary>
    public static RotationRules Default { get; } = new();

    /// <summary>Limits on consecutive periods of service in a task or a group of tasks.</summary>
    public IReadOnlyList<ServiceLimit> ServiceLimits { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>
    /// The least number of consecutive periods a worker keeps a task they were trained for, once they start it (cut short
    /// by the end of the horizon), so that training is not spent on a single period.
    /// <value>The default, <see langword="null"/>, means no least stay.</value>
    /// </summary>
    public int? MinStayPeriods { get; init; }

    /// <summary>
    /// With balance over the horizon, the most each worker's scores may differ from the averages in any one period, in
    /// rating points.
    /// <value>The default, <see langword="null"/>, means no limit per period.</value>
    /// </summary>
    public decimal? PeriodTolerance { get; init; }

    /// <summary>
    /// Changes from the workplace's hours, one entry per period from the first; periods beyond the list are like the
    /// workplace. A task with 0 hours is not done in that period; a worker with 0 hours is absent (joined later, or left).
    /// </summary>
    public IReadOnlyList<PeriodChange> Periods { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>Whether there are no rules: no limits, no least stay, no tolerance, no changes by period.</summary>
    public bool IsEmpty => ServiceLimits.Count == 0 && MinStayPeriods is null && PeriodTolerance is null && Periods.Count == 0;
}

/// <summary>A limit on consecutive periods of service: nobody holds any of <see cref="Tasks"/> in more than <see cref="MaxConsecutivePeriods"/> periods in a row.</summary>
public sealed record ServiceLimit
{
    /// <summary>What the limit is called (a group of tasks such as "planning committee"); the tasks when absent.</summary>
    public string? Name { get; init; }

    /// <summary>The ids of the tasks the limit covers: holding any of them counts as serving in that period.</summary>
    public required IReadOnlyList<string> Tasks { get; init => field = ImmutableList.Copy(value); }

    /// <summary>The most consecutive periods a worker may serve.</summary>
    public required int MaxConsecutivePeriods { get; init; }

    /// <summary>The name to show people.</summary>
    public string DisplayName => Name ?? string.Join(", ", Tasks);
}

/// <summary>How one period's hours differ from the workplace's.</summary>
public sealed record PeriodChange
{
    /// <summary>Task hours in this period, by task id; tasks not named keep the workplace's hours.</summary>
    public IReadOnlyDictionary<string, decimal> Tasks { get; init => field = ImmutableList.Copy(value); } = ImmutableList.EmptyHours;

    /// <summary>Worker hours in this period, by worker id; workers not named keep the workplace's hours.</summary>
    public IReadOnlyDictionary<string, decimal> Workers { get; init => field = ImmutableList.Copy(value); } = ImmutableList.EmptyHours;
}
