using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>One council member's scores for one task, on the workplace's rating scale. Immutable.</summary>
/// <param name="Rater">Who gave the scores.</param>
/// <param name="Task">The task's identifier.</param>
/// <param name="Empowerment">How empowering the rater finds the task; <see langword="null"/> when they did not answer.</param>
/// <param name="Desirability">How desirable the rater finds the task; <see langword="null"/> when they did not answer.</param>
public sealed record RatingScore(string Rater, string Task, decimal? Empowerment, decimal? Desirability)
{
    /// <summary>The score in <paramref name="dimension"/>, or <see langword="null"/> when there is no answer.</summary>
    /// <param name="dimension">Which score.</param>
    /// <returns>The score, or <see langword="null"/>.</returns>
    public decimal? ScoreOf(RatingDimension dimension) =>
        dimension == RatingDimension.Empowerment ? Empowerment : Desirability;
}

/// <summary>
/// A rating survey: each rater scores tasks for empowerment and desirability; answers may be missing. Immutable.
/// Check it against its workplace with <see cref="Validate(Workplace)"/>; the analyses do so themselves.
/// </summary>
public sealed record RatingSurvey
{
    /// <summary>Every rater's scores, at most one entry per rater and task.</summary>
    public IReadOnlyList<RatingScore> Scores { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>Every problem with this survey for <paramref name="workplace"/>, at once; empty when it is valid.</summary>
    /// <param name="workplace">The workplace whose tasks and rating scale the survey uses.</param>
    /// <returns>The problems, each with a path such as <c>scores[3].empowerment</c> and the value.</returns>
    public IReadOnlyList<ValidationProblem> Validate(Workplace workplace) =>
        Validate(workplace, (index, field) => $"scores[{index}].{field}");

    /// <summary>Throws when <see cref="Validate(Workplace)"/> finds any problem.</summary>
    /// <param name="workplace">The workplace whose tasks and rating scale the survey uses.</param>
    /// <exception cref="InvalidRatingsException">The survey has problems; all of them are listed.</exception>
    public void EnsureValid(Workplace workplace)
    {
        var problems = Validate(workplace);
        if (problems.Count > 0)
        {
            throw new InvalidRatingsException(problems);
        }
    }

    /// <summary>The validation, with paths named by <paramref name="pathOf"/> (entry index, field) so that a CSV reader can name lines.</summary>
    internal IReadOnlyList<ValidationProblem> Validate(Workplace workplace, Func<int, string, string> pathOf)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        var problems = new List<ValidationProblem>();
        var tasks = workplace.Tasks.Select(t => t.Id).ToList();
        var scale = workplace.RatingScale;
        var seen = new Dictionary<(string Rater, string Task), int>();
        for (var i = 0; i < Scores.Count; i++)
        {
            var score = Scores[i];
            if (score is null)
            {
                problems.Add(new ValidationProblem(pathOf(i, "score"), "must not be null"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(score.Rater))
            {
                problems.Add(new ValidationProblem(pathOf(i, "rater"), "must not be empty"));
            }

            if (!RatingChecks.IsKnownTask(score.Task, tasks, out var unknown))
            {
                problems.Add(new ValidationProblem(pathOf(i, "task"), unknown));
            }
            else if (!seen.TryAdd((score.Rater ?? "", score.Task), i))
            {
                problems.Add(new ValidationProblem(
                    pathOf(i, "task"), $"rater \"{score.Rater}\" already scored task \"{score.Task}\" ({pathOf(seen[(score.Rater ?? "", score.Task)], "task")})"));
            }

            foreach (var dimension in RatingDimensions.All)
            {
                if (score.ScoreOf(dimension) is { } value && !scale.Contains(value))
                {
                    problems.Add(new ValidationProblem(pathOf(i, dimension.Name()), RatingChecks.OffScale(value, scale)));
                }
            }
        }

        return problems;
    }
}

/// <summary>Checks shared by scores and comparisons, so that both word a problem the same way.</summary>
internal static class RatingChecks
{
    public static bool IsKnownTask(string? task, IReadOnlyCollection<string> tasks, out string problem)
    {
        if (string.IsNullOrWhiteSpace(task))
        {
            problem = "must not be empty";
            return false;
        }

        if (tasks.Contains(task))
        {
            problem = "";
            return true;
        }

        var suggestion = Suggestions.Closest(task, tasks);
        problem = suggestion is null ? $"unknown task \"{task}\"" : $"unknown task \"{task}\" (did you mean \"{suggestion}\"?)";
        return false;
    }

    public static string OffScale(decimal value, RatingScale scale) =>
        $"{Numbers.Format(value)} is outside the rating scale {Numbers.Format(scale.Min)}–{Numbers.Format(scale.Max)}";

    /// <summary>
    /// A rating as the workplace stores it: rounded half away from zero to <see cref="Numbers.MaxRatingDecimals"/>
    /// decimals, then kept on the scale.
    /// </summary>
    public static decimal ToStoredRating(decimal value, RatingScale scale) =>
        Math.Clamp(Math.Round(value, Numbers.MaxRatingDecimals, MidpointRounding.AwayFromZero), scale.Min, scale.Max);

    /// <summary>The same for a figure computed in floating point.</summary>
    public static decimal ToStoredRating(double value, RatingScale scale) =>
        ToStoredRating(double.IsFinite(value) ? (decimal)Math.Clamp(value, (double)scale.Min, (double)scale.Max) : scale.Min, scale);
}
