using JobBalancing.Domain;
using JobBalancing.Ratings;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Ratings;

public sealed class SensitivityTests
{
    /// <summary>
    /// Design can only be held whole (minChunk 10), so one worker designs and the other cleans: Ē = 5, D̄ = 4.5 and the
    /// objective is |9 − 5| + |7 − 4.5| = 6.5 whatever the ratings, as long as design stays the better task.
    /// </summary>
    private static readonly Workplace Office = new()
    {
        Id = "office",
        Tasks =
        [
            new WorkTask { Id = "design", Hours = 10, Empowerment = 9, Desirability = 7, MinChunk = 10 },
            new WorkTask { Id = "cleaning", Hours = 10, Empowerment = 1, Desirability = 2, MinChunk = 10 },
        ],
        Workers = [new Worker { Id = "ana", Hours = 10 }, new Worker { Id = "ben", Hours = 10 }],
    };

    /// <summary>A generous limit: these solves are proven optimal in milliseconds, but a busy machine must not starve them.</summary>
    private static SensitivityOptions Options(int scenarios) =>
        new() { Scenarios = scenarios, Seed = 3, Balancer = Solve.Options(seconds: 10, tieBreaks: false) };

    [Fact]
    public void Analyze_PlanForcedByChunks_InfluencesMatchTheHandComputedChanges()
    {
        // Design empowerment ±1: the designer scores 10 (or 8) against Ē = 5.5 (or 4.5): Δ_E 4.5 or 3.5, a change of 0.5.
        // Cleaning desirability ±0.5: the cleaner scores 2.5 (or 1.5) against D̄ = 4.75 (or 4.25): Δ_D 2.25 or 2.75, 0.25.
        RatingUncertainty[] uncertainties =
        [
            new("cleaning", RatingDimension.Desirability, 0.5m),
            new("design", RatingDimension.Empowerment, 1),
            new("design", RatingDimension.Desirability, 0),
        ];

        var report = RatingSensitivity.Analyze(Office, uncertainties, Options(scenarios: 3), TestContext.Current.CancellationToken);

        Assert.Equal(6.5m, report.Baseline.Plan!.Objective);
        Assert.Equal(
            [new RatingInfluence("design", RatingDimension.Empowerment, 1, 0.5m), new RatingInfluence("cleaning", RatingDimension.Desirability, 0.5m, 0.25m)],
            report.Influences);
        Assert.Equal(3, report.Scenarios.Count);
        Assert.All(report.Scenarios, s =>
        {
            // With the plan fixed by the chunks, re-solving finds the same objective as keeping the plan, within the moves.
            Assert.Equal(s.BaselinePlanObjective, s.Objective);
            Assert.InRange(s.BaselinePlanObjective, 6.5m - 0.5m - 0.25m, 6.5m + 0.5m + 0.25m);
        });
    }

    [Fact]
    public void Analyze_NoSpread_EveryScenarioKeepsTheBaselineObjective()
    {
        var uncertainties = new[] { new RatingUncertainty("design", RatingDimension.Empowerment, 0) };

        var report = RatingSensitivity.Analyze(Office, uncertainties, Options(scenarios: 2), TestContext.Current.CancellationToken);

        Assert.All(report.Scenarios, s => Assert.Equal((6.5m, 6.5m), (s.Objective, s.BaselinePlanObjective)));
        Assert.Empty(report.Influences);
    }

    [Fact]
    public void Analyze_UnknownTaskAndBadOptions_ListsEveryProblem()
    {
        var options = Options(scenarios: -1);
        options.SpreadFactor = double.NaN;

        var e = Assert.Throws<ArgumentException>(() => RatingSensitivity.Analyze(Office, [new RatingUncertainty("desing", RatingDimension.Empowerment, 1)], options, TestContext.Current.CancellationToken));

        Assert.StartsWith(
            "Invalid sensitivity analysis: Scenarios: -1 must be between 0 and 10000; SpreadFactor: NaN must be between 0 and 100; uncertainty of \"desing\": unknown task or negative spread 1",
            e.Message,
            StringComparison.Ordinal);
    }
}
