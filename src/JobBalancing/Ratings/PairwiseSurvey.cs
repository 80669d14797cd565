using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>
/// One rater's pairwise comparison: <see cref="TaskA"/> is <see cref="Judgement"/> times as empowering (or desirable) as
/// <see cref="TaskB"/>, on Saaty's scale from 1/9 to 9 (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely
/// more; the reciprocals for less). Immutable.
/// </summary>
/// <param name="Rater">Who judged.</param>
/// <param name="TaskA">The first task's identifier.</param>
/// <param name="TaskB">The second task's identifier.</param>
/// <param name="Dimension">What was compared.</param>
/// <param name="Judgement">How many times as much <paramref name="TaskA"/> has as <paramref name="TaskB"/>: <c>a_AB</c>, from 1/9 to 9.</param>
public sealed record PairwiseJudgement(string Rater, string TaskA, string TaskB, RatingDimension Dimension, double Judgement);

/// <summary>
/// Pairwise comparisons of tasks by several raters; not every pair need be compared, as long as the comparisons connect
/// the tasks. Immutable. Check it against its workplace with <see cref="Validate(Workplace)"/>; the analysis does so itself.
/// </summary>
public sealed record PairwiseSurvey
{
    /// <summary>The lowest judgement on Saaty's scale, 1/9, less a tolerance for figures written with three decimals (0.111).</summary>
    internal const double MinJudgement = (1.0 / 9) - 0.001;

    /// <summary>The highest judgement on Saaty's scale.</summary>
    internal const double MaxJudgement = 9;

    /// <summary>Every judgement, at most one per rater, dimension and pair of tasks.</summary>
    public IReadOnlyList<PairwiseJudgement> Judgements { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>Every problem with these comparisons for <paramref name="workplace"/>, at once; empty when they are valid.</summary>
    /// <param name="workplace">The workplace whose tasks are compared.</param>
    /// <returns>The problems, each with a path such as <c>judgements[3].judgement</c> and the value.</returns>
    public IReadOnlyList<ValidationProblem> Validate(Workplace workplace) =>
        Validate(workplace, (index, field) => $"judgements[{index}].{field}");

    /// <summary>Throws when <see cref="Validate(Workplace)"/> finds any problem.</summary>
    /// <param name="workplace">The workplace whose tasks are compared.</param>
    /// <exception cref="InvalidRatingsException">The comparisons have problems; all of them are listed.</exception>
    public void EnsureValid(Workplace workplace)
    {
        var problems = Validate(workplace);
        if (problems.Count > 0)
        {
            throw new InvalidRatingsException(problems);
        }
    }

    /// <summary>The validation, with paths named by <paramref name="pathOf"/> (entry index, field).</summary>
    internal IReadOnlyList<ValidationProblem> Validate(Workplace workplace, Func<int, string, string> pathOf)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        var problems = new List<ValidationProblem>();
        void Add(int index, string field, string message) => problems.Add(new ValidationProblem(pathOf(index, field), message));

        var tasks = workplace.Tasks.Select(t => t.Id).ToList();
        var seen = new Dictionary<(string, RatingDimension, string, string), int>();
        for (var i = 0; i < Judgements.Count; i++)
        {
            var judgement = Judgements[i];
            if (judgement is null)
            {
                Add(i, "judgement", "must not be null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(judgement.Rater))
            {
                Add(i, "rater", "must not be empty");
            }

            var knownA = RatingChecks.IsKnownTask(judgement.TaskA, tasks, out var problemA);
            var knownB = RatingChecks.IsKnownTask(judgement.TaskB, tasks, out var problemB);
            if (!knownA)
            {
                Add(i, "taskA", problemA);
            }

            if (!knownB)
            {
                Add(i, "taskB", problemB);
            }

            if (knownA && knownB && judgement.TaskA == judgement.TaskB)
            {
                Add(i, "taskB", $"\"{judgement.TaskB}\" is compared with itself");
            }
            else if (knownA && knownB)
            {
                var (first, second) = string.CompareOrdinal(judgement.TaskA, judgement.TaskB) < 0
                    ? (judgement.TaskA, judgement.TaskB)
                    : (judgement.TaskB, judgement.TaskA);
                if (!seen.TryAdd((judgement.Rater ?? "", judgement.Dimension, first, second), i))
                {
                    Add(i, "taskB", $"rater \"{judgement.Rater}\" already compared \"{first}\" and \"{second}\" for {judgement.Dimension.Name()} ({pathOf(seen[(judgement.Rater ?? "", judgement.Dimension, first, second)], "taskB")})");
                }
            }

            if (!Enum.IsDefined(judgement.Dimension))
            {
                Add(i, "dimension", $"{judgement.Dimension} is not empowerment or desirability");
            }

            if (!(judgement.Judgement is >= MinJudgement and <= MaxJudgement))
            {
                Add(i, "judgement", $"{judgement.Judgement.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)} is outside Saaty's scale 1/9–9");
            }
        }

        return problems;
    }
}
