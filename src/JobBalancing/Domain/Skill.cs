namespace JobBalancing.Domain;

/// <summary>A skill that some tasks require, and what it costs to learn it. Immutable.</summary>
public sealed record Skill
{
    /// <summary>The skill's identifier, unique within its workplace; tasks name it in <see cref="WorkTask.Skill"/>.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name; the identifier when absent.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// Hours of training a worker needs, once, to acquire the skill.
    /// <value>The default value is 0 hours.</value>
    /// </summary>
    public decimal TrainingHours { get; init; }
}
