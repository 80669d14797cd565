namespace JobBalancing.Domain;

/// <summary>
/// One council's tasks and workers, and the rules for composing its jobs. Immutable: change it with
/// <c>with</c> expressions. Check it with <see cref="Validate"/> before use; the solvers do so themselves.
/// </summary>
public sealed record Workplace
{
    /// <summary>The workplace's identifier.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name; the identifier when absent.</summary>
    public string? Name { get; init; }

    /// <summary>The region whose rules apply to the workplace, if any.</summary>
    public string? Region { get; init; }

    /// <summary>The enterprise the workplace belongs to, if any.</summary>
    public string? Enterprise { get; init; }

    /// <summary>
    /// The granularity of hours: every hour figure is a multiple of it.
    /// <value>The default value is 1 hour.</value>
    /// </summary>
    public decimal HourUnit { get; init; } = 1;

    /// <summary>
    /// The scale the ratings are given on.
    /// <value>The default is 1 to 10.</value>
    /// </summary>
    public RatingScale RatingScale { get; init; } = RatingScale.Default;

    /// <summary>The skills that tasks may require.</summary>
    public IReadOnlyList<Skill> Skills { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>The tasks to be covered each period.</summary>
    public IReadOnlyList<WorkTask> Tasks { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>The council's members.</summary>
    public IReadOnlyList<Worker> Workers { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>
    /// How jobs may be composed.
    /// <value>The default is no fragmentation limit and no training.</value>
    /// </summary>
    public WorkplaceRules Rules { get; init; } = WorkplaceRules.Default;

    /// <summary>
    /// The weights of the objective.
    /// <value>The default is 1 for empowerment and 1 for desirability.</value>
    /// </summary>
    public ObjectiveWeights Weights { get; init; } = ObjectiveWeights.Default;

    /// <summary>
    /// How jobs may rotate when the workplace is planned over several periods.
    /// <value>The default is no rotation rules.</value>
    /// </summary>
    public RotationRules Rotation { get; init; } = RotationRules.Default;

    /// <summary>The name to show people: <see cref="Name"/> or, when absent, <see cref="Id"/>.</summary>
    public string DisplayName => Name ?? Id;

    /// <summary>Every problem with this workplace, at once; empty when it is valid.</summary>
    /// <returns>The problems, each naming the field (as a JSON path) and the value.</returns>
    public IReadOnlyList<ValidationProblem> Validate() => WorkplaceValidator.Validate(this);

    /// <summary>Throws when <see cref="Validate"/> finds any problem.</summary>
    /// <exception cref="InvalidWorkplaceException">The workplace has problems; all of them are listed.</exception>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new InvalidWorkplaceException(problems);
        }
    }
}
