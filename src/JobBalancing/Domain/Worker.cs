namespace JobBalancing.Domain;

/// <summary>A member of the council: contracted hours, skills, and the work they hold now. Immutable.</summary>
public sealed record Worker
{
    /// <summary>The worker's identifier, unique within their workplace.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name; the identifier when absent.</summary>
    public string? Name { get; init; }

    /// <summary>Contracted hours per period: <c>H_w</c>, a positive multiple of the hour unit.</summary>
    public required decimal Hours { get; init; }

    /// <summary>The skills the worker already has.</summary>
    public IReadOnlyList<string> Skills { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>
    /// Hours per task the worker holds now; reassignment is measured against it.
    /// Empty for a worker who holds no job yet (such a worker is not counted as reassigned).
    /// </summary>
    public IReadOnlyDictionary<string, decimal> Current { get; init => field = ImmutableList.Copy(value); } = ImmutableList.EmptyHours;

    /// <summary>Hours per task the worker must keep at least: <c>x[w,t] ≥ fixed[w,t]</c>.</summary>
    public IReadOnlyDictionary<string, decimal> Fixed { get; init => field = ImmutableList.Copy(value); } = ImmutableList.EmptyHours;

    /// <summary>Tasks the worker must not be given: <c>x[w,t] = 0</c>.</summary>
    public IReadOnlyList<string> Excluded { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>The name to show people: <see cref="Name"/> or, when absent, <see cref="Id"/>.</summary>
    public string DisplayName => Name ?? Id;
}
