namespace JobBalancing.Ratings;

/// <summary>How the scores of several raters become one rating.</summary>
public enum AggregationMethod
{
    /// <summary>The arithmetic mean of the scores.</summary>
    Mean,

    /// <summary>The median: the middle score, or the mean of the two middle scores.</summary>
    Median,

    /// <summary>The mean after dropping the <see cref="AggregationOptions.TrimFraction"/> lowest and highest scores.</summary>
    TrimmedMean,
}

/// <summary>How <see cref="RatingAggregator"/> aggregates a survey. A plain options object with documented defaults.</summary>
public sealed class AggregationOptions
{
    /// <summary>
    /// How scores are combined.
    /// <value>The default value is <see cref="AggregationMethod.Mean"/>.</value>
    /// </summary>
    public AggregationMethod Method { get; set; } = AggregationMethod.Mean;

    /// <summary>
    /// For <see cref="AggregationMethod.TrimmedMean"/>: the share of scores dropped at each end, <c>⌊fraction·n⌋</c>
    /// of the <c>n</c> scores of a task; from 0 up to, not including, 0.5.
    /// <value>The default value is 0.2.</value>
    /// </summary>
    public double TrimFraction { get; set; } = 0.2;

    /// <summary>Every problem with these options, at once.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Method))
        {
            problems.Add($"Method: {Method} is not an aggregation method");
        }

        if (!(TrimFraction is >= 0 and < 0.5))
        {
            problems.Add($"TrimFraction: {TrimFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be at least 0 and below 0.5");
        }

        return problems;
    }
}
