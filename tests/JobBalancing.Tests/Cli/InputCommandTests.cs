using System.Text.Json;

namespace JobBalancing.Tests.Cli;

/// <summary>The commands around the solve: validate, import, export, report.</summary>
public sealed class InputCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-inputs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Sample(string name) => Path.Combine("samples", name);

    [Fact]
    public void Validate_ValidFile_ExitsZeroAndSummarises()
    {
        var run = CliRun.Of("validate", Sample("quickstart.json"));

        Assert.Equal((0, "valid: Corner Bakery (bakery): 5 tasks, 5 workers, 176 h per period\n", ""), (run.ExitCode, run.Stdout, run.Stderr));
    }

    [Fact]
    public void Validate_InvalidFile_ExitsTwoListingEveryProblem()
    {
        var path = Path.Combine(_folder, "bad.json");
        File.WriteAllText(path, """
            { "id": "x", "tasks": [ { "id": "a", "hours": -5, "empowerment": 11, "desirability": 5, "skill": "surgry" } ],
              "skills": [ { "id": "surgery" } ], "workers": [ { "id": "w", "hours": 10 } ] }
            """);

        var run = CliRun.Of("validate", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            [
                "error: tasks[0].hours: -5 must be positive",
                "error: tasks[0].empowerment: 11 is outside the rating scale 1–10",
                "error: tasks[0].skill: unknown skill \"surgry\" (did you mean \"surgery\"?)",
                "error: the tasks need 0 h but the workers have 10 h: 10 h fewer than the workers have",
                "4 problems",
            ],
            CliRun.Lines(run.Stderr));
    }

    [Fact]
    public void ExportThenImport_Sample_GivesTheSameWorkplaceJson()
    {
        var tables = Path.Combine(_folder, "tables");
        var json = Path.Combine(_folder, "hospital.json");

        var export = CliRun.Of("export", Sample("hospital.json"), "--out", tables, "--semicolon");
        var import = CliRun.Of("import", tables, "--out", json);
        var validate = CliRun.Of("validate", tables);

        Assert.Equal((0, 0, 0), (export.ExitCode, import.ExitCode, validate.ExitCode));
        Assert.Equal(
            ["current.csv", "excluded.csv", "fixed.csv", "skills.csv", "tasks.csv", "workers.csv", "workplace.csv"],
            Directory.GetFiles(tables).Select(Path.GetFileName).Order());
        Assert.Equal(
            JobBalancing.IO.WorkplaceJson.Write(JobBalancing.IO.WorkplaceJson.ReadFile(Sample("hospital.json"))) + "\n",
            File.ReadAllText(json));
    }

    [Fact]
    public void Import_BadTables_ExitsTwoNamingFileLineAndColumn()
    {
        var tables = Directory.CreateDirectory(Path.Combine(_folder, "bad")).FullName;
        File.WriteAllText(Path.Combine(tables, "tasks.csv"), "id;hours;empowerment;desirability\na;10;5,5;5\nb;zehn;5;5\n");
        File.WriteAllText(Path.Combine(tables, "workers.csv"), "id;hours\nana;20\n");

        var run = CliRun.Of("import", tables, "--out", Path.Combine(_folder, "out.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: tasks.csv line 3, hours: expected a number, got \"zehn\"", "1 problem"], CliRun.Lines(run.Stderr));
        Assert.False(File.Exists(Path.Combine(_folder, "out.json")));
    }

    [Fact]
    public void SolveThenReport_Markdown_HasABalanceStatementPerWorker()
    {
        var result = Path.Combine(_folder, "result.json");
        var solve = CliRun.Of("solve", Sample("quickstart.json"), "--time-limit", "2", "--threads", "1", "--out", result);

        var report = CliRun.Of("report", result);
        var csv = CliRun.Of("report", result, "--format", "csv", "--out", Path.Combine(_folder, "plan.csv"));

        Assert.Equal((0, 0, 0), (solve.ExitCode, report.ExitCode, csv.ExitCode));
        Assert.StartsWith("# Plan for Corner Bakery\n", report.Stdout, StringComparison.Ordinal);
        Assert.All(["Rosa", "Tom", "Mei", "Ali", "Jo"], name => Assert.Contains($"\n### {name}\n", report.Stdout, StringComparison.Ordinal));
        Assert.StartsWith("worker,workerName,task,taskName,hours,currentHours,", File.ReadAllText(Path.Combine(_folder, "plan.csv")), StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_InfeasibleSample_ExplainsOnStderrAndInTheResult()
    {
        var result = Path.Combine(_folder, "result.json");

        var run = CliRun.Of("solve", Path.Combine("samples", "infeasible", "fixed-beyond-fragmentation.json"), "--time-limit", "5", "--out", result);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Infeasible: no plan keeps every rule at once", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Ana holds at most 2 tasks (maxTasksPerWorker)", run.Stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(result));
        var rules = json.RootElement.GetProperty("conflictingRules").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).ToArray();
        Assert.Equal(["fixed", "fixed", "fixed", "fragmentationLimit"], rules);
    }

    [Fact]
    public void Report_NotAResult_ExitsTwo()
    {
        var run = CliRun.Of("report", Sample("quickstart.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: format: is missing; expected \"jobbalancing.result/1\", as jobbalancing solve writes it", "1 problem"], CliRun.Lines(run.Stderr));
    }
}
