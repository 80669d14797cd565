using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>
/// Turns a rating survey into one empowerment and one desirability rating per task: the mean (the default), the
/// median or a trimmed mean of the scores, with the spread of the scores beside it.
/// </summary>
/// <example>
/// <code>
/// var ratings = RatingAggregator.Aggregate(survey, workplace);
/// var rated = ratings.ApplyTo(workplace);
/// </code>
/// </example>
public static class RatingAggregator
{
    /// <summary>Aggregates <paramref name="survey"/> for <paramref name="workplace"/>.</summary>
    /// <param name="survey">The survey; it is validated against the workplace first.</param>
    /// <param name="workplace">The workplace whose tasks are rated.</param>
    /// <param name="options">How to aggregate; the defaults when <see langword="null"/>.</param>
    /// <returns>Every task's aggregated ratings, each rounded to 4 decimals and on the workplace's scale.</returns>
    /// <exception cref="InvalidRatingsException">The survey has problems; all of them are listed.</exception>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static AggregatedRatings Aggregate(RatingSurvey survey, Workplace workplace, AggregationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(workplace);
        options ??= new AggregationOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid aggregation options: " + string.Join("; ", problems), nameof(options));
        }

        survey.EnsureValid(workplace);
        var byTask = survey.Scores.ToLookup(s => s.Task, StringComparer.Ordinal);
        var tasks = workplace.Tasks
            .Select(task => new TaskRatings(
                task.Id,
                Summarize(byTask[task.Id], RatingDimension.Empowerment, workplace.RatingScale, options),
                Summarize(byTask[task.Id], RatingDimension.Desirability, workplace.RatingScale, options)))
            .ToList();
        return new AggregatedRatings
        {
            Method = options.Method,
            Tasks = tasks,
            Raters = survey.Scores.Select(s => s.Rater).Distinct(StringComparer.Ordinal).Count(),
        };
    }

    private static ScoreSummary? Summarize(IEnumerable<RatingScore> scores, RatingDimension dimension, RatingScale scale, AggregationOptions options)
    {
        // Sorted, so that the result cannot depend on the order of the raters.
        var values = scores.Select(s => s.ScoreOf(dimension)).OfType<decimal>().Order().ToArray();
        if (values.Length == 0)
        {
            return null;
        }

        var mean = Mean(values);
        var median = Median(values);
        var aggregate = options.Method switch
        {
            AggregationMethod.Median => median,
            AggregationMethod.TrimmedMean => TrimmedMean(values, options.TrimFraction),
            _ => mean,
        };
        return new ScoreSummary(
            RatingChecks.ToStoredRating(aggregate, scale), values.Length, mean, median, StandardDeviation(values), values[0], values[^1]);
    }

    internal static decimal Mean(IReadOnlyCollection<decimal> values) => values.Sum() / values.Count;

    /// <summary>The median of values sorted ascending.</summary>
    internal static decimal Median(decimal[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;

    /// <summary>The mean of values sorted ascending after dropping <c>⌊fraction·n⌋</c> at each end.</summary>
    internal static decimal TrimmedMean(decimal[] sorted, double fraction)
    {
        var drop = (int)Math.Floor(fraction * sorted.Length);
        return Mean(sorted[drop..^drop]);
    }

    /// <summary>The sample standard deviation (divisor <c>n − 1</c>); 0 for one value.</summary>
    internal static double StandardDeviation(IReadOnlyCollection<decimal> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        var mean = Mean(values);
        var squares = values.Sum(v => (v - mean) * (v - mean));
        return Math.Sqrt((double)(squares / (values.Count - 1)));
    }
}
