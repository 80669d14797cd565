using JobBalancing.Domain;
using MathNet.Numerics;

namespace JobBalancing.Ratings;

/// <summary>
/// Kendall's coefficient of concordance <c>W</c> with its chi-square test: how alike the raters rank the tasks. Immutable.
/// </summary>
/// <param name="W">
/// <c>W = 12·S / (m²(n³ − n) − m·Σ T)</c>, where <c>S</c> is the sum of squared deviations of the tasks' rank sums from
/// their mean, <c>m</c> raters, <c>n</c> tasks, and <c>T = Σ (t³ − t)</c> over each rater's groups of <c>t</c> tied
/// scores; 0 is no agreement, 1 identical rankings.
/// </param>
/// <param name="ChiSquare">The test statistic <c>χ² = m(n − 1)·W</c>.</param>
/// <param name="DegreesOfFreedom"><c>n − 1</c>.</param>
/// <param name="PValue">The chance of a <c>χ²</c> this large if the raters ranked at random.</param>
/// <param name="Raters">The <c>m</c> raters counted: those in the complete block used.</param>
/// <param name="Tasks">The <c>n</c> tasks counted.</param>
public sealed record KendallConcordance(double W, double ChiSquare, int DegreesOfFreedom, double PValue, int Raters, int Tasks);

/// <summary>A task whose scores lie far apart. Immutable.</summary>
/// <param name="Task">The task's identifier.</param>
/// <param name="StandardDeviation">The sample standard deviation of its scores.</param>
/// <param name="Min">The lowest score.</param>
/// <param name="Max">The highest score.</param>
public sealed record Disagreement(string Task, double StandardDeviation, decimal Min, decimal Max);

/// <summary>How much the raters of a survey agree in one dimension. Immutable.</summary>
public sealed record AgreementReport
{
    /// <summary>The dimension.</summary>
    public required RatingDimension Dimension { get; init; }

    /// <summary>
    /// Kendall's <c>W</c> on the largest complete block of the survey (see <see cref="RaterAgreement"/>);
    /// <see langword="null"/> when that block has fewer than 2 raters or 2 tasks.
    /// </summary>
    public KendallConcordance? Kendall { get; init; }

    /// <summary>
    /// Krippendorff's alpha for interval data, <c>α = 1 − D_o / D_e</c>, over every score (missing answers allowed);
    /// 1 is perfect agreement, 0 agreement by chance. <see langword="null"/> when fewer than two tasks have two scores,
    /// or every score is the same.
    /// </summary>
    public double? KrippendorffAlpha { get; init; }

    /// <summary>Tasks with at least two scores, the one the council disagrees about most first.</summary>
    public required IReadOnlyList<Disagreement> Disagreements { get; init; }
}

/// <summary>
/// Agreement between raters: Kendall's <c>W</c> (ranks) and Krippendorff's alpha (interval data), per dimension, and the
/// tasks the council disagrees about most.
/// </summary>
/// <remarks>
/// Kendall's <c>W</c> needs every rater to score every task. With missing answers it is computed on the larger (in
/// scores) of two complete blocks: every task scored by anyone with the raters who scored all of them, or every rater
/// with the tasks all of them scored. Krippendorff's alpha needs no such block.
/// </remarks>
public static class RaterAgreement
{
    /// <summary>Measures agreement in <paramref name="dimension"/>.</summary>
    /// <param name="survey">The survey; it is validated against the workplace first.</param>
    /// <param name="workplace">The workplace whose tasks are rated.</param>
    /// <param name="dimension">Which scores.</param>
    /// <returns>The report.</returns>
    /// <exception cref="InvalidRatingsException">The survey has problems; all of them are listed.</exception>
    public static AgreementReport Analyze(RatingSurvey survey, Workplace workplace, RatingDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(workplace);
        survey.EnsureValid(workplace);

        // Raters and tasks in a fixed order (ordinal), so that the figures do not depend on the order of the entries.
        var answers = survey.Scores
            .Where(s => s.ScoreOf(dimension) is not null)
            .ToDictionary(s => (s.Rater, s.Task), s => (double)s.ScoreOf(dimension)!.Value);
        var raters = answers.Keys.Select(k => k.Rater).Distinct().Order(StringComparer.Ordinal).ToArray();
        var tasks = workplace.Tasks.Select(t => t.Id).Where(t => raters.Any(r => answers.ContainsKey((r, t)))).ToArray();

        var byTask = tasks.Select(t => raters.Where(r => answers.ContainsKey((r, t))).Select(r => answers[(r, t)]).ToArray()).ToArray();
        var disagreements = tasks
            .Select(task => (task, scores: survey.Scores.Where(s => s.Task == task).Select(s => s.ScoreOf(dimension)).OfType<decimal>().Order().ToArray()))
            .Where(x => x.scores.Length >= 2)
            .Select(x => new Disagreement(x.task, RatingAggregator.StandardDeviation(x.scores), x.scores.Min(), x.scores.Max()))
            .OrderByDescending(d => d.StandardDeviation)
            .ThenBy(d => d.Task, StringComparer.Ordinal)
            .ToList();

        return new AgreementReport
        {
            Dimension = dimension,
            Kendall = KendallW(CompleteBlock(raters, tasks, answers)),
            KrippendorffAlpha = KrippendorffIntervalAlpha(byTask),
            Disagreements = disagreements,
        };
    }

    /// <summary>The larger complete rater × task block of the answers, as one array of scores per rater.</summary>
    private static double[][] CompleteBlock(string[] raters, string[] tasks, Dictionary<(string, string), double> answers)
    {
        var completeRaters = raters.Where(r => tasks.All(t => answers.ContainsKey((r, t)))).ToArray();
        var commonTasks = tasks.Where(t => raters.All(r => answers.ContainsKey((r, t)))).ToArray();
        var (blockRaters, blockTasks) = completeRaters.Length * tasks.Length >= raters.Length * commonTasks.Length
            ? (completeRaters, tasks)
            : (raters, commonTasks);
        return blockRaters.Select(r => blockTasks.Select(t => answers[(r, t)]).ToArray()).ToArray();
    }

    /// <summary>Kendall's <c>W</c> with the tie correction, for <paramref name="scores"/>[rater][task]; <see langword="null"/> below 2 × 2.</summary>
    internal static KendallConcordance? KendallW(double[][] scores)
    {
        var m = scores.Length;
        var n = m == 0 ? 0 : scores[0].Length;
        if (m < 2 || n < 2)
        {
            return null;
        }

        var rankSums = new double[n];
        double ties = 0;
        foreach (var row in scores)
        {
            var (ranks, tieTerm) = Ranks(row);
            ties += tieTerm;
            for (var j = 0; j < n; j++)
            {
                rankSums[j] += ranks[j];
            }
        }

        var meanRankSum = m * (n + 1) / 2.0;
        var s = rankSums.Sum(r => (r - meanRankSum) * (r - meanRankSum));
        var denominator = (m * (double)m * (((double)n * n * n) - n)) - (m * ties);

        // Every rater tied every task: there is no ranking to agree on.
        var w = denominator <= 0 ? 0 : 12 * s / denominator;
        var chiSquare = m * (n - 1) * w;
        // The upper tail directly, not 1 − CDF, so that a tiny p-value keeps its digits.
        var pValue = SpecialFunctions.GammaUpperRegularized((n - 1) / 2.0, chiSquare / 2);
        return new KendallConcordance(w, chiSquare, n - 1, pValue, m, n);
    }

    /// <summary>Average ranks (1 for the lowest) and the tie term <c>Σ (t³ − t)</c>.</summary>
    internal static (double[] Ranks, double Ties) Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        double ties = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var t = end - start + 1;
            ties += ((double)t * t * t) - t;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end + 2) / 2.0;
            }

            start = end + 1;
        }

        return (ranks, ties);
    }

    /// <summary>
    /// Krippendorff's alpha with the interval metric <c>δ² = (c − k)²</c>, for the scores of each unit (task):
    /// <c>D_o = (1/N) Σ_u Σ_{i≠j} (v_ui − v_uj)² / (m_u − 1)</c> and <c>D_e = Σ_{i≠j} (v_i − v_j)² / (N(N − 1))</c> over the
    /// <c>N</c> pairable values (those of units with at least two).
    /// </summary>
    internal static double? KrippendorffIntervalAlpha(IReadOnlyList<double[]> units)
    {
        var pairable = units.Where(u => u.Length >= 2).ToArray();
        var values = pairable.SelectMany(u => u).ToArray();
        var total = values.Length;
        if (pairable.Length == 0 || total < 2)
        {
            return null;
        }

        // Σ_{i≠j} (a_i − a_j)² = 2(n·Σa² − (Σa)²): linear time, not quadratic.
        static double PairSquares(double[] a) => 2 * ((a.Length * a.Sum(x => x * x)) - (a.Sum() * a.Sum()));

        var observed = pairable.Sum(u => PairSquares(u) / (u.Length - 1)) / total;
        var expected = PairSquares(values) / (total * (total - 1.0));
        return expected <= 0 ? null : 1 - (observed / expected);
    }
}
