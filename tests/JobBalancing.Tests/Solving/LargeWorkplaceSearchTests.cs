using JobBalancing.Analysis;
using JobBalancing.Benchmarks;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// The search's path for large workplaces (over 3,000 pairs), which the generated property cases are far too small to
/// take: swaps and CP-SAT on the held pairs in turns, with the exchanges of whole holdings among the swaps. Its plan
/// is checked against the test project's own oracle, like every other.
/// </summary>
public sealed class LargeWorkplaceSearchTests
{
    [Fact]
    public void Balance_LargeWorkplace_TakesTurnsOnTheHeldPairs_AndReturnsAPlanThatKeepsTheRulesAsScored()
    {
        var workplace = WorkplaceGenerator.Generate(InstanceSize.Parse("200x60"), seed: 1);
        var log = new RecordingLoggerFactory();
        var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(20), Threads = 2, Seed = 1, LoggerFactory = log })
            .Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(log.Messages, m => m.Contains("(the held pairs)", StringComparison.Ordinal));
        Assert.NotNull(result.Plan);
        BalancerProperties.AssertKeeps(workplace, result, BalancerProperties.EveryRule);
        BalancerProperties.AssertScoresAreRecomputable(workplace, result);
        Assert.True(result.Bound <= result.Plan.Objective, $"bound {result.Bound} above the objective {result.Plan.Objective}");
        Assert.True(result.Plan.Objective < PlanEvaluator.EvaluateCurrent(workplace).Objective, "no better than the current assignment");
    }
}
