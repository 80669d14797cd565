using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Reports;
using JobBalancing.Solving;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.TradeOffs;

/// <summary>Scenario comparisons and the tables of frontiers and comparisons.</summary>
public sealed class ScenarioComparisonTests
{
    /// <summary>Ana plans, Ben cleans: 6.5 now, 0 when each does half of each task (K ≥ 2), 6.5 with one task each.</summary>
    private static readonly Workplace Pair = new()
    {
        Id = "pair",
        Tasks =
        [
            new WorkTask { Id = "plan", Hours = 8, Empowerment = 9, Desirability = 7 },
            new WorkTask { Id = "clean", Hours = 8, Empowerment = 1, Desirability = 2 },
        ],
        Workers =
        [
            new Worker { Id = "ana", Hours = 8, Current = new Dictionary<string, decimal> { ["plan"] = 8 } },
            new Worker { Id = "ben", Hours = 8, Current = new Dictionary<string, decimal> { ["clean"] = 8 } },
        ],
    };

    private static readonly Scenario[] Scenarios =
    [
        new() { Name = "no limit" },
        new() { Name = "one task each", Rules = new WorkplaceRules { MaxTasksPerWorker = 1 } },
        new() { Name = "within 3.25", MaxObjective = 3.25m },
    ];

    [Fact]
    public void Compare_ThreeScenarios_GivesEachItsSolveAndItsDifferencesFromTheFirst()
    {
        var outcomes = ScenarioComparison.Compare(Pair, Scenarios, Solve.Options(5), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["no limit", "one task each", "within 3.25"], outcomes.Select(o => o.Scenario.Name));
        Assert.Equal([0m, 6.5m, 3.25m], outcomes.Select(o => o.Result.Plan!.Objective));
        Assert.Equal([0m, 6.5m, 3.25m], outcomes.Select(o => o.ObjectiveChange!.Value));

        // Perfect balance moves 4 h each way; one task each moves nothing; 3.25 is reached by moving 2 h each way.
        Assert.Equal([0m, -8m, -4m], outcomes.Select(o => o.ReassignedHoursChange!.Value));
        Assert.Equal([0, -2, 0], outcomes.Select(o => o.FragmentsChange!.Value));
    }

    [Fact]
    public void Compare_InvalidScenario_NamesItInThePath()
    {
        Scenario[] scenarios = [new() { Name = "base" }, new() { Name = "no tasks at all", Rules = new WorkplaceRules { MaxTasksPerWorker = 0 } }];

        var error = Assert.Throws<InvalidWorkplaceException>(() => ScenarioComparison.Compare(Pair, scenarios, Solve.Options(1), cancellationToken: TestContext.Current.CancellationToken));

        Assert.StartsWith("scenarios[1] (no tasks at all).rules.maxTasksPerWorker", Assert.Single(error.Problems).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RepeatedName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ScenarioComparison.Compare(Pair, [new Scenario { Name = "a" }, new Scenario { Name = "a" }], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Two scenarios are named \"a\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioTables_HaveARowPerScenario_WithSignedDifferences()
    {
        var outcomes = ScenarioComparison.Compare(Pair, Scenarios, Solve.Options(5), cancellationToken: TestContext.Current.CancellationToken);

        var csv = TradeOffReport.ScenarioCsv(outcomes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', TradeOffReport.ScenarioColumns), csv[0]);
        Assert.Equal("one task each,Optimal,6.5,6.5,0,0,2,6.5,0,-8,-2", csv[2]);

        var markdown = TradeOffReport.ScenarioMarkdown(outcomes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, markdown.Length);
        Assert.Equal("| one task each | Optimal | 6.5 | +6.5 | 6.5 | 0 | 0 | 0 | −8 | 2 | −2 |", markdown[3]);
    }

    [Fact]
    public void FrontierCsv_SemicolonSeparator_WritesDecimalCommas()
    {
        var frontier = Frontier.AgainstCost(Pair, new FrontierOptions { Balancer = Solve.Options(5), Points = 3 }, cancellationToken: TestContext.Current.CancellationToken);

        var rows = TradeOffReport.FrontierCsv(frontier, ';').Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(4, rows.Length);
        Assert.StartsWith("4;3,25;", rows[2], StringComparison.Ordinal);
    }
}
