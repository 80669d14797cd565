namespace JobBalancing.Domain;

/// <summary>
/// A kind of work a workplace needs done each period, with its ratings. Immutable.
/// </summary>
public sealed record WorkTask
{
    /// <summary>The task's identifier, unique within its workplace.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name; the identifier when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Hours of this task the workplace needs per period: <c>h_t</c>, a positive multiple of the hour unit.</summary>
    public required decimal Hours { get; init; }

    /// <summary>How empowering the task is, on the workplace's rating scale: <c>e_t</c>.</summary>
    public required decimal Empowerment { get; init; }

    /// <summary>How desirable the task is, on the workplace's rating scale: <c>d_t</c>.</summary>
    public required decimal Desirability { get; init; }

    /// <summary>The skill a worker needs to do this task, or <see langword="null"/> when anyone may.</summary>
    public string? Skill { get; init; }

    /// <summary>
    /// The least hours a worker holds of this task if they hold any: <c>x[w,t] = 0 or x[w,t] ≥ minChunk</c>.
    /// <value>The default, <see langword="null"/>, means one hour unit.</value>
    /// </summary>
    public decimal? MinChunk { get; init; }

    /// <summary>
    /// The service limit: the most hours one worker may hold of this task, <c>x[w,t] ≤ maxPerWorker</c>.
    /// <value>The default, <see langword="null"/>, means no limit.</value>
    /// </summary>
    public decimal? MaxPerWorker { get; init; }

    /// <summary>The name to show people: <see cref="Name"/> or, when absent, <see cref="Id"/>.</summary>
    public string DisplayName => Name ?? Id;
}
