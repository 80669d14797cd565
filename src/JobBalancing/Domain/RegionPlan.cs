using JobBalancing.Policies;

namespace JobBalancing.Domain;

/// <summary>Hours of one task of one workplace in a job that may span workplaces.</summary>
/// <param name="Workplace">The workplace's identifier.</param>
/// <param name="Task">The task's identifier within that workplace.</param>
/// <param name="Hours">Hours per period.</param>
public sealed record SiteTaskHours(string Workplace, string Task, decimal Hours);

/// <summary>One worker's job in a region: hours at their home workplace and possibly at others, with its scores. Immutable.</summary>
public sealed record RegionJob
{
    /// <summary>The worker's identifier, unique across the region.</summary>
    public required string Worker { get; init; }

    /// <summary>The workplace the worker is a member of.</summary>
    public required string Home { get; init; }

    /// <summary>The worker's hours per period, <c>H_w</c>.</summary>
    public required decimal Hours { get; init; }

    /// <summary>The tasks the worker holds, home workplace first, with their hours; zero-hour tasks left out.</summary>
    public required IReadOnlyList<SiteTaskHours> Tasks { get; init; }

    /// <summary>The workplaces other than home where the worker holds hours.</summary>
    public required IReadOnlyList<string> OtherWorkplaces { get; init; }

    /// <summary>The job's empowerment over all its hours, <c>E_w</c>.</summary>
    public required decimal Empowerment { get; init; }

    /// <summary>The job's desirability over all its hours, <c>D_w</c>.</summary>
    public required decimal Desirability { get; init; }

    /// <summary>The job's empowerment less its region's average: positive when above it.</summary>
    public required decimal EmpowermentDeviation { get; init; }

    /// <summary>The job's desirability less its region's average: positive when above it.</summary>
    public required decimal DesirabilityDeviation { get; init; }

    /// <summary>
    /// Under <see cref="Policy.Compensation"/>, the pay premium per hour as a share of an hour's base pay:
    /// <c>premiumPerPoint·(D̄_region − D_w)</c>, negative for a job more desirable than the average; 0 under other policies.
    /// </summary>
    public required decimal PayPremium { get; init; }
}

/// <summary>
/// What a plan costs, in hours of labour (see docs/regions.md): one-off training, reassignment, recruitment and onboarding,
/// and the recurring coordination and compensation of one period.
/// </summary>
/// <param name="TrainingHours">The training hours of every skill a worker newly needs.</param>
/// <param name="ReassignmentHours">The learning-curve cost of hours moved to work that was not the worker's before.</param>
/// <param name="RecruitmentHours">Recruiting each worker who joins a workplace other than their home.</param>
/// <param name="OnboardingHours">Onboarding each worker who joins a workplace other than their home.</param>
/// <param name="CoordinationHours">The coordination overhead of the secondary jobs, per period.</param>
/// <param name="CompensationHours">
/// Pay premiums per period, in hours of base pay: for a council, the net premiums its members receive; for a region, the
/// premiums paid to the members whose jobs are below the average (the bill).
/// </param>
public sealed record CostBreakdown(
    decimal TrainingHours, decimal ReassignmentHours, decimal RecruitmentHours, decimal OnboardingHours, decimal CoordinationHours, decimal CompensationHours)
{
    /// <summary>No cost.</summary>
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>The sum of every cost.</summary>
    public decimal Total => TrainingHours + ReassignmentHours + RecruitmentHours + OnboardingHours + CoordinationHours + CompensationHours;

    /// <summary>The costs of both.</summary>
    /// <param name="a">One breakdown.</param>
    /// <param name="b">Another.</param>
    /// <returns>Their sum, cost by cost.</returns>
    public static CostBreakdown operator +(CostBreakdown a, CostBreakdown b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.TrainingHours + b.TrainingHours, a.ReassignmentHours + b.ReassignmentHours, a.RecruitmentHours + b.RecruitmentHours,
            a.OnboardingHours + b.OnboardingHours, a.CoordinationHours + b.CoordinationHours, a.CompensationHours + b.CompensationHours);
    }

    /// <summary>The costs of both (see <see cref="op_Addition"/>).</summary>
    /// <param name="other">The other breakdown.</param>
    /// <returns>Their sum.</returns>
    public CostBreakdown Add(CostBreakdown other) => this + other;
}

/// <summary>One council under a plan: its own balance, what the plan costs it, and its SB/SC. Immutable.</summary>
public sealed record CouncilOutcome
{
    /// <summary>The workplace's identifier.</summary>
    public required string Workplace { get; init; }

    /// <summary>The region it belongs to.</summary>
    public required string Region { get; init; }

    /// <summary>The enterprise it belongs to, if any.</summary>
    public string? Enterprise { get; init; }

    /// <summary>Its members.</summary>
    public required int Members { get; init; }

    /// <summary>
    /// Within-workplace balance: <c>wE·max|E_w − Ē| + wD·max|D_w − D̄|</c> over its members' whole jobs, against the
    /// workplace's own task averages.
    /// </summary>
    public required decimal Objective { get; init; }

    /// <summary>Its members' average empowerment, weighted by hours: where the council stands in the region.</summary>
    public required decimal EmpowermentAverage { get; init; }

    /// <summary>Its members' average desirability, weighted by hours.</summary>
    public required decimal DesirabilityAverage { get; init; }

    /// <summary>What the plan costs the council (see <see cref="CostBreakdown"/> for who is charged what).</summary>
    public required CostBreakdown Costs { get; init; }

    /// <summary>The council's total cost per member, in hours.</summary>
    public decimal CostPerMember => Members == 0 ? 0 : Costs.Total / Members;

    /// <summary>SB/SC before the plan, when the council gives its accounts.</summary>
    public decimal? BenefitCostRatioBefore { get; init; }

    /// <summary>SB/(SC + the plan's total cost) after the plan, when the council gives its accounts.</summary>
    public decimal? BenefitCostRatioAfter { get; init; }
}

/// <summary>The balance of one region under a plan, at every level. Immutable.</summary>
public sealed record RegionMetrics
{
    /// <summary>The region's identifier.</summary>
    public required string Region { get; init; }

    /// <summary>The region's average empowerment over all its tasks, weighted by hours.</summary>
    public required decimal EmpowermentAverage { get; init; }

    /// <summary>The region's average desirability over all its tasks, weighted by hours.</summary>
    public required decimal DesirabilityAverage { get; init; }

    /// <summary>The largest deviation of a worker's empowerment from the region's average.</summary>
    public required decimal EmpowermentMaxDeviation { get; init; }

    /// <summary>The largest deviation of a worker's desirability from the region's average.</summary>
    public required decimal DesirabilityMaxDeviation { get; init; }

    /// <summary>Region-level balance: <c>wE·</c><see cref="EmpowermentMaxDeviation"/><c> + wD·</c><see cref="DesirabilityMaxDeviation"/>.</summary>
    public required decimal Objective { get; init; }

    /// <summary>Within-workplace balance: the largest <see cref="CouncilOutcome.Objective"/> of the region's councils.</summary>
    public required decimal WorstWorkplaceObjective { get; init; }

    /// <summary>The spread of the councils' average empowerment: the highest less the lowest.</summary>
    public required decimal WorkplaceEmpowermentRange { get; init; }

    /// <summary>The spread of the councils' average desirability: the highest less the lowest.</summary>
    public required decimal WorkplaceDesirabilityRange { get; init; }

    /// <summary>How spread out the region's workers' empowerment is (range, standard deviation, Gini).</summary>
    public required ScoreSpread EmpowermentSpread { get; init; }

    /// <summary>How spread out the region's workers' desirability is.</summary>
    public required ScoreSpread DesirabilitySpread { get; init; }

    /// <summary>What the plan costs the region.</summary>
    public required CostBreakdown Costs { get; init; }
}

/// <summary>
/// A job for every worker of a region under a policy, with its balance at every level and its costs, all computed from
/// the hours it holds by <see cref="Analysis.RegionEvaluator"/>. Immutable.
/// </summary>
public sealed record RegionPlan
{
    /// <summary>The policy the plan was made under, whose rules <see cref="Violations"/> checks.</summary>
    public required Policy Policy { get; init; }

    /// <summary>A job for every worker, in the order of the workplaces and their workers.</summary>
    public required IReadOnlyList<RegionJob> Jobs { get; init; }

    /// <summary>Every council, in the region file's order.</summary>
    public required IReadOnlyList<CouncilOutcome> Councils { get; init; }

    /// <summary>Every region, in order of first appearance.</summary>
    public required IReadOnlyList<RegionMetrics> Regions { get; init; }

    /// <summary>What the plan costs, over all regions.</summary>
    public required CostBreakdown Costs { get; init; }

    /// <summary>The total cost in money, when the cost parameters give a rate.</summary>
    public decimal? Money { get; init; }

    /// <summary>The rules the plan breaks, in plain words; empty for every plan the region balancer returns.</summary>
    public required IReadOnlyList<string> Violations { get; init; }
}
