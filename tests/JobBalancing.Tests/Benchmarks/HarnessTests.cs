using JobBalancing.Benchmarks;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>The harness's own arithmetic: options, reading a timeline, and summing several runs up.</summary>
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
    [InlineData("--best-known", "plans", "--best-known, --save-best and --runs go with measurements")]
    [InlineData("--runs", "0", "--runs 0 must be between 1 and 100")]
    [InlineData("--runs", "3", "--runs repeats the balancer's runs; --solvers leaves the balancer out")]
    [InlineData("--runs", "2", "--runs 2 from --seed 2147483647 would need seeds beyond 2147483647")]
    public void Parse_BadArguments_SaysWhich(string name, string value, string message)
    {
        string[] conflicting = name switch
        {
            "--write-region" => ["--size", "M"],
            "--write" => ["--seconds", "5"],
            "--best-known" => ["--region", "2x20"],
            "--runs" when value == "3" => ["--solvers", "mip,greedy"],
            "--runs" when value == "2" => ["--seed", "2147483647"],
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
    public void Parse_Runs_GivesTheBalancerConsecutiveSeedsFromTheSeed()
    {
        var repeated = HarnessOptions.Parse(["--size", "M", "--seed", "4", "--runs", "3"])!;
        var once = HarnessOptions.Parse(["--size", "M", "--seed", "4"])!;

        Assert.Equal([4, 5, 6], repeated.BalancerSeeds);
        Assert.Equal([4], once.BalancerSeeds);
        Assert.Equal(4, repeated.Seed);
    }

    [Fact]
    public void Spread_OddRuns_IsTheMiddleOneWithTheBestAndTheWorst()
    {
        Assert.Equal("0.2 (0.1–0.4)", Spread.Of<decimal>([0.2m, 0.4m, 0.1m], Text, "never"));
        Assert.Equal("0.3", Spread.Of<decimal>([0.3m, 0.3m, 0.3m], Text, "never"));
        Assert.Equal("7", Spread.Of<decimal>([7m], Text, "never"));
    }

    [Fact]
    public void Spread_EvenRuns_TakesTheWorseOfTheTwoMiddleOnes()
    {
        Assert.Equal("3 (1–4)", Spread.Of<decimal>([4m, 1m, 3m, 2m], Text, "never"));
        Assert.Equal("2 (1–2)", Spread.Of<decimal>([1m, 2m], Text, "never"));
    }

    [Fact]
    public void Spread_ARunThatNeverGotThere_IsWorseThanAnyThatDid()
    {
        Assert.Equal("3 (1–never)", Spread.Of<decimal>([3m, null, 1m], Text, "never"));
        Assert.Equal("never (1–never)", Spread.Of<decimal>([null, null, 1m], Text, "never"));
        Assert.Equal("never", Spread.Of<decimal>([null, null], Text, "never"));
        Assert.Throws<ArgumentException>(() => Spread.Of<decimal>([], Text, "never"));
    }

    [Fact]
    public void Table_SeveralBalancerRuns_EachHasAColumnAndThePeerIsComparedWithTheSlowest()
    {
        // Two runs of the balancer: one reaches 0.3 at 1 s, the other only at 4 s and no better; the greedy reaches 0.3 at 2 s.
        var options = HarnessOptions.Parse(["--size", "M", "--seconds", "10", "--runs", "2", "--solvers", "balancer,greedy"])!;
        SolverRun Run(SolverKind solver, int? seed, params (double Seconds, decimal Objective)[] reports) =>
            new(solver, new SolveTimeline([.. reports.Select(r => Report(r.Seconds, r.Objective))]), null, 0m, "none", "Feasible", null,
                Seconds(reports[^1].Seconds), new MemoryUse(1 << 20, 2 << 20, PeakIsPerRun: true), []) { Seed = seed };
        var measurement = new Measurement(InstanceSize.M, 972, 9m, "0 0 0",
        [
            Run(SolverKind.Balancer, 1, (0.1, 2m), (1, 0.3m), (5, 0.2m)),
            Run(SolverKind.Balancer, 2, (0.1, 2m), (4, 0.3m)),
            Run(SolverKind.Greedy, null, (2, 0.3m)),
        ]);
        var output = new StringWriter();

        ResultTable.Write(output, [measurement], options, []);
        var table = output.ToString();

        Assert.Contains("M balancer (seed 1) | M balancer (seed 2) | M greedy", table, StringComparison.Ordinal);
        Assert.Contains("0.300: 2.00 s ÷ 4.00 s (the slowest of 2 runs) = ×0.50", table, StringComparison.Ordinal);
        Assert.Matches(@"\| objective at 10 s +\| +0\.300 \(0\.200–0\.300\) \|", table);
        Assert.Contains("2 runs of the balancer with seeds 1–2", table, StringComparison.Ordinal);
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

    private static string Text(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static SolveProgress Report(double seconds, decimal objective) => new(objective, 0, Seconds(seconds), "test");

    private static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}
