using FsCheck;
using FsCheck.Fluent;
using JobBalancing.Domain;
using JobBalancing.Solving;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Generators;

/// <summary>
/// The generators produce what the properties need: valid workplaces of the promised shape, with every optional rule
/// showing up, and a fair share that have a plan (a sample that is all infeasible would test nothing).
/// </summary>
public sealed class WorkplaceGeneratorTests
{
    private const int Samples = 400;

    [Fact]
    public void Small_Workplaces_AreValidAndOfTheirShape_AndUseEveryRule()
    {
        var workplaces = Sample(WorkplaceShape.Small, Samples, seed: 11);

        Assert.All(workplaces, w => Assert.Empty(w.Validate()));
        Assert.All(workplaces, w => Assert.InRange(w.Workers.Count, 2, 6));
        Assert.All(workplaces, w => Assert.InRange(w.Tasks.Count, Math.Min(2, Units(w)), 6));
        Assert.All(workplaces, w => Assert.All(w.Tasks, t => Assert.True(t.Empowerment * 10 % 1 == 0 && t.Desirability * 10 % 1 == 0)));
        Assert.Contains(workplaces, w => w.HourUnit == 0.5m);
        Assert.Contains(workplaces, w => w.Workers.Select(x => x.Hours).Distinct().Count() > 1);
        Assert.Contains(workplaces, w => w.Weights != ObjectiveWeights.Default);
        Assert.Contains(workplaces, w => w.Rules.AllowTraining && w.Tasks.Any(t => t.Skill is not null));
        Assert.Contains(workplaces, w => w.Skills.Any(s => s.TrainingHours > 0));
        Assert.Contains(workplaces, w => w.Rules.MaxTasksPerWorker is not null);
        Assert.Contains(workplaces, w => w.Tasks.Any(t => t.MinChunk > w.HourUnit));
        Assert.Contains(workplaces, w => w.Tasks.Any(t => t.MaxPerWorker is not null));
        Assert.Contains(workplaces, w => w.Workers.Any(x => x.Fixed.Count > 0));
        Assert.Contains(workplaces, w => w.Workers.Any(x => x.Excluded.Count > 0));
        Assert.Contains(workplaces, w => w.Workers.Any(x => x.Current.Count > 0) && w.Workers.Any(x => x.Current.Count == 0));
    }

    [Fact]
    public void Tiny_Workplaces_AreSmallEnoughToEnumerate_AndAboutHalfHaveAPlan()
    {
        var workplaces = Sample(WorkplaceShape.Tiny, Samples, seed: 12);
        Assert.All(workplaces, w => Assert.Empty(w.Validate()));
        Assert.All(workplaces, w => Assert.InRange(w.Workers.Count, 1, 3));
        Assert.All(workplaces, w => Assert.InRange(w.Tasks.Count, Math.Min(2, Units(w)), 4));
        Assert.All(workplaces, w => Assert.All(w.Workers, x => Assert.InRange(x.Hours / w.HourUnit, 1, 6)));

        var feasible = workplaces.Count(w => BruteForce.Solve(w).Best is not null);
        var share = (double)feasible / workplaces.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"tiny workplaces with a plan (brute force): {feasible} of {workplaces.Count} ({share:P0})");
        Assert.InRange(share, 0.35, 0.9);
    }

    [Fact]
    public void Small_Workplaces_AboutHalfHaveAPlan()
    {
        var workplaces = Sample(WorkplaceShape.Small, 60, seed: 13);
        var statuses = workplaces.Select(w => Solve.Balance(w).Status).ToList();
        var feasible = statuses.Count(s => s is SolveStatus.Optimal or SolveStatus.Feasible);
        var share = (double)feasible / workplaces.Count;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"small workplaces with a plan: {feasible} of {workplaces.Count} ({share:P0}); "
            + string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}")));
        Assert.InRange(share, 0.35, 0.9);
    }

    /// <summary>The workplace's hours in hour units: it cannot have more tasks than that.</summary>
    private static decimal Units(Workplace workplace) => workplace.Workers.Sum(w => w.Hours) / workplace.HourUnit;

    internal static List<Workplace> Sample(WorkplaceShape shape, int count, int seed) =>
        [.. WorkplaceGenerator.Workplaces(shape).Sample(count, new Rnd((ulong)seed), 10)];
}
