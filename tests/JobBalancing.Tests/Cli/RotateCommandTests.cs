using System.Text.Json;
using JobBalancing.Cli;

namespace JobBalancing.Tests.Cli;

public sealed class RotateCommandTests : IDisposable
{
    /// <summary>Two workers, two tasks, and nobody may design two periods in a row.</summary>
    private const string Office = """
        {
          "id": "office",
          "tasks": [
            { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [ { "id": "ana", "hours": 10 }, { "id": "ben", "hours": 10 } ],
          "rules": { "maxTasksPerWorker": 1 },
          "rotation": { "serviceLimits": [ { "tasks": ["design"], "maxConsecutivePeriods": 1 } ] }
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-rotate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Rotate_AlternatesTheLimitedTask_AndWritesAPlanPerPeriod()
    {
        var workplace = Path.Combine(_folder, "office.json");
        File.WriteAllText(workplace, Office);
        var result = Path.Combine(_folder, "plan.json");

        var run = Run("rotate", workplace, "--periods", "4", "--time-limit", "5", "--threads", "1", "--out", result);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var schedule = run.Stdout.Split('\n').Single(line => line.StartsWith("ana", StringComparison.Ordinal));
        Assert.Matches(@"^ana\s+(design 10\s+cleaning 10\s+){2}|^ana\s+(cleaning 10\s+design 10\s+){2}", schedule);

        using var json = JsonDocument.Parse(File.ReadAllText(result));
        var root = json.RootElement;
        Assert.Equal("jobbalancing.rotation/1", root.GetProperty("format").GetString());
        Assert.Equal("Optimal", root.GetProperty("status").GetString());
        Assert.Equal(0m, root.GetProperty("objective").GetProperty("horizon").GetDecimal());
        Assert.Equal([1, 2, 3, 4], root.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("period").GetInt32()));
    }

    [Fact]
    public void Rotate_WithoutPeriods_IsInvalidInput()
    {
        var workplace = Path.Combine(_folder, "office.json");
        File.WriteAllText(workplace, Office);

        var run = Run("rotate", workplace, "--periods", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--periods: \"0\" must be a whole number of periods from 1 to 520", run.Stderr, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = CliApp.Run(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
