using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.Ratings;

namespace JobBalancing.Tests.Ratings;

public sealed class AhpTests
{
    private static readonly string[] HouseCriteria =
        ["size", "transportation", "neighborhood", "age", "yard", "facilities", "condition", "financing"];

    /// <summary>
    /// Saaty, T. L. (1990), "How to make a decision: The Analytic Hierarchy Process", European Journal of Operational
    /// Research 48, 9–26: the family buying a house compares its eight criteria (size of house, transportation,
    /// neighborhood, age of house, yard space, modern facilities, general condition, financing). The paper prints the
    /// priority vector .173 .054 .188 .018 .031 .036 .167 .333 with λmax = 9.669, C.I. = 0.238 and C.R. = 0.169.
    /// </summary>
    private static readonly string[] HouseMatrix =
    [
        "1 5 3 7 6 6 1/3 1/4",
        "1/5 1 1/3 5 3 3 1/5 1/7",
        "1/3 3 1 6 3 4 6 1/5",
        "1/7 1/5 1/6 1 1/3 1/4 1/7 1/8",
        "1/6 1/3 1/3 3 1 1/2 1/5 1/6",
        "1/6 1/3 1/4 4 2 1 1/5 1/6",
        "3 5 1/6 7 5 5 1 1/2",
        "4 7 5 8 6 6 2 1",
    ];

    [Fact]
    public void Analyze_SaatysHouseExample_ReproducesThePublishedPrioritiesAndConsistency()
    {
        var judgements = new List<PairwiseJudgement>();
        for (var i = 0; i < HouseCriteria.Length; i++)
        {
            var row = HouseMatrix[i].Split(' ');
            for (var j = i + 1; j < HouseCriteria.Length; j++)
            {
                judgements.Add(new PairwiseJudgement("family", HouseCriteria[i], HouseCriteria[j], RatingDimension.Empowerment, RatingCsv.ParseJudgement(row[j])!.Value));
            }
        }

        var result = PairwiseComparison.Analyze(new PairwiseSurvey { Judgements = judgements }, RatingsFixtures.WithTasks(HouseCriteria));

        var weights = Assert.Single(result.Dimensions);
        Assert.Equal([0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333], weights.Weights.Select(w => Math.Round(w, 3)));
        Assert.Equal(9.669, Math.Round(weights.LambdaMax, 3));
        Assert.Equal(0.238, Math.Round(weights.ConsistencyIndex, 3));
        Assert.Equal(0.169, Math.Round(weights.ConsistencyRatio!.Value, 3));
        Assert.False(weights.IsConsistentEnough);
        Assert.Equal(0, weights.MissingPairs);
    }

    [Fact]
    public void Analyze_SaatysHouseExample_NamesTheJudgementTheWeightsContradictMost()
    {
        // Neighborhood was judged 6 times as important as general condition, yet general condition was judged 3 times
        // as important as size, which was judged 3 times as important as neighborhood: the weights say 1.13, not 6.
        var judgements = HouseCriteria.SelectMany((a, i) => HouseCriteria.Skip(i + 1).Select((b, k) =>
            new PairwiseJudgement("family", a, b, RatingDimension.Desirability, RatingCsv.ParseJudgement(HouseMatrix[i].Split(' ')[i + 1 + k])!.Value))).ToList();

        var weights = PairwiseComparison.Analyze(new PairwiseSurvey { Judgements = judgements }, RatingsFixtures.WithTasks(HouseCriteria)).Dimensions[0];

        var worst = weights.Inconsistencies[0];
        Assert.Equal(("neighborhood", "condition", 6.0), (worst.TaskA, worst.TaskB, worst.Judgement));
        Assert.Equal(1.13, Math.Round(worst.Implied, 2));
    }

    [Property(MaxTest = 200)]
    public Property Analyze_PerfectlyConsistentJudgements_GiveExactWeightsAndConsistencyRatioZero(NonEmptyArray<PositiveInt> raw, int dropSeed)
    {
        // Weights 1–9, so that every ratio lies on Saaty's scale; every third pair dropped beyond a spanning chain,
        // so that Harker's method is tested as well as the complete matrix.
        var weights = raw.Get.Take(10).Select(x => (double)((x.Get % 9) + 1)).Prepend(4).ToArray();
        var tasks = weights.Select((_, i) => $"t{i}").ToArray();
        var random = new Random(dropSeed);
        var drop = dropSeed % 2 == 0;
        var judgements = new List<PairwiseJudgement>();
        for (var i = 0; i < tasks.Length; i++)
        {
            for (var j = i + 1; j < tasks.Length; j++)
            {
                if (j == i + 1 || !drop || random.Next(3) != 0)
                {
                    judgements.Add(new PairwiseJudgement("r", tasks[i], tasks[j], RatingDimension.Empowerment, weights[i] / weights[j]));
                }
            }
        }

        var result = PairwiseComparison.Analyze(new PairwiseSurvey { Judgements = judgements }, RatingsFixtures.WithTasks(tasks)).Dimensions[0];

        var total = weights.Sum();
        for (var i = 0; i < tasks.Length; i++)
        {
            Assert.Equal(weights[i] / total, result.Weights[i], 1e-9);
        }

        Assert.Equal(0, result.ConsistencyIndex, 1e-9);
        Assert.Equal(0, result.ConsistencyRatio!.Value, 1e-9);
        return Prop.Collect(true, result.MissingPairs > 0 ? "incomplete" : "complete");
    }

    [Fact]
    public void Analyze_TwoRaters_CombinesTheirJudgementsByGeometricMean()
    {
        var workplace = RatingsFixtures.WithTasks(["a", "b", "c"]);
        PairwiseJudgement J(string rater, string a, string b, double value) => new(rater, a, b, RatingDimension.Desirability, value);
        var two = new PairwiseSurvey { Judgements = [J("x", "a", "b", 2), J("y", "b", "a", 1.0 / 8), J("x", "b", "c", 3), J("y", "a", "c", 6)] };
        var one = new PairwiseSurvey { Judgements = [J("z", "a", "b", 4), J("z", "b", "c", 3), J("z", "a", "c", 6)] };

        var combined = PairwiseComparison.Analyze(two, workplace).Dimensions[0];
        var single = PairwiseComparison.Analyze(one, workplace).Dimensions[0];

        Assert.Equal(2, combined.Raters);
        Assert.Equal(single.Weights.ToArray(), combined.Weights.ToArray(), (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void Analyze_TasksNeverComparedAcrossGroups_ReportsTheGroups()
    {
        var workplace = RatingsFixtures.WithTasks(["a", "b", "c", "d"]);
        var survey = new PairwiseSurvey
        {
            Judgements = [new("x", "a", "b", RatingDimension.Empowerment, 3), new("x", "c", "d", RatingDimension.Empowerment, 1.0 / 2)],
        };

        var e = Assert.Throws<InvalidRatingsException>(() => PairwiseComparison.Analyze(survey, workplace));

        Assert.Equal(
            "empowerment: the comparisons fall apart into 2 groups never compared with each other: {a, b} and {c, d}; compare at least one pair across them",
            Assert.Single(e.Problems).ToString());
    }

    [Theory]
    [InlineData(WeightMapping.Ratio, new[] { "10", "5", "2.5" })]
    [InlineData(WeightMapping.Range, new[] { "10", "4", "1" })]
    public void Analyze_Mapping_PutsWeightsOnTheScaleAsDocumented(WeightMapping mapping, string[] expected)
    {
        // Weights 4 : 2 : 1. Ratio: 10·w/w_max. Range: 1 + 9·(w − 1/7)/(4/7 − 1/7) gives 10, 4 and 1.
        var survey = new PairwiseSurvey
        {
            Judgements = [new("x", "a", "b", RatingDimension.Empowerment, 2), new("x", "b", "c", RatingDimension.Empowerment, 2), new("x", "a", "c", RatingDimension.Empowerment, 4)],
        };
        var workplace = RatingsFixtures.WithTasks(["a", "b", "c"]);

        var ratings = PairwiseComparison.Analyze(survey, workplace, new PairwiseOptions { Mapping = mapping });
        var rated = ratings.ApplyTo(workplace);

        Assert.Equal(expected.Select(decimal.Parse), rated.Tasks.Select(t => t.Empowerment));
        Assert.Equal([1m, 1m, 1m], rated.Tasks.Select(t => t.Desirability));
        Assert.Empty(rated.Validate());
    }
}
