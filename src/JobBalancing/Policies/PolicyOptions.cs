using JobBalancing.Domain;
using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Policies;

/// <summary>The parameters of the four policies. Immutable; check with <see cref="Validate"/>.</summary>
public sealed record PolicyOptions
{
    /// <summary>The default parameters.</summary>
    public static PolicyOptions Default { get; } = new();

    /// <summary>
    /// Which workplaces balance together under <see cref="Policy.RegionalMix"/> and <see cref="Policy.Reallocation"/>.
    /// <value>The default is <see cref="BalancingScope.Region"/>.</value>
    /// </summary>
    public BalancingScope Scope { get; init; } = BalancingScope.Region;

    /// <summary>
    /// Under <see cref="Policy.RegionalMix"/>, the most of a worker's hours that may be at other workplaces (0 to 1);
    /// 0 makes the policy <see cref="Policy.Within"/> measured against the scope's average.
    /// <value>The default value is 0.25.</value>
    /// </summary>
    public decimal MaxSecondaryShare { get; init; } = 0.25m;

    /// <summary>
    /// Under <see cref="Policy.RegionalMix"/>, the most other workplaces one worker may work at.
    /// <value>The default value is 1.</value>
    /// </summary>
    public int MaxSecondaryWorkplaces { get; init; } = 1;

    /// <summary>
    /// Under <see cref="Policy.RegionalMix"/>, the least hours a worker holds at another workplace where they work at
    /// all: the minimum secondary chunk.
    /// <value>The default value is 4 hours.</value>
    /// </summary>
    public decimal MinSecondaryHours { get; init; } = 4;

    /// <summary>
    /// Under <see cref="Policy.Reallocation"/>, the most workers of one scope who move to another workplace;
    /// <see langword="null"/> for no cap.
    /// <value>The default value is 2 workers.</value>
    /// </summary>
    public int? MaxMovedWorkers { get; init; } = 2;

    /// <summary>
    /// Under <see cref="Policy.Compensation"/>, the pay premium per hour worked for each rating point of desirability a
    /// job lies below the region's average, as a share of an hour's base pay (negative above the average).
    /// <value>The default value is 0.05: 5 % more pay per hour for each point below the average.</value>
    /// </summary>
    public decimal PremiumPerPoint { get; init; } = 0.05m;

    /// <summary>
    /// Under <see cref="Policy.Compensation"/>, a task is among the most empowering when its empowerment is at least this
    /// many rating points above its region's average.
    /// <value>The default value is 2 points.</value>
    /// </summary>
    public decimal ServiceLimitMargin { get; init; } = 2;

    /// <summary>
    /// Under <see cref="Policy.Compensation"/>, the most hours per period one worker may hold of each of the most
    /// empowering tasks (a task's own <c>maxPerWorker</c> still applies when lower).
    /// <value>The default value is 16 hours.</value>
    /// </summary>
    public decimal ServiceLimitHours { get; init; } = 16;

    /// <summary>Every problem with these parameters, each naming its field below <paramref name="path"/>.</summary>
    /// <param name="path">The JSON path of the parameters, such as <c>policies</c>.</param>
    /// <returns>The problems; empty when the parameters are valid.</returns>
    public IReadOnlyList<ValidationProblem> Validate(string path = "policies")
    {
        ArgumentNullException.ThrowIfNull(path);
        var problems = new List<ValidationProblem>();
        void Add(string field, string message) => problems.Add(new ValidationProblem(path.Length == 0 ? field : $"{path}.{field}", message));

        if (!Enum.IsDefined(Scope))
        {
            Add("scope", $"{(int)Scope} is not a scope; expected region or enterprise");
        }

        if (MaxSecondaryShare is < 0 or > 1)
        {
            Add("maxSecondaryShare", $"{Format(MaxSecondaryShare)} must be from 0 to 1");
        }

        if (MaxSecondaryWorkplaces < 1)
        {
            Add("maxSecondaryWorkplaces", $"{MaxSecondaryWorkplaces} must be at least 1");
        }

        if (MinSecondaryHours < 0)
        {
            Add("minSecondaryHours", $"{Format(MinSecondaryHours)} must not be negative");
        }

        if (MaxMovedWorkers < 0)
        {
            Add("maxMovedWorkers", $"{MaxMovedWorkers} must not be negative");
        }

        if (PremiumPerPoint < 0)
        {
            Add("premiumPerPoint", $"{Format(PremiumPerPoint)} must not be negative");
        }

        if (ServiceLimitMargin < 0)
        {
            Add("serviceLimitMargin", $"{Format(ServiceLimitMargin)} must not be negative");
        }

        if (ServiceLimitHours <= 0)
        {
            Add("serviceLimitHours", $"{Format(ServiceLimitHours)} must be positive");
        }

        return problems;
    }
}
