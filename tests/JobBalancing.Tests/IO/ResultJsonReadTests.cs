using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.IO;

public sealed class ResultJsonReadTests
{
    [Fact]
    public void Read_WrittenResult_GivesTheSameWorkplacePlanAndStatus()
    {
        var workplace = WorkplaceJson.ReadFile(Path.Combine("samples", "quickstart.json"));
        var result = Solve.Balance(workplace, seconds: 2);

        var file = ResultJson.Read(ResultJson.Write(result, workplace));

        Assert.Equal(WorkplaceJson.Write(workplace), WorkplaceJson.Write(file.Workplace));
        Assert.Equal(result.Status, file.Result.Status);
        Assert.Equal(result.Plan!.Objective, file.Result.Plan!.Objective);
        Assert.Equal(result.Plan.Jobs.Select(j => j.Tasks), file.Result.Plan.Jobs.Select(j => j.Tasks));
        Assert.Equal(Math.Round(result.Bound, ResultJson.Decimals, MidpointRounding.AwayFromZero), file.Result.Bound);
    }

    [Fact]
    public void Read_InfeasibleResult_GivesItsConflictingRules()
    {
        var workplace = WorkplaceJson.ReadFile(Path.Combine("samples", "infeasible", "chunks-cannot-cover.json"));
        var result = Solve.Balance(workplace, seconds: 2);

        var file = ResultJson.Read(ResultJson.Write(result, workplace));

        Assert.Equal(SolveStatus.Infeasible, file.Result.Status);
        Assert.Null(file.Result.Plan);
        Assert.Equal(result.Explanation, file.Result.Explanation);
        Assert.Equal(result.ConflictingRules, file.Result.ConflictingRules);
    }

    public static TheoryData<string, string, string[]> BadResults => new()
    {
        { "\"status\": \"Feasible\"", "\"status\": \"Good\"", ["status: unknown status \"Good\"; expected one of Optimal, Feasible, Infeasible, Invalid, Unknown"] },
        { "\"format\": \"jobbalancing.result/1\"", "\"format\": \"jobbalancing.result/1\", \"extra\": 1", ["extra: unknown property"] },
        { "\"worker\": \"ben\"", "\"worker\": \"bem\"", ["jobs[1].worker: unknown worker \"bem\" (did you mean \"ben\"?)"] },
    };

    [Theory]
    [MemberData(nameof(BadResults))]
    public void Read_BadResult_NamesThePathAndValue(string replace, string with, string[] expected)
    {
        var json = OfficeResult();
        Assert.Contains(replace, json, StringComparison.Ordinal);

        var problems = Assert.Throws<InvalidWorkplaceException>(() => ResultJson.Read(json.Replace(replace, with, StringComparison.Ordinal))).Problems;

        Assert.Equal(expected, problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_HoursThatBreakTheRules_NamesEveryRuleBroken()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(OfficeResult())!;
        json["jobs"]![0]!["tasks"]![1]!["hours"] = 6;

        var problems = Assert.Throws<InvalidWorkplaceException>(() => ResultJson.Read(json.ToJsonString())).Problems;

        Assert.Equal(
            ["jobs: the hours break a rule: worker \"ana\" holds 11 h but has 10 h", "jobs: the hours break a rule: task \"cleaning\" is covered 11 h but needs 10 h"],
            problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_ResultWithoutInput_SaysItCannotBeReadBack()
    {
        var json = ResultJson.Write(new BalancingResult { Status = SolveStatus.Unknown });

        var problems = Assert.Throws<InvalidWorkplaceException>(() => ResultJson.Read(json)).Problems;

        Assert.Equal(["input: is missing: only a result written with its workplace (as jobbalancing solve writes it) can be read back"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_InvalidInput_NamesItsPathBelowInput()
    {
        var json = OfficeResult().Replace("\"hourUnit\": 1", "\"hourUnit\": -1", StringComparison.Ordinal);

        var problems = Assert.Throws<InvalidWorkplaceException>(() => ResultJson.Read(json)).Problems;

        Assert.Equal("input.hourUnit: -1 must be positive", problems[0].ToString());
    }

    /// <summary>A result of two workers with 5 h of each task, written as a plan by hand (no solver).</summary>
    private static string OfficeResult()
    {
        var workplace = WorkplaceJson.Read("""
            { "id": "office",
              "tasks": [ { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 }, { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 } ],
              "workers": [ { "id": "ana", "hours": 10 }, { "id": "ben", "hours": 10 } ] }
            """);
        var half = new Dictionary<string, decimal> { ["design"] = 5, ["cleaning"] = 5 };
        var plan = JobBalancing.Analysis.PlanEvaluator.Evaluate(workplace, new Dictionary<string, IReadOnlyDictionary<string, decimal>> { ["ana"] = half, ["ben"] = half });
        return ResultJson.Write(new BalancingResult { Status = SolveStatus.Feasible, Plan = plan }, workplace);
    }
}
