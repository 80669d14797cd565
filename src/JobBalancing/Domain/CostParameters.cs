using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Domain;

/// <summary>
/// What changing jobs costs, in hours of labour (DESIGN.md's cost model). Training costs each skill's own
/// <see cref="Skill.TrainingHours"/>; the rest is set here. Immutable; check with <see cref="Validate"/>.
/// </summary>
public sealed record CostParameters
{
    /// <summary>The default parameters.</summary>
    public static CostParameters Default { get; } = new();

    /// <summary>
    /// The learning-curve cost of each hour a worker spends on work that was not theirs before, in hours of labour.
    /// <value>The default value is 0.25 hours per hour moved.</value>
    /// </summary>
    public decimal ReassignmentHoursPerHour { get; init; } = 0.25m;

    /// <summary>
    /// The cost of recruiting a worker who joins a workplace, as a primary or secondary member.
    /// <value>The default value is 8 hours per worker.</value>
    /// </summary>
    public decimal RecruitmentHours { get; init; } = 8;

    /// <summary>
    /// The cost of onboarding a worker who joins a workplace, as a primary or secondary member.
    /// <value>The default value is 16 hours per worker.</value>
    /// </summary>
    public decimal OnboardingHours { get; init; } = 16;

    /// <summary>
    /// The coordination overhead of each secondary job (a worker's hours at a workplace other than their home) per period.
    /// <value>The default value is 2 hours.</value>
    /// </summary>
    public decimal CoordinationHoursPerSecondaryJob { get; init; } = 2;

    /// <summary>
    /// Money per hour of labour, to state costs in money as well; <see langword="null"/> for hours only.
    /// <value>The default is <see langword="null"/>.</value>
    /// </summary>
    public decimal? MoneyPerHour { get; init; }

    /// <summary>Every problem with these parameters, each naming its field below <paramref name="path"/>.</summary>
    /// <param name="path">The JSON path of the parameters, such as <c>costs</c>.</param>
    /// <returns>The problems; empty when the parameters are valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(string path = "costs")
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<ValidationProblem>();
        void NotNegative(string field, decimal value)
        {
            if (value < 0)
            {
                problems.Add(new ValidationProblem(path.Length == 0 ? field : $"{path}.{field}", $"{Format(value)} must not be negative"));
            }
        }

        NotNegative("reassignmentHoursPerHour", ReassignmentHoursPerHour);
        NotNegative("recruitmentHours", RecruitmentHours);
        NotNegative("onboardingHours", OnboardingHours);
        NotNegative("coordinationHoursPerSecondaryJob", CoordinationHoursPerSecondaryJob);
        NotNegative("moneyPerHour", MoneyPerHour ?? 0);
        return problems;
    }
}

/// <summary>A council's social benefit and social cost per period, in hours of labour, before any policy changes its jobs.</summary>
/// <param name="SocialBenefit">SB: what the council's output is worth to society.</param>
/// <param name="SocialCost">SC: what its inputs, labour included, cost society.</param>
public sealed record CouncilAccounts(decimal SocialBenefit, decimal SocialCost);
