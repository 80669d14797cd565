using System.Text.Json;
using JobBalancing.Cli;

namespace JobBalancing.Tests.Cli;

public sealed class SolveCommandTests : IDisposable
{
    /// <summary>Two workers, two tasks: the one balanced plan gives each worker half of each task.</summary>
    private const string Office = """
        {
          "id": "office", "name": "Print Office",
          "tasks": [
            { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [
            { "id": "ana", "hours": 10, "current": { "design": 10 } },
            { "id": "ben", "hours": 10, "current": { "cleaning": 10 } }
          ]
        }
        """;

    /// <summary>The same office before anyone holds a job: no current assignment to fall back on.</summary>
    private const string NewOffice = """
        {
          "id": "office", "name": "Print Office",
          "tasks": [
            { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [ { "id": "ana", "hours": 10 }, { "id": "ben", "hours": 10 } ]
        }
        """;

    /// <summary>Surgery needs a skill nobody has, and training is off.</summary>
    private const string NoSurgeons = """
        {
          "id": "clinic",
          "skills": [ { "id": "surgery", "trainingHours": 400 } ],
          "tasks": [
            { "id": "surgery", "hours": 10, "empowerment": 9, "desirability": 8, "skill": "surgery" },
            { "id": "rounds", "hours": 10, "empowerment": 5, "desirability": 5 }
          ],
          "workers": [ { "id": "ana", "hours": 10 }, { "id": "ben", "hours": 10 } ],
          "rules": { "allowTraining": false }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Solve_SmallWorkplace_ExitsZeroAndPrintsTheTable()
    {
        var run = Run("solve", File(Office), "--time-limit", "5", "--threads", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.Equal(
            [
                "Print Office (office)",
                "status      Optimal",
                "objective   0 (largest deviations: empowerment 0, desirability 0)",
            ],
            lines[..3]);
        Assert.Matches(@"^bound       0 \((trivial|CP-SAT|LP relaxation)\), gap 0$", lines[3]);
        Assert.Equal("averages    empowerment 5, desirability 4.5", lines[4]);
        Assert.Matches(@"^solve time  \d+\.\d\d s$", lines[5]);
        Assert.Equal(
            [
                "",
                "worker  hours  empowerment  vs avg  desirability  vs avg  tasks",
                "ana        10        5.000   0.000         4.500   0.000  design 5, cleaning 5",
                "ben        10        5.000   0.000         4.500   0.000  design 5, cleaning 5",
                "",
                "costs       training 0 h, reassigned 10 h, 4 task fragments",
                "",
            ],
            lines[6..]);
    }

    [Fact]
    public void Solve_TaskNeedsSkillNobodyHas_ExitsOneAndExplainsOnStderr()
    {
        var run = Run("solve", File(NoSurgeons), "--time-limit", "5");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith("Infeasible: surgery needs 10 h; no worker may hold it", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("training is off", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_InvalidHours_ExitsTwoNamingTheField()
    {
        var run = Run("solve", File(Office.Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": -5, \"empowerment\": 9", StringComparison.Ordinal)));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            [
                "error: tasks[0].hours: -5 must be positive",
                "error: the tasks need 10 h but the workers have 20 h: 10 h fewer than the workers have",
            ],
            Lines(run.Stderr));
    }

    [Fact]
    public void Solve_SeveralReadingProblems_ExitsTwoWithEachOnItsOwnLine()
    {
        var run = Run("solve", File(Office
            .Replace("\"hours\": 10, \"empowerment\": 9", "\"hourz\": 10, \"empowerment\": 9", StringComparison.Ordinal)
            .Replace("\"empowerment\": 1,", "\"empowerment\": \"low\",", StringComparison.Ordinal)));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [
                "error: tasks[0].hourz: unknown property (did you mean \"hours\"?)",
                "error: tasks[0].hours: is missing",
                "error: tasks[1].empowerment: expected a number, got \"low\"",
            ],
            Lines(run.Stderr));
    }

    [Fact]
    public void Solve_MalformedJson_ExitsTwoWithLineAndColumn()
    {
        var run = Run("solve", File("{\n  \"id\": \"office\"\n  \"tasks\": []\n}"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            ["error: malformed JSON at line 3, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'."],
            Lines(run.Stderr));
    }

    [Fact]
    public void Solve_MissingFile_ExitsTwoNamingIt()
    {
        var path = Path.Combine(_folder, "nowhere.json");

        var run = Run("solve", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"error: cannot read \"{path}\": the file does not exist"], Lines(run.Stderr));
    }

    [Fact]
    public void Solve_WithOut_WritesResultJsonMatchingTheContractAndPrintsOneLine()
    {
        var resultPath = Path.Combine(_folder, "result.json");

        var run = Run("solve", File(Office), "--time-limit", "5", "--out", resultPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^Optimal: objective 0, bound 0, gap 0; 2 jobs in \d+\.\d\d s; result written to .*result\.json\n$", run.Stdout);
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(resultPath));
        var root = json.RootElement;
        Assert.Equal("Optimal", root.GetProperty("status").GetString());
        var objective = root.GetProperty("objective");
        Assert.Equal(0m, objective.GetProperty("value").GetDecimal());
        Assert.Equal(0m, objective.GetProperty("bound").GetDecimal());
        Assert.Equal(0m, objective.GetProperty("empowermentMaxDeviation").GetDecimal());
        Assert.Equal(0m, objective.GetProperty("desirabilityMaxDeviation").GetDecimal());
        Assert.Equal(5m, root.GetProperty("averages").GetProperty("empowerment").GetDecimal());
        Assert.Equal(4.5m, root.GetProperty("averages").GetProperty("desirability").GetDecimal());
        Assert.Equal(10m, root.GetProperty("costs").GetProperty("reassignedHours").GetDecimal());
        Assert.Equal(0m, root.GetProperty("costs").GetProperty("trainingHours").GetDecimal());
        Assert.True(root.GetProperty("solveSeconds").GetDecimal() > 0);
        var jobs = root.GetProperty("jobs").EnumerateArray().ToList();
        Assert.Equal(["ana", "ben"], jobs.Select(j => j.GetProperty("worker").GetString()));
        Assert.All(jobs, job =>
        {
            Assert.Equal(10m, job.GetProperty("hours").GetDecimal());
            Assert.Equal(10m, job.GetProperty("tasks").EnumerateArray().Sum(t => t.GetProperty("hours").GetDecimal()));
            Assert.Equal(5m, job.GetProperty("empowerment").GetDecimal());
            Assert.Equal(4.5m, job.GetProperty("desirability").GetDecimal());
        });
        Assert.Equal(["result.json"], Directory.EnumerateFiles(_folder, "result*").Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Solve_InfeasibleWithOut_StillWritesTheResultWithItsExplanation()
    {
        var resultPath = Path.Combine(_folder, "result.json");

        var run = Run("solve", File(NoSurgeons), "--time-limit", "5", "--out", resultPath);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Infeasible: surgery needs 10 h", run.Stderr, StringComparison.Ordinal);
        Assert.Equal($"Infeasible: no plan; result written to {resultPath}\n", run.Stdout);
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(resultPath));
        Assert.Equal("Infeasible", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("surgery needs 10 h", json.RootElement.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, json.RootElement.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public void Solve_InvalidWithOut_WritesTheProblemsIntoTheResult()
    {
        var resultPath = Path.Combine(_folder, "result.json");

        var run = Run("solve", File(Office.Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": \"ten\", \"empowerment\": 9", StringComparison.Ordinal)), "--out", resultPath);

        Assert.Equal(2, run.ExitCode);
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(resultPath));
        Assert.Equal("Invalid", json.RootElement.GetProperty("status").GetString());
        var problem = Assert.Single(json.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("tasks[0].hours", problem.GetProperty("path").GetString());
        Assert.Equal("expected a number, got \"ten\"", problem.GetProperty("message").GetString());
    }

    [Fact]
    public void Solve_OutIntoMissingFolder_ExitsTwoBeforeReadingOrSolving()
    {
        var resultPath = Path.Combine(_folder, "missing", "result.json");

        var run = Run("solve", Path.Combine(_folder, "nowhere.json"), "--out", resultPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            [$"error: --out: the folder \"{Path.Combine(_folder, "missing")}\" does not exist", "Run 'jobbalancing solve --help' for usage."],
            Lines(run.Stderr));
    }

    [Fact]
    public void Solve_OutIsAFolder_ExitsTwoAskingForAFileName()
    {
        var run = Run("solve", File(Office), "--out", _folder);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"error: --out: \"{_folder}\" is a folder; name the result file", Lines(run.Stderr));
    }

    [Fact]
    public void Solve_Json_PrintsTheResultJsonInsteadOfTheTable()
    {
        var run = Run("solve", File(Office), "--time-limit", "5", "--seed", "7", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Optimal", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("office", json.RootElement.GetProperty("workplace").GetProperty("id").GetString());
    }

    [Fact]
    public void Solve_CancelledBeforeAPlanIsFound_ExitsOneSayingSo()
    {
        var run = Run(new CancellationToken(canceled: true), "solve", File(NewOffice));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(["Unknown: the solve was cancelled before a plan was found"], Lines(run.Stderr));
    }

    [Fact]
    public void Solve_CancelledAtOnceWithACurrentAssignmentThatKeepsTheRules_ReturnsItAsTheBestPlanSoFar()
    {
        var run = Run(new CancellationToken(canceled: true), "solve", File(Office), "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("Feasible", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("costs").GetProperty("reassignedHours").GetDecimal());
    }

    [Theory]
    [InlineData("--time-limit", "0", "error: --time-limit: \"0\" must be a positive number of seconds, at most 31536000 (a year)")]
    [InlineData("--time-limit", "-3", "error: --time-limit: \"-3\" must be a positive number of seconds, at most 31536000 (a year)")]
    [InlineData("--time-limit", "soon", "error: --time-limit: \"soon\" must be a positive number of seconds, at most 31536000 (a year)")]
    [InlineData("--time-limit", "NaN", "error: --time-limit: \"NaN\" must be a positive number of seconds, at most 31536000 (a year)")]
    [InlineData("--threads", "-1", "error: --threads: \"-1\" must be a whole number from 0 (one per processor) to 256")]
    [InlineData("--threads", "1.5", "error: --threads: \"1.5\" must be a whole number from 0 (one per processor) to 256")]
    [InlineData("--seed", "x", "error: --seed: \"x\" must be a whole number")]
    [InlineData("--colour", "red", "error: Unrecognized command or argument '--colour'.")]
    public void Solve_InvalidOption_ExitsTwoNamingTheOptionAndValue(string option, string value, string message)
    {
        var run = Run("solve", File(Office), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains(message, Lines(run.Stderr));
    }

    [Fact]
    public void Run_NoCommand_ExitsTwoWithUsage()
    {
        var run = Run();

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["error: Required command was not provided.", "Run 'jobbalancing --help' for usage."], Lines(run.Stderr));
    }

    [Fact]
    public void Solve_Help_ExitsZeroAndNamesEveryOption()
    {
        var run = Run("solve", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("jobbalancing solve <workplace> [options]", run.Stdout, StringComparison.Ordinal);
        Assert.All(["--time-limit", "--threads", "--seed", "--out", "--json"], option => Assert.Contains(option, run.Stdout, StringComparison.Ordinal));
    }

    private static CliRun Run(params string[] args) => Run(CancellationToken.None, args);

    private static CliRun Run(CancellationToken cancellationToken, params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr, cancellationToken);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Writes <paramref name="json"/> to a file of the test's own folder and returns its path.</summary>
    private string File(string json)
    {
        var path = Path.Combine(_folder, $"workplace-{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);
}
