using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.Ratings;

namespace JobBalancing.Tests.Ratings;

public sealed class AggregationTests
{
    private static readonly Workplace Office = RatingsFixtures.WithTasks(["design", "cleaning"]);

    private static readonly RatingSurvey Survey = new()
    {
        Scores =
        [
            new("ana", "design", 9, 7), new("ben", "design", 8, null), new("cem", "design", 2, 6),
            new("dan", "design", 9, 8), new("eve", "design", 10, 7),
            new("ana", "cleaning", 1, 2), new("ben", "cleaning", 2, 3),
        ],
    };

    [Theory]
    [InlineData(AggregationMethod.Mean, "7.6", "7")]
    [InlineData(AggregationMethod.Median, "9", "7")]
    [InlineData(AggregationMethod.TrimmedMean, "8.6667", "7")] // 2, 8, 9, 9, 10 less one at each end: 26/3
    public void Aggregate_FiveScores_GivesTheChosenStatisticRoundedTo4Decimals(AggregationMethod method, string empowerment, string desirability)
    {
        var ratings = RatingAggregator.Aggregate(Survey, Office, new AggregationOptions { Method = method });

        var design = ratings.Tasks[0];
        Assert.Equal((decimal.Parse(empowerment), decimal.Parse(desirability)), (design.Empowerment!.Rating, design.Desirability!.Rating));
        Assert.Equal((5, 4), (design.Empowerment.Count, design.Desirability.Count));
        Assert.Equal(Math.Sqrt(10.3), design.Empowerment.StandardDeviation, 1e-12);
    }

    [Fact]
    public void ApplyTo_TaskNobodyScored_KeepsItsRating()
    {
        var workplace = Office with { Tasks = [.. Office.Tasks, new WorkTask { Id = "meals", Hours = 10, Empowerment = 3, Desirability = 6 }] };
        workplace = workplace with { Workers = [new Worker { Id = "solo", Hours = 30 }] };

        var rated = RatingAggregator.Aggregate(Survey, workplace).ApplyTo(workplace);

        Assert.Equal((3m, 6m), (rated.Tasks[2].Empowerment, rated.Tasks[2].Desirability));
        Assert.Equal((1.5m, 2.5m), (rated.Tasks[1].Empowerment, rated.Tasks[1].Desirability));
        Assert.Empty(rated.Validate());
    }

    [Fact]
    public void Aggregate_ScoreOffTheScaleAndUnknownTask_ListsBothProblems()
    {
        var survey = new RatingSurvey { Scores = [new("ana", "desing", 5, 5), new("ben", "design", 11, 0)] };

        var e = Assert.Throws<InvalidRatingsException>(() => RatingAggregator.Aggregate(survey, Office));

        Assert.Equal(
            [
                "scores[0].task: unknown task \"desing\" (did you mean \"design\"?)",
                "scores[1].empowerment: 11 is outside the rating scale 1–10",
                "scores[1].desirability: 0 is outside the rating scale 1–10",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Property(MaxTest = 300)]
    public Property Aggregate_AnyScoresOnAnyScale_StayOnTheScaleWith4DecimalsAtMost(
        NonEmptyArray<NonNegativeInt> raw, int scaleSeed, AggregationMethod method, NormalFloat trim)
    {
        var random = new Random(scaleSeed);
        var min = random.Next(-5, 5) + (random.Next(4) / 4m);
        var max = min + 0.25m + (random.Next(200) / 7m);
        max = Math.Round(max, 2);
        var scale = new RatingScale(min, max);
        var workplace = RatingsFixtures.WithTasks(["a", "b"], scale);

        // Scores anywhere on the scale, with up to 6 decimals, so that the aggregate needs rounding.
        var scores = raw.Get.Select((x, i) => new RatingScore(
            $"r{i}", i % 3 == 0 ? "b" : "a", min + ((max - min) * (x.Get % 1_000_001) / 1_000_000m), i % 5 == 0 ? null : max)).ToList();
        var options = new AggregationOptions
        {
            Method = Enum.IsDefined(method) ? method : AggregationMethod.Mean,
            TrimFraction = Math.Abs(trim.Get) % 0.5,
        };

        var rated = RatingAggregator.Aggregate(new RatingSurvey { Scores = scores }, workplace, options).ApplyTo(workplace);

        Assert.All(rated.Tasks, t => Assert.True(scale.Contains(t.Empowerment) && scale.Contains(t.Desirability), $"{t} is off {scale}"));
        Assert.All(rated.Tasks, t => Assert.True(Numbers.Decimals(t.Empowerment) <= Numbers.MaxRatingDecimals, $"{t.Empowerment} has too many decimals"));
        Assert.Empty(rated.Validate());
        return Prop.Collect(true, options.Method);
    }

    [Property(MaxTest = 100)]
    public Property Aggregate_RatersInAnotherOrder_ChangesNothing(NonEmptyArray<NonNegativeInt> raw, int shuffleSeed)
    {
        var workplace = RatingsFixtures.WithTasks(["a", "b", "c"]);
        var scores = raw.Get.Take(40).Select((x, i) => new RatingScore(
                $"r{i / 3}", ((char)('a' + (i % 3))).ToString(), 1 + (x.Get % 10), (x.Get / 10) % 7 == 0 ? null : 1 + ((x.Get / 10) % 10)))
            .ToList();
        var shuffled = scores.ToList();
        new Random(shuffleSeed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        var (original, reordered) = (new RatingSurvey { Scores = scores }, new RatingSurvey { Scores = shuffled });

        foreach (var method in Enum.GetValues<AggregationMethod>())
        {
            var options = new AggregationOptions { Method = method };
            Assert.Equal(RatingAggregator.Aggregate(original, workplace, options).Tasks, RatingAggregator.Aggregate(reordered, workplace, options).Tasks);
        }

        foreach (var dimension in Enum.GetValues<RatingDimension>())
        {
            var (before, after) = (RaterAgreement.Analyze(original, workplace, dimension), RaterAgreement.Analyze(reordered, workplace, dimension));
            Assert.Equal(before.Kendall, after.Kendall);
            Assert.Equal(before.KrippendorffAlpha, after.KrippendorffAlpha);
            Assert.Equal(before.Disagreements, after.Disagreements);
        }

        return Prop.Collect(true, scores.Count);
    }
}
