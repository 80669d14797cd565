using System.Text.Json;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Tests.IO;

public sealed class ResultJsonTests
{
    /// <summary>Two tasks of 3 h, two workers of 3 h; scores in thirds, so that rounding shows.</summary>
    private static readonly Workplace Thirds = new()
    {
        Id = "thirds",
        Name = "Thirds",
        Tasks =
        [
            new WorkTask { Id = "a", Hours = 3, Empowerment = 2, Desirability = 3 },
            new WorkTask { Id = "b", Hours = 3, Empowerment = 1, Desirability = 1 },
        ],
        Workers = [new Worker { Id = "w1", Hours = 3 }, new Worker { Id = "w2", Hours = 3, Current = new Dictionary<string, decimal> { ["b"] = 3 } }],
    };

    /// <summary>w1 holds a 2, b 1 (E = 5/3, D = 7/3); w2 holds a 1, b 2 (E = 4/3, D = 5/3); the averages are 1.5 and 2.</summary>
    private static readonly BalancingResult Feasible = new()
    {
        Status = SolveStatus.Feasible,
        Plan = PlanEvaluator.Evaluate(Thirds, new Dictionary<string, IReadOnlyDictionary<string, decimal>>
        {
            ["w1"] = new Dictionary<string, decimal> { ["a"] = 2, ["b"] = 1 },
            ["w2"] = new Dictionary<string, decimal> { ["a"] = 1, ["b"] = 2 },
        }),
        Bound = 0.25m,
        BoundSource = "CP-SAT",
        SolveTime = TimeSpan.FromSeconds(1.5),
    };

    [Fact]
    public void Write_ResultWithPlan_HasTheContractsFieldsInItsOrder()
    {
        using var json = JsonDocument.Parse(ResultJson.Write(Feasible, Thirds));
        var root = json.RootElement;

        var names = root.EnumerateObject().Select(p => p.Name).ToList();
        string[] contract = ["status", "objective", "averages", "jobs", "costs", "solveSeconds"];
        Assert.Equal(contract, names.Where(name => contract.Contains(name)));
        Assert.Equal(
            ["value", "bound", "empowermentMaxDeviation", "desirabilityMaxDeviation"],
            root.GetProperty("objective").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["worker", "hours", "empowerment", "desirability", "empowermentDeviation", "desirabilityDeviation", "trainingHours", "reassignedHours", "newSkills", "tasks"],
            root.GetProperty("jobs")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Write_ResultWithPlan_WritesItsFiguresRoundedToSixDecimals()
    {
        using var json = JsonDocument.Parse(ResultJson.Write(Feasible, Thirds));
        var root = json.RootElement;

        Assert.Equal("Feasible", root.GetProperty("status").GetString());
        Assert.Equal("thirds", root.GetProperty("workplace").GetProperty("id").GetString());
        Assert.Equal("Thirds", root.GetProperty("workplace").GetProperty("name").GetString());
        var objective = root.GetProperty("objective");
        Assert.Equal(0.5m, objective.GetProperty("value").GetDecimal());
        Assert.Equal(0.25m, objective.GetProperty("bound").GetDecimal());
        Assert.Equal(0.166667m, objective.GetProperty("empowermentMaxDeviation").GetDecimal());
        Assert.Equal(0.333333m, objective.GetProperty("desirabilityMaxDeviation").GetDecimal());
        Assert.Equal(0.25m, root.GetProperty("gap").GetDecimal());
        Assert.Equal("CP-SAT", root.GetProperty("boundSource").GetString());
        Assert.Equal(1.5m, root.GetProperty("averages").GetProperty("empowerment").GetDecimal());
        Assert.Equal(2m, root.GetProperty("averages").GetProperty("desirability").GetDecimal());
        Assert.Equal(1.5m, root.GetProperty("solveSeconds").GetDecimal());

        var w2 = root.GetProperty("jobs")[1];
        Assert.Equal("w2", w2.GetProperty("worker").GetString());
        Assert.Equal(3m, w2.GetProperty("hours").GetDecimal());
        Assert.Equal(1.333333m, w2.GetProperty("empowerment").GetDecimal());
        Assert.Equal(1.666667m, w2.GetProperty("desirability").GetDecimal());
        Assert.Equal(-0.166667m, w2.GetProperty("empowermentDeviation").GetDecimal());
        Assert.Equal(-0.333333m, w2.GetProperty("desirabilityDeviation").GetDecimal());
        Assert.Equal(1m, w2.GetProperty("reassignedHours").GetDecimal());
        Assert.Equal([("a", 1m), ("b", 2m)], w2.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("task").GetString(), t.GetProperty("hours").GetDecimal())));

        var costs = root.GetProperty("costs");
        Assert.Equal((0m, 1m, 4), (costs.GetProperty("trainingHours").GetDecimal(), costs.GetProperty("reassignedHours").GetDecimal(), costs.GetProperty("fragments").GetInt32()));
        var empowerment = root.GetProperty("metrics").GetProperty("empowerment");
        Assert.Equal(0.333333m, empowerment.GetProperty("range").GetDecimal());
        Assert.Equal(0.166667m, empowerment.GetProperty("standardDeviation").GetDecimal());
        Assert.Equal(0.055556m, empowerment.GetProperty("gini").GetDecimal());
    }

    [Fact]
    public void Write_Figures_AreWrittenWithoutTrailingZerosOrMoreThanSixDecimals()
    {
        var text = ResultJson.Write(Feasible);

        Assert.Contains("\"empowerment\": 1.666667,", text, StringComparison.Ordinal);
        Assert.Contains("\"value\": 0.5,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"workplace\"", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d\.\d{7}", text);
    }

    [Fact]
    public void Write_InfeasibleResult_WritesTheExplanationAndNoPlan()
    {
        var result = new BalancingResult { Status = SolveStatus.Infeasible, Explanation = "surgery needs 80 h; training is off" };

        using var json = JsonDocument.Parse(ResultJson.Write(result, Thirds));
        var root = json.RootElement;

        Assert.Equal("Infeasible", root.GetProperty("status").GetString());
        Assert.Equal("surgery needs 80 h; training is off", root.GetProperty("explanation").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("objective").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("gap").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("averages").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("costs").ValueKind);
        Assert.Equal(0, root.GetProperty("jobs").GetArrayLength());
        Assert.False(root.TryGetProperty("problems", out _));
    }

    [Fact]
    public void Write_InvalidResult_ListsEveryProblemWithItsPath()
    {
        var result = new BalancingResult
        {
            Status = SolveStatus.Invalid,
            Problems = [new ValidationProblem("tasks[0].hours", "-5 must be positive"), new ValidationProblem("", "malformed JSON at line 1, column 2: oops")],
        };

        using var json = JsonDocument.Parse(ResultJson.Write(result));
        var problems = json.RootElement.GetProperty("problems");

        Assert.Equal("Invalid", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(
            [("tasks[0].hours", "-5 must be positive"), ("", "malformed JSON at line 1, column 2: oops")],
            problems.EnumerateArray().Select(p => (p.GetProperty("path").GetString(), p.GetProperty("message").GetString())));
    }
}
