namespace JobBalancing.Domain;

/// <summary>The rules a council sets for how jobs may be composed. Immutable.</summary>
public sealed record WorkplaceRules
{
    /// <summary>The rules with every default.</summary>
    public static WorkplaceRules Default { get; } = new();

    /// <summary>
    /// The fragmentation limit: the most distinct tasks one worker may hold.
    /// <value>The default, <see langword="null"/>, means no limit.</value>
    /// </summary>
    public int? MaxTasksPerWorker { get; init; }

    /// <summary>
    /// Whether a worker may be given a task whose skill they lack, at the cost of that skill's training hours.
    /// <value>The default value is <see langword="false"/>.</value>
    /// </summary>
    public bool AllowTraining { get; init; }
}

/// <summary>The scale ratings are given on: <c>min ≤ rating ≤ max</c>. Immutable.</summary>
/// <param name="Min">The lowest rating.</param>
/// <param name="Max">The highest rating.</param>
public sealed record RatingScale(decimal Min, decimal Max)
{
    /// <summary>The scale from 1 to 10.</summary>
    public static RatingScale Default { get; } = new(1, 10);

    /// <summary>Whether <paramref name="rating"/> lies on the scale.</summary>
    /// <param name="rating">A rating.</param>
    /// <returns><see langword="true"/> when <c>min ≤ rating ≤ max</c>.</returns>
    public bool Contains(decimal rating) => rating >= Min && rating <= Max;
}

/// <summary>
/// How much each deviation counts in the objective <c>wE·Δ_E + wD·Δ_D</c>. Immutable.
/// </summary>
/// <param name="Empowerment">The weight <c>wE</c> of the largest empowerment deviation.</param>
/// <param name="Desirability">The weight <c>wD</c> of the largest desirability deviation.</param>
public sealed record ObjectiveWeights(decimal Empowerment, decimal Desirability)
{
    /// <summary>Both weights 1.</summary>
    public static ObjectiveWeights Default { get; } = new(1, 1);
}
