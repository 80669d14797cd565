using System.Buffers.Binary;

namespace JobBalancing.Tests.Cli;

/// <summary><c>jobbalancing frontier</c> and <c>jobbalancing plot</c>: the files they write, and what they refuse.</summary>
public sealed class FrontierCommandTests : IDisposable
{
    /// <summary>Ana plans, Ben cleans; see <c>FrontierTests.PlannerAndCleaner</c> for the frontier worked out.</summary>
    private const string Pair = """
        {
          "id": "pair", "name": "Planner and cleaner",
          "tasks": [ { "id": "plan", "hours": 8, "empowerment": 9, "desirability": 7 }, { "id": "clean", "hours": 8, "empowerment": 1, "desirability": 2 } ],
          "workers": [ { "id": "ana", "hours": 8, "current": { "plan": 8 } }, { "id": "ben", "hours": 8, "current": { "clean": 8 } } ]
        }
        """;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-frontier-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Frontier_AgainstCost_WritesTheCsvAndAPngOfTheSizeAsked()
    {
        var workplace = Write("pair.json", Pair);
        var csv = Path.Combine(_folder, "frontier.csv");
        var png = Path.Combine(_folder, "frontier.png");

        var run = CliRun.Of("frontier", workplace, "--against", "cost", "--points", "5", "--time-limit", "5", "--threads", "1", "--out", csv, "--plot", png);

        Assert.Equal(0, run.ExitCode);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("value,objective,bound,status,level,trainingHours,reassignedHours,cost,fragments,solveSeconds", rows[0]);
        Assert.Equal(["0,6.5", "2,4.875", "4,3.25", "6,1.625", "8,0"], rows.Skip(1).Select(r => string.Join(',', r.Split(',')[..2])));
        AssertPng(png, 900, 600);
        Assert.Contains("| 8 | 0 | 0 | Optimal | best |", run.Stdout, StringComparison.Ordinal);

        // Not a terminal: progress as plain lines, one per solve.
        Assert.Equal(5, CliRun.Lines(run.Stderr).Count(l => l.StartsWith('[')));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Frontier_AgainstFragmentation_WritesMarkdownAndSvg()
    {
        var workplace = Write("pair.json", Pair);
        var md = Path.Combine(_folder, "frontier.md");
        var svg = Path.Combine(_folder, "frontier.svg");

        var run = CliRun.Of("frontier", workplace, "--against", "fragmentation", "--time-limit", "5", "--threads", "1", "--out", md, "--plot", svg);

        Assert.Equal(0, run.ExitCode);
        var text = File.ReadAllText(md);
        Assert.StartsWith("# Balance against fragmentation: Planner and cleaner", text, StringComparison.Ordinal);
        Assert.Contains("| 1 | 6.5 |", text, StringComparison.Ordinal);
        Assert.Contains("| 2 | 0 |", text, StringComparison.Ordinal);
        Assert.StartsWith("<?xml", File.ReadAllText(svg), StringComparison.Ordinal);
        Assert.Contains("Balance against fragmentation", File.ReadAllText(svg), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--against", "money", "money")]
    [InlineData("--points", "1", "--points: \"1\" must be a whole number from 2 to 64")]
    [InlineData("--plot", "frontier.jpg", "--plot: \"frontier.jpg\" must end in .png or .svg")]
    [InlineData("--out", "frontier.txt", "--out: \"frontier.txt\" must end in .csv or .md")]
    public void Frontier_BadArgument_ExitsTwoNamingIt(string option, string value, string message)
    {
        var workplace = Write("pair.json", Pair);
        string[] args = option == "--against"
            ? ["frontier", workplace, option, value]
            : ["frontier", workplace, "--against", "cost", option, option is "--plot" or "--out" ? Path.Combine(_folder, value) : value];

        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option == "--plot" || option == "--out" ? message.Replace(value, Path.Combine(_folder, value), StringComparison.Ordinal) : message, run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder, "frontier.*"));
    }

    [Fact]
    public void Frontier_HorizonWithTooManyPoints_ExitsTwoBeforeAnySolve()
    {
        var run = CliRun.Of("frontier", Write("pair.json", Pair), "--against", "horizon", "--points", "11");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--points: \"11\" horizon lengths would plan up to 1024 periods; at most 10 (512 periods)", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Frontier_InvalidWorkplace_ExitsTwoNamingTheField()
    {
        var workplace = Write("bad.json", Pair.Replace("\"hours\": 8, \"empowerment\": 9", "\"hours\": 8, \"empowerment\": 90", StringComparison.Ordinal));

        var run = CliRun.Of("frontier", workplace, "--against", "cost");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("tasks[0].empowerment", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotJobs_FromASolvedResult_WritesAPng()
    {
        var workplace = Write("pair.json", Pair);
        var result = Path.Combine(_folder, "result.json");
        Assert.Equal(0, CliRun.Of("solve", workplace, "--time-limit", "5", "--threads", "1", "--out", result).ExitCode);
        var png = Path.Combine(_folder, "jobs.png");

        var run = CliRun.Of("plot", "jobs", result, "--out", png);

        Assert.Equal(0, run.ExitCode);
        AssertPng(png, 900, 600);
    }

    [Fact]
    public void PlotRotation_NotARotation_ExitsTwoSayingWhatItExpected()
    {
        var file = Write("rotation.json", """{ "format": "something else" }""");

        var run = CliRun.Of("plot", "rotation", file, "--out", Path.Combine(_folder, "heat.png"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not the rotation JSON", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "heat.png")));
    }

    /// <summary>A PNG file: its signature, then an IHDR chunk whose width and height are big-endian at bytes 16 and 20.</summary>
    private static void AssertPng(string path, int width, int height)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.True(bytes.Length > 10_000, $"a {bytes.Length}-byte PNG is too small to hold a plot");
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
