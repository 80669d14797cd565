using JobBalancing.Ratings;

namespace JobBalancing.Tests.Ratings;

public sealed class AgreementTests
{
    /// <summary>
    /// The NAG Library's example for G08DAF (nagf_nonpar_concordance_kendall), "G08DAF Example Program Results"
    /// (https://support.nag.com/numeric/fl/nagdoc_fl26.2/examples/baseresults/g08dafe.r.html): three comparisons of ten
    /// objects with many ties print "Kendall's coefficient = 0.828, Significance = 0.008".
    /// </summary>
    [Fact]
    public void KendallW_NagG08dafExampleWithTies_ReproducesThePublishedCoefficientAndSignificance()
    {
        double[][] scores =
        [
            [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
            [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
            [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
        ];

        var kendall = RaterAgreement.KendallW(scores)!;

        Assert.Equal(0.828, Math.Round(kendall.W, 3));
        Assert.Equal(0.008, Math.Round(kendall.PValue, 3));
        Assert.Equal(9, kendall.DegreesOfFreedom);
        Assert.Equal(3 * 9 * kendall.W, kendall.ChiSquare, 1e-12);
    }

    [Fact]
    public void KendallW_NagExample_EqualsTheFormulaRecomputedFromRankSums()
    {
        // The scores are already average ranks, so W = 12·S / (m²(n³ − n) − m·ΣT) with m = 3, n = 10, mean rank sum 16.5.
        double[][] ranks =
        [
            [1.0, 4.5, 2.0, 4.5, 3.0, 7.5, 6.0, 9.0, 7.5, 10.0],
            [2.5, 1.0, 2.5, 4.5, 4.5, 8.0, 9.0, 6.5, 10.0, 6.5],
            [2.0, 1.0, 4.5, 4.5, 4.5, 4.5, 8.0, 8.0, 8.0, 10.0],
        ];
        var rankSums = Enumerable.Range(0, 10).Select(j => ranks.Sum(r => r[j])).ToArray();
        var s = rankSums.Sum(r => (r - 16.5) * (r - 16.5));
        var ties = ranks.Sum(r => RaterAgreement.Ranks(r).Ties);

        Assert.Equal(12 * s / ((9 * 990) - (3 * ties)), RaterAgreement.KendallW(ranks)!.W, 1e-12);
        Assert.True(ties > 0);
    }

    [Fact]
    public void KendallW_IdenticalRankings_IsOne()
    {
        double[][] scores = [[1, 2, 3, 4], [2, 4, 6, 8], [10, 20, 30, 40]];

        Assert.Equal(1, RaterAgreement.KendallW(scores)!.W, 1e-12);
    }

    /// <summary>
    /// Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", University of Pennsylvania: the
    /// example of 4 observers and 12 units with missing values gives α = 0.849 for interval data.
    /// </summary>
    [Fact]
    public void KrippendorffAlpha_PublishedExampleWithMissingValues_Is0849ForIntervalData()
    {
        double[][] units =
        [
            [1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
            [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3],
        ];

        Assert.Equal(0.849, Math.Round(RaterAgreement.KrippendorffIntervalAlpha(units)!.Value, 3));
    }

    [Fact]
    public void Analyze_Survey_NamesTheTaskTheCouncilDisagreesAboutMostFirst()
    {
        var workplace = RatingsFixtures.WithTasks(["surgery", "council", "cleaning"]);
        var survey = new RatingSurvey
        {
            Scores =
            [
                new("ana", "surgery", 9, 8), new("ana", "council", 9, 5), new("ana", "cleaning", 1, 2),
                new("ben", "surgery", 8, 8), new("ben", "council", 3, 5), new("ben", "cleaning", 1, null),
                new("cem", "surgery", 9, 7), new("cem", "council", 6, 6), new("cem", "cleaning", 1, 1),
            ],
        };

        var report = RaterAgreement.Analyze(survey, workplace, RatingDimension.Empowerment);

        Assert.Equal(["council", "surgery", "cleaning"], report.Disagreements.Select(d => d.Task));
        Assert.Equal(3, report.Disagreements[0].StandardDeviation, 1e-12);
        Assert.Equal((3m, 9m), (report.Disagreements[0].Min, report.Disagreements[0].Max));
        Assert.Equal(3, report.Kendall!.Raters);

        // Desirability: ben left cleaning out, so Kendall's W uses the block with all three tasks and two raters.
        var desirability = RaterAgreement.Analyze(survey, workplace, RatingDimension.Desirability);
        Assert.Equal((2, 3), (desirability.Kendall!.Raters, desirability.Kendall.Tasks));
        Assert.NotNull(desirability.KrippendorffAlpha);
    }
}
