using JobBalancing.Benchmarks;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// The search's path for workplaces of 300 to 3,000 pairs, which the generated property cases are too small to take: a
/// moment of CP-SAT on the whole model for its root bound right after the LP relaxation (the swaps before it only hint,
/// those after it search in full, in turns with CP-SAT on the held pairs), the model guided by the LP, the turns of
/// neighbourhoods, swaps and held pairs (the whole model gets no more than its root), then levels just above the bound
/// probed before the balance stage ends: by the whole jobs first when there is time for them, then by CP-SAT; with more
/// time, the whole jobs and the turn on their mix (swaps within its pairs, then CP-SAT on them) come between the local
/// search and the guided model instead.
/// </summary>
public sealed class MidSizeWorkplaceSearchTests
{
    [Fact]
    public void Balance_MidSizeWorkplace_BoundsWithCpSatBeforeTheGuidedModel_TakesTurns_ThenProbesLevels()
    {
        var (workplace, result, messages) = BalanceM(TimeSpan.FromSeconds(15));

        var cpSatBound = FirstIndex(messages, "Bound from the CP-SAT");
        var hint = FirstIndex(messages, "Swaps on the balance (a hint)");
        var inFull = FirstIndex(messages, "Swaps on the balance (in full)");
        Assert.True(
            hint >= 0 && hint < cpSatBound && cpSatBound < inFull,
            $"swaps for a hint at message {hint}, CP-SAT's bound at {cpSatBound}, swaps in full at {inFull}: up to 1,000 pairs they only hint CP-SAT until its root bound is tried");
        var guided = FirstIndex(messages, "(guided by the LP relaxation)");
        var heldPairs = FirstIndex(messages, "(the held pairs)");
        Assert.True(
            inFull < heldPairs && heldPairs < guided,
            $"swaps in full at message {inFull}, the held pairs at {heldPairs}, the guided model at {guided}: the held pairs take turns with the swaps before the guided model");
        var neighbourhood = FirstIndex(messages, ", Balance ");
        var probe = FirstIndex(messages, "A plan within");
        var stageEnd = FirstIndex(messages, "Stage Balance:");
        Assert.True(
            cpSatBound >= 0 && cpSatBound < guided && guided < neighbourhood && neighbourhood < probe && probe < stageEnd,
            $"CP-SAT's bound at message {cpSatBound}, the guided model at {guided}, the first neighbourhood at {neighbourhood}, the first probe at {probe}, the balance stage's end at {stageEnd}");
        Assert.Equal(-1, FirstIndex(messages, "whole jobs:")); // 15 s leave the whole jobs less than they need
        AssertPlanKeepsEveryRuleAboveTheBound(workplace, result);
        BalancerProperties.AssertScoresAreRecomputable(workplace, result);
    }

    /// <summary>
    /// Given 30 s, the whole jobs get less than the 15 s they would need with their mix after the local search, but the 4 s
    /// and more they need for their bound (about 5 s here): they probe at the end of the balance stage, CP-SAT's probes
    /// after them, and no CP-SAT on their mix; the bound is never above the plan. On a quiet machine the bound comes from
    /// them (0.092 in a 30-s run of the CLI), but a machine busy with other tests may leave them nothing refuted, so the test
    /// asks only that they run.
    /// </summary>
    [Fact]
    public void Balance_MidSizeWorkplaceWithTime_ProbesLevelsWithWholeJobsFirst()
    {
        var (workplace, result, messages) = BalanceM(TimeSpan.FromSeconds(30));

        var neighbourhood = FirstIndex(messages, ", Balance ");
        var wholeJobs = FirstIndex(messages, "whole jobs:");
        var stageEnd = FirstIndex(messages, "Stage Balance:");
        Assert.True(
            neighbourhood >= 0 && neighbourhood < wholeJobs && wholeJobs < stageEnd,
            $"the first neighbourhood at message {neighbourhood}, the first probe of the whole jobs at {wholeJobs}, the balance stage's end at {stageEnd}");
        Assert.Equal(-1, FirstIndex(messages, "(the whole jobs' mix)"));
        AssertPlanKeepsEveryRuleAboveTheBound(workplace, result);
    }

    /// <summary>
    /// Given 60 s, the whole jobs get the 15 s and more they need with their mix (about 19 s here): they come after the
    /// local search and before the guided model, the turn on their mix (when they left a level not refuted: the swaps
    /// within its pairs, then CP-SAT on them) right after them, and CP-SAT's probes at the end of the balance stage, unless
    /// the plan is by then within 1 % of the bound, where no level is left to probe (as the mix's turn now often leaves
    /// it); the bound is never above the plan. On a quiet machine the bound comes from the whole jobs, but a machine busy
    /// with other tests may leave them nothing refuted, so the test asks only that they run, and where.
    /// </summary>
    [Fact]
    public void Balance_MidSizeWorkplaceWithMoreTime_TakesWholeJobsAfterTheLocalSearch_ProbesLevelsAtTheEnd()
    {
        var (workplace, result, messages) = BalanceM(TimeSpan.FromSeconds(60));

        var inFull = FirstIndex(messages, "Swaps on the balance (in full)");
        var wholeJobs = FirstIndex(messages, "whole jobs:");
        var guided = FirstIndex(messages, "(guided by the LP relaxation)");
        var neighbourhood = FirstIndex(messages, ", Balance ");
        var probe = FirstIndex(messages, "A plan within", after: neighbourhood);
        var stageEnd = FirstIndex(messages, "Stage Balance:");
        Assert.True(
            inFull >= 0 && inFull < wholeJobs && wholeJobs < guided && guided < neighbourhood && neighbourhood < stageEnd,
            $"swaps in full at message {inFull}, the first probe of the whole jobs at {wholeJobs}, the guided model at {guided}, the first neighbourhood at {neighbourhood}, the balance stage's end at {stageEnd}");
        if (probe == -1)
        {
            var gap = result.Plan!.Objective - result.Bound;
            Assert.True(gap <= result.Bound / 100, $"no probe of CP-SAT's, with the plan {result.Plan.Objective} more than 1 % above the bound {result.Bound}");
        }
        else
        {
            Assert.True(neighbourhood < probe && probe < stageEnd, $"CP-SAT's first probe at message {probe}, not between {neighbourhood} and {stageEnd}");
            Assert.DoesNotContain("whole jobs:", messages[probe], StringComparison.Ordinal);
        }

        var within = FirstIndex(messages, "(within the whole jobs' mix)");
        var mix = FirstIndex(messages, "(the whole jobs' mix)");
        Assert.True(
            (within == -1 && mix == -1) || (wholeJobs < within && within < mix && mix < guided),
            $"the swaps within the whole jobs' mix at message {within}, CP-SAT on it at {mix}, between {wholeJobs} and {guided} if at all");
        AssertPlanKeepsEveryRuleAboveTheBound(workplace, result);
    }

    /// <summary>
    /// The hospital of the samples (332 pairs) is proven optimal, as the README shows, by CP-SAT's root bound: the swaps
    /// before it only hint, and none search in full after it.
    /// </summary>
    [Fact]
    public void Balance_Hospital_IsProvenOptimal()
    {
        var workplace = WorkplaceJson.ReadFile(Path.Combine("samples", "hospital.json"));
        var log = new RecordingLoggerFactory();
        var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(30), Threads = 2, Seed = 1, LoggerFactory = log })
            .Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(FirstIndex(log.Messages, "Swaps on the balance (a hint)") >= 0, "no swaps for a hint");
        Assert.Equal(-1, FirstIndex(log.Messages, "Swaps on the balance (in full)"));
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.NotNull(result.Plan);
        Assert.Equal(result.Plan.Objective, result.Bound);
        BalancerProperties.AssertKeeps(workplace, result, BalancerProperties.EveryRule);
        BalancerProperties.AssertScoresAreRecomputable(workplace, result);
    }

    /// <summary>The generated M workplace balanced for <paramref name="limit"/> on 2 threads, with every message logged.</summary>
    private static (Domain.Workplace Workplace, BalancingResult Result, IReadOnlyList<string> Messages) BalanceM(TimeSpan limit)
    {
        var workplace = WorkplaceGenerator.Generate(InstanceSize.Parse("M"), seed: 1);
        var log = new RecordingLoggerFactory();
        var result = new Balancer(new BalancerOptions { TimeLimit = limit, Threads = 2, Seed = 1, LoggerFactory = log })
            .Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);
        return (workplace, result, log.Messages);
    }

    /// <summary>A plan that keeps every rule, its objective never below the bound.</summary>
    private static void AssertPlanKeepsEveryRuleAboveTheBound(Domain.Workplace workplace, BalancingResult result)
    {
        Assert.NotNull(result.Plan);
        BalancerProperties.AssertKeeps(workplace, result, BalancerProperties.EveryRule);
        Assert.True(result.Bound <= result.Plan.Objective, $"bound {result.Bound} above the objective {result.Plan.Objective}");
    }

    private static int FirstIndex(IReadOnlyList<string> messages, string part, int after = -1)
    {
        for (var i = after + 1; i < messages.Count; i++)
        {
            if (messages[i].Contains(part, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
