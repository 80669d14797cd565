using JobBalancing.Benchmarks;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>The harness's own arithmetic: options and reading a timeline.</summary>
public sealed class HarnessTests
{
    [Fact]
    public void Parse_Solvers_KeepsTheirOrderAndDefaultsToAll()
    {
        Assert.Equal([SolverKind.Mip, SolverKind.Greedy], HarnessOptions.Parse(["--solvers", "mip, Greedy"])!.Solvers);
        Assert.Equal([SolverKind.Balancer, SolverKind.Mip, SolverKind.Greedy], HarnessOptions.Parse(["--quick"])!.Solvers);
    }

    [Theory]
    [InlineData("--solvers", "cplex", "solver \"cplex\" is none of balancer, mip, greedy")]
    [InlineData("--write-region", "out", "--write-region only writes the region")]
    [InlineData("--write", "out", "--write only writes the instances")]
    [InlineData("--best-known", "plans", "--best-known and --save-best go with measurements")]
    public void Parse_BadArguments_SaysWhich(string name, string value, string message)
    {
        string[] conflicting = name switch
        {
            "--write-region" => ["--size", "M"],
            "--write" => ["--seconds", "5"],
            "--best-known" => ["--region", "2x20"],
            _ => [],
        };
        var error = Assert.Throws<FormatException>(() => HarnessOptions.Parse([name, value, .. conflicting]));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Write_NamesTheDirectoryAndKeepsTheSizes()
    {
        var options = HarnessOptions.Parse(["--write", "out", "--size", "S,200x60", "--seed", "3"])!;

        Assert.Equal("out", options.InstanceDirectory);
        Assert.Equal(["S", "200x60"], options.Sizes.Select(s => s.Name));
        Assert.Equal(3, options.Seed);
    }

    [Fact]
    public void Parse_BestKnown_DefaultsToTheRepositorysFolderAndSavesOnlyWhenAsked()
    {
        var defaults = HarnessOptions.Parse(["--quick"])!;
        var asked = HarnessOptions.Parse(["--size", "L", "--best-known", "plans", "--save-best"])!;

        Assert.Equal(("benchmarks/best-known", false), (defaults.BestKnownDirectory, defaults.SaveBest));
        Assert.Equal(("plans", true), (asked.BestKnownDirectory, asked.SaveBest));
    }

    [Fact]
    public void Reach_SampledTimeline_LiesBetweenTheLastRunThatMissedAndTheFirstThatGotThere()
    {
        var timeline = new SolveTimeline(
            [Report(0.3, 5.0m), Report(1, 0.9m), Report(3, 0.5m), Report(10, 0.5m), Report(30, 0.2m)], Sampled: true);

        Assert.Equal((Seconds(3), Seconds(1)), timeline.Reach(0.5m));
        Assert.Equal((Seconds(0.3), TimeSpan.Zero), timeline.Reach(5m));
        Assert.Null(timeline.Reach(0.1m));
        Assert.Equal((0.9m, 0m), timeline.At(Seconds(1.2)));
        Assert.Null(timeline.At(Seconds(0.02)));
    }

    [Fact]
    public void Reach_WatchedTimeline_IsExact()
    {
        var timeline = new SolveTimeline([Report(0.3, 5.0m), Report(1, 0.9m), Report(3, 0.5m)]);

        Assert.Equal((Seconds(1), Seconds(1)), timeline.Reach(0.9m));
        Assert.Equal((Seconds(3), Seconds(3)), timeline.Reach(0.45m + 0.05m));
        Assert.Null(timeline.At(Seconds(0.29)));
    }

    private static SolveProgress Report(double seconds, decimal objective) => new(objective, 0, Seconds(seconds), "test");

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
