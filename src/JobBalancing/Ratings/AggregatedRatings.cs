using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>The council's scores for one task in one dimension, and how far apart they are. Immutable.</summary>
/// <param name="Rating">The aggregated rating as the workplace stores it: rounded half away from zero to 4 decimals, on the scale.</param>
/// <param name="Count">How many raters answered.</param>
/// <param name="Mean">The mean score.</param>
/// <param name="Median">The median score.</param>
/// <param name="StandardDeviation">The sample standard deviation of the scores (divisor <c>n − 1</c>); 0 for a single score.</param>
/// <param name="Min">The lowest score.</param>
/// <param name="Max">The highest score.</param>
public sealed record ScoreSummary(decimal Rating, int Count, decimal Mean, decimal Median, double StandardDeviation, decimal Min, decimal Max);

/// <summary>The aggregated ratings of one task. Immutable.</summary>
/// <param name="Task">The task's identifier.</param>
/// <param name="Empowerment">The empowerment scores; <see langword="null"/> when nobody scored it, so the workplace keeps its rating.</param>
/// <param name="Desirability">The desirability scores; <see langword="null"/> when nobody scored it.</param>
public sealed record TaskRatings(string Task, ScoreSummary? Empowerment, ScoreSummary? Desirability)
{
    /// <summary>The summary for <paramref name="dimension"/>.</summary>
    /// <param name="dimension">Which dimension.</param>
    /// <returns>The summary, or <see langword="null"/> when nobody scored the task in that dimension.</returns>
    public ScoreSummary? SummaryOf(RatingDimension dimension) =>
        dimension == RatingDimension.Empowerment ? Empowerment : Desirability;
}

/// <summary>How uncertain one rating is: the council's spread around it. Immutable.</summary>
/// <param name="Task">The task's identifier.</param>
/// <param name="Dimension">Which rating.</param>
/// <param name="Spread">How far the rating may plausibly move either way, in rating points; not negative.</param>
public sealed record RatingUncertainty(string Task, RatingDimension Dimension, decimal Spread);

/// <summary>A survey's aggregated ratings, task by task, in the workplace's task order. Immutable.</summary>
public sealed record AggregatedRatings
{
    /// <summary>How the scores were combined.</summary>
    public required AggregationMethod Method { get; init; }

    /// <summary>Every task of the workplace, in its order, with its scores.</summary>
    public required IReadOnlyList<TaskRatings> Tasks { get; init; }

    /// <summary>The number of distinct raters in the survey.</summary>
    public required int Raters { get; init; }

    /// <summary>
    /// The workplace with every scored rating replaced by its aggregate; ratings nobody scored are kept.
    /// </summary>
    /// <param name="workplace">The workplace the survey was aggregated for.</param>
    /// <returns>The rated workplace.</returns>
    public Workplace ApplyTo(Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        var byTask = Tasks.ToDictionary(t => t.Task, StringComparer.Ordinal);
        return workplace with
        {
            Tasks = workplace.Tasks.Select(task =>
            {
                if (!byTask.TryGetValue(task.Id, out var ratings))
                {
                    return task;
                }

                foreach (var dimension in RatingDimensions.All)
                {
                    if (ratings.SummaryOf(dimension) is { } summary)
                    {
                        task = task.WithRating(dimension, summary.Rating);
                    }
                }

                return task;
            }).ToList(),
        };
    }

    /// <summary>
    /// Each scored rating's uncertainty, as the sample standard deviation of its scores (rounded to 4 decimals), for
    /// <see cref="RatingSensitivity"/>.
    /// </summary>
    /// <returns>One entry per task and dimension with at least one score.</returns>
    public IReadOnlyList<RatingUncertainty> Uncertainties() =>
        Tasks.SelectMany(t => RatingDimensions.All
                .Where(d => t.SummaryOf(d) is not null)
                .Select(d => new RatingUncertainty(
                    t.Task, d, Math.Round((decimal)t.SummaryOf(d)!.StandardDeviation, Numbers.MaxRatingDecimals, MidpointRounding.AwayFromZero))))
            .ToList();
}
