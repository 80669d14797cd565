using System.Text.Json;
using JobBalancing.Cli;

namespace JobBalancing.Tests.Cli;

public sealed class CompareCommandTests : IDisposable
{
    /// <summary>A design office and a cleaning crew: alone each is balanced, but against the region's average neither is.</summary>
    private const string Crew = """
        {
          "id": "crew", "tasks": [ { "id": "cleaning", "hours": 8, "empowerment": 1, "desirability": 2 } ],
          "workers": [ { "id": "cy", "hours": 8, "current": { "cleaning": 8 } } ]
        }
        """;

    private const string Region = """
        {
          "format": "jobbalancing.region/1", "id": "north",
          "costs": { "recruitmentHours": 8, "onboardingHours": 16, "moneyPerHour": 30 },
          "policies": { "maxSecondaryShare": 0.5, "minSecondaryHours": 4 },
          "workplaces": [
            { "workplace": {
                "id": "office", "tasks": [ { "id": "design", "hours": 8, "empowerment": 9, "desirability": 8 } ],
                "workers": [ { "id": "ana", "hours": 8, "current": { "design": 8 } } ] },
              "socialBenefit": 100, "socialCost": 80 },
            { "file": "crew.json" }
          ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-compare-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Compare_TwoWorkplaces_PrintsARowPerPolicyAndWritesTheJson()
    {
        var region = Write("region.json", Region);
        Write("crew.json", Crew);
        var output = Path.Combine(_folder, "out.json");

        var run = Run("compare", region, "--policies", "within,regionalMix", "--time-limit", "5", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("policy", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("within", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("regionalMix", lines[2], StringComparison.Ordinal);

        using var json = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("jobbalancing.comparison/1", json.RootElement.GetProperty("format").GetString());
        var policies = json.RootElement.GetProperty("policies");
        Assert.Equal(2, policies.GetArrayLength());

        // Within, each worker's job is the whole of their workplace: 4 points of empowerment and 3 of desirability from the region's average.
        var within = policies[0].GetProperty("regions")[0];
        Assert.Equal(7, within.GetProperty("objective").GetDecimal());

        // RegionalMix: each takes 4 h of the other's work, so both jobs are the average; each council recruits and onboards one.
        var mix = policies[1];
        Assert.Equal(0, mix.GetProperty("regions")[0].GetProperty("objective").GetDecimal());
        Assert.Equal(48, mix.GetProperty("costs").GetProperty("recruitmentHours").GetDecimal() + mix.GetProperty("costs").GetProperty("onboardingHours").GetDecimal());
        var office = mix.GetProperty("councils")[0];
        Assert.Equal(1.25m, office.GetProperty("benefitCostRatioBefore").GetDecimal());
        var officeCost = office.GetProperty("costs").GetProperty("totalHours").GetDecimal();
        Assert.Equal(Math.Round(100 / (80 + officeCost), 6), office.GetProperty("benefitCostRatioAfter").GetDecimal());
    }

    [Fact]
    public void Compare_OutCsv_WritesTheTableWithAPolicyColumn()
    {
        var region = Write("region.json", Region);
        Write("crew.json", Crew);
        var output = Path.Combine(_folder, "table.csv");

        var run = Run("compare", region, "--policies", "within", "--time-limit", "5", "--out", output);

        Assert.Equal(0, run.ExitCode);
        var rows = File.ReadAllLines(output);
        Assert.Equal(string.Join(',', CompareCommand.Columns), rows[0]);
        Assert.StartsWith("within,Optimal,7,7,2/2,0,", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RegionFileWithProblems_ExitsTwoAndNamesEveryOneByPath()
    {
        var region = Write("region.json", """
            {
              "id": "north", "polices": {},
              "costs": { "recruitmentHours": -1 },
              "workplaces": [
                { "workplace": { "id": "a", "tasks": [ { "id": "t", "hours": 8, "empowerment": 1, "desirability": 1 } ],
                                 "workers": [ { "id": "ana", "hours": "eight" } ] } },
                { "file": "missing.json" },
                { "workplace": { "id": "b", "tasks": [ { "id": "t", "hours": 8, "empowerment": 1, "desirability": 1 } ],
                                 "workers": [ { "id": "bo", "hours": 8 } ] }, "socialBenefit": 10 },
                { "workplace": { "id": "c", "tasks": [ { "id": "t", "hours": 8, "empowerment": 1, "desirability": 1 } ],
                                 "workers": [ { "id": "bo", "hours": 8 } ] } }
              ]
            }
            """);

        var run = Run("compare", region);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        var errors = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("error: polices: unknown property (did you mean \"policies\"?)", errors);
        Assert.Contains("error: costs.recruitmentHours: -1 must not be negative", errors);
        Assert.Contains("error: workplaces[0].workplace.workers[0].hours: expected a number, got \"eight\"", errors);
        Assert.Contains("error: workplaces[1].file: \"missing.json\": cannot read", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: workplaces[2].socialCost: is missing; give both socialBenefit and socialCost, or neither", errors);
        Assert.Contains(errors, e => e.StartsWith("error: workplaces[3].workers[0].id: worker id \"bo\" is also a member of workplace \"b\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_UnknownPolicy_ExitsTwoAndSaysWhichPoliciesExist()
    {
        var region = Write("region.json", Region);
        Write("crew.json", Crew);

        var run = Run("compare", region, "--policies", "within,committee");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--policies: \"committee\" is not a policy; expected within, regionalMix, reallocation or compensation", run.Stderr, StringComparison.Ordinal);
    }

    private static CliRunResult Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CliRunResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private sealed record CliRunResult(int ExitCode, string Stdout, string Stderr);
}
