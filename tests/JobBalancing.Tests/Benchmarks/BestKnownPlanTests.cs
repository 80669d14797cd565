using System.Globalization;
using System.Text.RegularExpressions;
using JobBalancing.Analysis;
using JobBalancing.Benchmarks;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>
/// The best known plans the harness measures against where the bound stays near 0: saved and read back, ignored when they
/// do not fit the generated instance, and those kept in benchmarks/best-known checked against the generator and their
/// README.
/// </summary>
public sealed partial class BestKnownPlanTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("best-known-");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Save_ThenRead_GivesThePlansObjectiveRecomputed()
    {
        var workplace = WorkplaceGenerator.Generate(InstanceSize.S, seed: 1);
        var plan = PlanEvaluator.EvaluateCurrent(workplace);

        var path = BestKnownPlans.Save(_directory.FullName, workplace, Run(plan, bound: 0.1m));
        var (stored, problem) = BestKnownPlans.Read(_directory.FullName, workplace);

        Assert.Null(problem);
        Assert.Equal(Path.Combine(_directory.FullName, "generated-S-seed1.json"), path);
        Assert.Equal(new BestKnownPlan(plan.Objective, path), stored);
    }

    [Fact]
    public void Read_NoFile_IsNeitherAPlanNorAProblem()
    {
        Assert.Equal((null, null), BestKnownPlans.Read(_directory.FullName, WorkplaceGenerator.Generate(InstanceSize.S, seed: 1)));
    }

    [Fact]
    public void Read_PlanOfAnotherWorkplace_IsIgnoredWithANoticeNamingARule()
    {
        var seed1 = WorkplaceGenerator.Generate(InstanceSize.S, seed: 1);
        var seed2 = WorkplaceGenerator.Generate(InstanceSize.S, seed: 2);
        var saved = BestKnownPlans.Save(_directory.FullName, seed1, Run(PlanEvaluator.EvaluateCurrent(seed1), bound: 0));
        File.Move(saved, BestKnownPlans.PathOf(_directory.FullName, seed2));

        var (stored, problem) = BestKnownPlans.Read(_directory.FullName, seed2);

        Assert.Null(stored);
        Assert.False(problem!.BreaksContract);
        Assert.Contains("rules of the generated generated-S-seed2", problem.Text, StringComparison.Ordinal);
        Assert.Contains("so it is ignored", problem.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAResult_IsIgnoredWithANoticeSayingWhy()
    {
        var workplace = WorkplaceGenerator.Generate(InstanceSize.S, seed: 1);
        File.WriteAllText(BestKnownPlans.PathOf(_directory.FullName, workplace), WorkplaceJson.Write(workplace));

        var (stored, problem) = BestKnownPlans.Read(_directory.FullName, workplace);

        Assert.Null(stored);
        Assert.Contains("cannot be read", problem!.Text, StringComparison.Ordinal);
        Assert.Contains("format", problem.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void BestKnown_IsTheBetterOfTheStoredPlanAndThisRuns_AndABoundAboveTheStoredPlanBreaksTheContract()
    {
        var workplace = WorkplaceGenerator.Generate(InstanceSize.S, seed: 1);
        var plan = PlanEvaluator.EvaluateCurrent(workplace);
        var run = Run(plan, bound: 0.2m);
        Measurement Measured(decimal stored) => new(InstanceSize.S, 0, plan.Objective, "0", [run], new BestKnownPlan(stored, "stored.json"));

        Assert.Equal((0.3m, "stored.json"), Measured(0.3m).BestKnown);
        Assert.Equal((plan.Objective, "balancer, this run"), Measured(plan.Objective + 1).BestKnown);
        Assert.DoesNotContain(Measured(0.2m).Findings, f => f.BreaksContract);
        var finding = Assert.Single(Measured(0.15m).Findings, f => f.BreaksContract);
        Assert.Contains("above the best known plan (0.15", finding.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Measure_SaveBest_SavesABetterPlanOnly_AndWithoutItSaysWhenTheStoredOneWasBeaten()
    {
        var size = InstanceSize.Parse("12x6");
        var workplace = WorkplaceGenerator.Generate(size, seed: 1);
        string[] greedy = ["--size", "12x6", "--seconds", "1", "--solvers", "greedy", "--best-known", _directory.FullName];
        var path = BestKnownPlans.PathOf(_directory.FullName, workplace);

        Assert.DoesNotContain(Measurement.Run(size, HarnessOptions.Parse(greedy)!).Findings, f => f.Text.Contains("best known", StringComparison.Ordinal));
        Assert.False(File.Exists(path), "a plan was saved without --save-best");

        var saved = Measurement.Run(size, HarnessOptions.Parse([.. greedy, "--save-best"])!);
        var objective = BestKnownPlans.Read(_directory.FullName, workplace).Plan!.Objective;
        Assert.Equal(saved.Runs[0].Plan!.Objective, objective);
        Assert.Contains(saved.Findings, f => f.Text.Contains("saved as the best known plan", StringComparison.Ordinal));

        // The current assignment, worse than the greedy's plan, stored in its place: the greedy beats it again.
        BestKnownPlans.Save(_directory.FullName, workplace, Run(PlanEvaluator.EvaluateCurrent(workplace), bound: 0));
        var beaten = Measurement.Run(size, HarnessOptions.Parse(greedy)!);
        Assert.Contains(beaten.Findings, f => f.Text.Contains("is the best known (better than the stored", StringComparison.Ordinal));
        Assert.Equal((objective, "greedy, this run"), beaten.BestKnown);
    }

    /// <summary>
    /// Every plan kept in benchmarks/best-known keeps every rule of the instance the generator makes today (else the harness
    /// would ignore it), its recomputed objective is the one its README lists, and the bound stored with it is below it.
    /// </summary>
    [Fact]
    public void StoredPlans_FitTheGeneratedInstances_AndTheirReadmeListsTheirObjectives()
    {
        var directory = Path.Combine(Repository.Root(), BestKnownPlans.DefaultDirectory);
        var readme = File.ReadAllText(Path.Combine(directory, "README.md"));
        var files = Directory.GetFiles(directory, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var match = InstanceId().Match(Path.GetFileNameWithoutExtension(file));
            Assert.True(match.Success, $"{file} is not named generated-SIZE-seedN.json");
            var workplace = WorkplaceGenerator.Generate(InstanceSize.Parse(match.Groups["size"].Value), int.Parse(match.Groups["seed"].Value, CultureInfo.InvariantCulture));

            var (stored, problem) = BestKnownPlans.Read(directory, workplace);

            Assert.True(problem is null, problem?.Text);
            Assert.Contains($"| {Path.GetFileName(file)} | {stored!.Objective.ToString("0.000", CultureInfo.InvariantCulture)} |", readme, StringComparison.Ordinal);
            Assert.True(ResultJson.Read(File.ReadAllText(file)).Result.Bound <= stored.Objective, $"{file}: its bound is above its plan");
        }
    }

    [GeneratedRegex("^generated-(?<size>.+)-seed(?<seed>[0-9]+)$")]
    private static partial Regex InstanceId();

    private static SolverRun Run(Plan plan, decimal bound) => new(
        SolverKind.Balancer, new SolveTimeline([new(plan.Objective, bound, TimeSpan.FromSeconds(1), "final")]), plan, bound, "test",
        "Feasible", null, TimeSpan.FromSeconds(1), new MemoryUse(0, 0, PeakIsPerRun: false), []);
}
