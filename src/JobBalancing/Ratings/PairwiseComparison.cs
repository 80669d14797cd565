using JobBalancing.Domain;
using MathNet.Numerics.LinearAlgebra;

namespace JobBalancing.Ratings;

/// <summary>A judgement that the derived weights contradict most. Immutable.</summary>
/// <param name="TaskA">The first task.</param>
/// <param name="TaskB">The second task.</param>
/// <param name="Judgement">The council's judgement <c>a_AB</c> (the geometric mean of its raters').</param>
/// <param name="Implied">What the weights say instead: <c>w_A / w_B</c>.</param>
public sealed record InconsistentJudgement(string TaskA, string TaskB, double Judgement, double Implied)
{
    /// <summary>How far apart judgement and weights are, as a factor of at least 1: <c>exp |ln(a_AB · w_B / w_A)|</c>.</summary>
    public double Factor => Judgement >= Implied ? Judgement / Implied : Implied / Judgement;
}

/// <summary>The priorities the council's comparisons give the tasks in one dimension, and how consistent they are. Immutable.</summary>
public sealed record PriorityWeights
{
    /// <summary>Saaty's threshold: a consistency ratio up to 0.10 is acceptable.</summary>
    public const double AcceptableConsistencyRatio = 0.10;

    /// <summary>The dimension.</summary>
    public required RatingDimension Dimension { get; init; }

    /// <summary>The tasks compared, in the workplace's order.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Each task's weight, the principal eigenvector normalised to sum 1, in the order of <see cref="Tasks"/>.</summary>
    public required IReadOnlyList<double> Weights { get; init; }

    /// <summary>Each task's rating on the workplace's scale, mapped from its weight and rounded to 4 decimals.</summary>
    public required IReadOnlyList<decimal> Ratings { get; init; }

    /// <summary>The principal eigenvalue <c>λ_max</c> (of Harker's matrix when pairs are missing); <c>n</c> when the judgements are consistent.</summary>
    public required double LambdaMax { get; init; }

    /// <summary>The consistency index <c>CI = (λ_max − n) / (n − 1)</c>; 0 for fewer than 3 tasks.</summary>
    public required double ConsistencyIndex { get; init; }

    /// <summary>
    /// The consistency ratio <c>CR = CI / RI(n)</c> with Saaty's random index; 0 for fewer than 3 tasks;
    /// <see langword="null"/> above 15 tasks, where Saaty gives no random index.
    /// </summary>
    public required double? ConsistencyRatio { get; init; }

    /// <summary>The number of distinct raters whose judgements were combined (by geometric mean).</summary>
    public required int Raters { get; init; }

    /// <summary>The number of pairs of tasks nobody compared; when above 0 the weights come from Harker's method.</summary>
    public required int MissingPairs { get; init; }

    /// <summary>Every compared pair, the one the weights contradict most first.</summary>
    public required IReadOnlyList<InconsistentJudgement> Inconsistencies { get; init; }

    /// <summary>Whether the consistency ratio is known and at most <see cref="AcceptableConsistencyRatio"/>.</summary>
    public bool IsConsistentEnough => ConsistencyRatio is <= AcceptableConsistencyRatio;
}

/// <summary>The ratings derived from pairwise comparisons, per dimension. Immutable.</summary>
public sealed record PairwiseRatings
{
    /// <summary>The weights of each dimension that was compared at all.</summary>
    public required IReadOnlyList<PriorityWeights> Dimensions { get; init; }

    /// <summary>The workplace with every compared task's rating replaced by its mapped weight; the others are kept.</summary>
    /// <param name="workplace">The workplace the comparisons were analysed for.</param>
    /// <returns>The rated workplace.</returns>
    public Workplace ApplyTo(Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        var tasks = workplace.Tasks.ToList();
        foreach (var weights in Dimensions)
        {
            for (var i = 0; i < weights.Tasks.Count; i++)
            {
                var index = tasks.FindIndex(t => t.Id == weights.Tasks[i]);
                tasks[index] = tasks[index].WithRating(weights.Dimension, weights.Ratings[i]);
            }
        }

        return workplace with { Tasks = tasks };
    }
}

/// <summary>
/// The Analytic Hierarchy Process for task ratings: the raters' judgements on each pair are combined by geometric mean,
/// the weights are the principal eigenvector of the comparison matrix (Harker's matrix when some pairs are missing),
/// consistency is Saaty's ratio, and the weights are mapped onto the workplace's rating scale.
/// </summary>
/// <remarks>
/// Harker (1987): a missing <c>a_ij</c> is 0 and each row's diagonal is 1 plus its number of missing entries; the
/// principal eigenvector of that matrix is the one a consistent completion would have. Saaty's random indices
/// (n = 3…15): 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59.
/// </remarks>
public static class PairwiseComparison
{
    private static readonly double[] RandomIndex = [0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];

    /// <summary>Derives weights and ratings from <paramref name="survey"/>.</summary>
    /// <param name="survey">The comparisons; they are validated against the workplace first.</param>
    /// <param name="workplace">The workplace whose tasks are compared.</param>
    /// <param name="options">How to map weights to ratings; the defaults when <see langword="null"/>.</param>
    /// <returns>The weights of each dimension compared.</returns>
    /// <exception cref="ArgumentException">The options name no known mapping.</exception>
    /// <exception cref="InvalidRatingsException">
    /// The comparisons have problems, or the compared tasks of a dimension fall apart into groups never compared with
    /// each other, or the ratio mapping meets a scale whose maximum is not positive; every problem is listed.
    /// </exception>
    public static PairwiseRatings Analyze(PairwiseSurvey survey, Workplace workplace, PairwiseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(workplace);
        options ??= new PairwiseOptions();
        if (!Enum.IsDefined(options.Mapping))
        {
            throw new ArgumentException($"Invalid pairwise options: Mapping: {options.Mapping} is not a weight mapping", nameof(options));
        }

        survey.EnsureValid(workplace);

        var problems = new List<ValidationProblem>();
        if (options.Mapping == WeightMapping.Ratio && workplace.RatingScale.Max <= 0)
        {
            problems.Add(new ValidationProblem(
                "ratingScale.max", $"{Numbers.Format(workplace.RatingScale.Max)} must be positive to map weights by ratio; use the range mapping"));
        }

        var dimensions = new List<PriorityWeights>();
        foreach (var dimension in RatingDimensions.All)
        {
            var judgements = survey.Judgements.Where(j => j.Dimension == dimension).ToList();
            if (judgements.Count == 0)
            {
                continue;
            }

            var tasks = workplace.Tasks.Select(t => t.Id).Where(t => judgements.Any(j => j.TaskA == t || j.TaskB == t)).ToArray();
            var matrix = CombinedMatrix(tasks, judgements);
            if (Disconnected(tasks, matrix) is { } apart)
            {
                problems.Add(new ValidationProblem(dimension.Name(), apart));
                continue;
            }

            dimensions.Add(Weigh(dimension, tasks, matrix, judgements.Select(j => j.Rater).Distinct(StringComparer.Ordinal).Count(), workplace.RatingScale, options.Mapping));
        }

        if (problems.Count > 0)
        {
            throw new InvalidRatingsException(problems);
        }

        return new PairwiseRatings { Dimensions = dimensions };
    }

    /// <summary>The comparison matrix: the geometric mean of every judgement of each pair, reciprocal, <see langword="null"/> where nobody compared.</summary>
    private static double?[,] CombinedMatrix(string[] tasks, List<PairwiseJudgement> judgements)
    {
        var index = tasks.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var n = tasks.Length;
        var logSums = new double[n, n];
        var counts = new int[n, n];
        foreach (var judgement in judgements)
        {
            var (a, b) = (index[judgement.TaskA], index[judgement.TaskB]);
            var log = Math.Log(judgement.Judgement);
            logSums[a, b] += log;
            logSums[b, a] -= log;
            counts[a, b]++;
            counts[b, a]++;
        }

        var matrix = new double?[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                matrix[i, j] = i == j ? 1 : counts[i, j] == 0 ? null : Math.Exp(logSums[i, j] / counts[i, j]);
            }
        }

        return matrix;
    }

    /// <summary>Names the groups of tasks never compared with each other, or <see langword="null"/> when the comparisons connect every task.</summary>
    private static string? Disconnected(string[] tasks, double?[,] matrix)
    {
        var n = tasks.Length;
        var group = new int[n];
        Array.Fill(group, -1);
        var groups = 0;
        for (var start = 0; start < n; start++)
        {
            if (group[start] >= 0)
            {
                continue;
            }

            var stack = new Stack<int>([start]);
            group[start] = groups;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                for (var j = 0; j < n; j++)
                {
                    if (group[j] < 0 && matrix[i, j] is not null)
                    {
                        group[j] = groups;
                        stack.Push(j);
                    }
                }
            }

            groups++;
        }

        if (groups == 1)
        {
            return null;
        }

        var names = Enumerable.Range(0, groups).Select(g => "{" + string.Join(", ", tasks.Where((_, i) => group[i] == g)) + "}");
        return $"the comparisons fall apart into {groups} groups never compared with each other: {string.Join(" and ", names)}; compare at least one pair across them";
    }

    private static PriorityWeights Weigh(
        RatingDimension dimension, string[] tasks, double?[,] matrix, int raters, RatingScale scale, WeightMapping mapping)
    {
        var n = tasks.Length;
        var (weights, lambda) = PrincipalEigenvector(matrix);
        var ci = n < 3 ? 0 : (lambda - n) / (n - 1);
        double? cr = n < 3 ? 0 : n < RandomIndex.Length ? ci / RandomIndex[n] : null;

        var inconsistencies = new List<InconsistentJudgement>();
        var missing = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (matrix[i, j] is { } judgement)
                {
                    inconsistencies.Add(new InconsistentJudgement(tasks[i], tasks[j], judgement, weights[i] / weights[j]));
                }
                else
                {
                    missing++;
                }
            }
        }

        return new PriorityWeights
        {
            Dimension = dimension,
            Tasks = tasks,
            Weights = weights,
            Ratings = MapToScale(weights, scale, mapping),
            LambdaMax = lambda,
            ConsistencyIndex = ci,
            ConsistencyRatio = cr,
            Raters = raters,
            MissingPairs = missing,
            Inconsistencies = [.. inconsistencies.OrderByDescending(x => x.Factor)],
        };
    }

    /// <summary>
    /// The principal eigenvector, normalised to sum 1, and eigenvalue of a reciprocal comparison matrix; missing entries
    /// (<see langword="null"/>) are handled by Harker's method.
    /// </summary>
    internal static (double[] Weights, double LambdaMax) PrincipalEigenvector(double?[,] comparisons)
    {
        var n = comparisons.GetLength(0);
        var harker = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (i != j)
                {
                    if (comparisons[i, j] is { } value)
                    {
                        harker[i, j] = value;
                    }
                    else
                    {
                        harker[i, i] += 1;
                    }
                }
            }

            harker[i, i] += 1;
        }

        var evd = harker.Evd();
        var best = 0;
        for (var k = 1; k < n; k++)
        {
            if (evd.EigenValues[k].Real > evd.EigenValues[best].Real)
            {
                best = k;
            }
        }

        // The Perron vector has entries of one sign; the solver may return it negated.
        var vector = evd.EigenVectors.Column(best).Select(Math.Abs).ToArray();
        var sum = vector.Sum();
        return (vector.Select(v => v / sum).ToArray(), evd.EigenValues[best].Real);
    }

    /// <summary>Weights as ratings on the scale, by <paramref name="mapping"/>, rounded to 4 decimals.</summary>
    internal static decimal[] MapToScale(IReadOnlyList<double> weights, RatingScale scale, WeightMapping mapping)
    {
        var (min, max) = ((double)scale.Min, (double)scale.Max);
        var (lightest, heaviest) = (weights.Min(), weights.Max());
        return weights.Select(w => RatingChecks.ToStoredRating(
                mapping == WeightMapping.Ratio ? max * w / heaviest
                : heaviest - lightest <= 1e-12 * heaviest ? (min + max) / 2
                : min + ((max - min) * (w - lightest) / (heaviest - lightest)),
                scale))
            .ToArray();
    }
}
