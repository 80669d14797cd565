using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Policies;
using JobBalancing.Solving;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Policies;

/// <summary>
/// The decomposition of large regions (issue 5, item 5), forced on small regions by setting the balancer's internal size
/// limits: the region-level bound against <see cref="RegionBruteForce"/>, and the plans of clusters joined into one that
/// keeps every rule of its policy, with figures recomputed from its hours.
/// </summary>
public sealed class RegionScaleTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Bound_TinyRegion_NeverAboveTheBruteForceOptimumOfTheRegion(int seed)
    {
        var region = TinyRegions.Draw(seed) is var drawn ? drawn with { Policies = drawn.Policies with { Scope = BalancingScope.Region } } : null!;

        // Exact, the bound may be a part that is the whole region; decomposed, only the flow LP and the per-worker bound.
        foreach (var balancer in new[] { Balancer(), Decomposing(1) })
        {
            foreach (var result in balancer.Compare(region, cancellationToken: TestContext.Current.CancellationToken))
            {
                // Within and compensation allow no work away from home; the oracle then solves every workplace at once against the region's average.
                var sites = result.Policy == Policy.Compensation ? Scopes.ServiceLimited(region) : region.Workplaces;
                if (RegionBruteForce.Optimum(sites, result.Policy, region.Policies) is not { } optimum)
                {
                    continue;
                }

                // Both are exact fractions rounded once to 28 digits, so a bound equal to the optimum may round 1e-27 above it.
                Assert.True(Rational.Of(result.Bound) <= optimum || optimum.IsCloseTo(result.Bound), $"seed {seed}, {result.Policy}: bound {result.Bound} ({result.BoundSource}) above the optimum {optimum.ToDecimal()}");
                if (result.Plan is { } plan)
                {
                    Assert.True(optimum <= Rational.Of(plan.Regions[0].Objective) + Rational.Of(0.000001m), $"seed {seed}, {result.Policy}: plan {plan.Regions[0].Objective} below the optimum {optimum.ToDecimal()}");
                }
            }
        }
    }

    [Fact]
    public void Bound_WithinSample_IsTheFarthestWorkplaceAverage()
    {
        // Without work away from home no plan moves a workplace's average, so the flow LP is exactly the farthest one.
        var region = Sample();
        var result = Balancer().Balance(region, Policy.Within, cancellationToken: TestContext.Current.CancellationToken);
        var tasks = region.Workplaces.SelectMany(w => w.Tasks).ToList();
        var (averageE, averageD) = Averages(tasks);
        var farthestE = region.Workplaces.Max(w => Rational.Abs(Averages(w.Tasks).E - averageE));
        var farthestD = region.Workplaces.Max(w => Rational.Abs(Averages(w.Tasks).D - averageD));
        Assert.True(Rational.Of(result.Bound) >= farthestE + farthestD - Rational.Of(0.00001m), $"bound {result.Bound} ({result.BoundSource}), farthest averages {(farthestE + farthestD).ToDecimal()}");
        Assert.True(result.Bound <= result.Plan!.Regions[0].Objective);
    }

    [Fact]
    public void Compare_SampleDecomposedIntoClusters_KeepsEveryRuleAndReportsFiguresRecomputedFromTheHours()
    {
        var region = Sample() is var sample ? sample with { Policies = sample.Policies with { MaxMovedWorkers = 3 } } : null!;
        var results = Decomposing(40).Compare(region, cancellationToken: TestContext.Current.CancellationToken);
        var (within, mix, reallocation) = (results[0], results[1], results[2]);
        var (averageE, averageD) = Averages(region.Workplaces.SelectMany(w => w.Tasks));

        foreach (var result in results)
        {
            var plan = result.Plan!;
            Assert.Empty(plan.Violations);
            Assert.True(result.Bound <= plan.Regions[0].Objective, $"{result.Policy}: bound {result.Bound} above {plan.Regions[0].Objective}");

            // The joined plan's figures are the evaluator's, from its hours alone.
            var hours = plan.Jobs.ToDictionary(j => j.Worker, j => j.Tasks, StringComparer.Ordinal);
            var again = RegionEvaluator.Evaluate(region, result.Policy, hours);
            Assert.Equal(again.Regions[0].Objective, plan.Regions[0].Objective);
            Assert.Equal(again.Costs, plan.Costs);

            // Each cluster's objective is against the region's average (the scope's), over the cluster's workers alone.
            foreach (var part in result.Parts.Where(p => p.IsCluster))
            {
                var jobs = plan.Jobs.Where(j => part.Workplaces.Contains(j.Home)).ToList();
                var maxE = jobs.Max(j => Rational.Abs(Score(region, j, t => t.Empowerment) - averageE));
                var maxD = jobs.Max(j => Rational.Abs(Score(region, j, t => t.Desirability) - averageD));
                Assert.True((maxE + maxD).IsCloseTo(part.Objective!.Value), $"{result.Policy} {string.Join("+", part.Workplaces)}: {part.Objective}, recomputed {(maxE + maxD).ToDecimal()}");
                Assert.True(part.Bound <= part.Objective);
            }
        }

        Assert.True(mix.Parts.Count > 1 && mix.Parts.All(p => p.IsCluster), "regionalMix was not decomposed");
        Assert.True(mix.Parts.All(p => p.Workplaces.Count * 2 <= region.Workplaces.Count), "a cluster holds most of the region");
        Assert.True(mix.Plan!.Regions[0].Objective <= within.Plan!.Regions[0].Objective, $"regionalMix {mix.Plan.Regions[0].Objective}, within {within.Plan.Regions[0].Objective}");
        Assert.True(mix.Plan.Regions[0].Objective < within.Plan.Regions[0].Objective, "the clusters brought nobody closer to the region's average");
        var moved = reallocation.Plan!.Jobs.Count(j => j.Tasks.All(t => t.Workplace != j.Home));
        Assert.True(moved <= 3, $"{moved} workers moved, more than maxMovedWorkers 3");
    }

    [Fact]
    public void Compile_OwnAverageAsTarget_SolvesLikeThePlainSpec()
    {
        var workplace = Sample().Workplaces[0];
        var balancer = new Balancer(Solve.Options(5, tieBreaks: false));
        var plain = balancer.Solve(BalancingSpec.Of(workplace), "plain", null, TestContext.Current.CancellationToken);
        var targeted = balancer.Solve(BalancingSpec.Of(workplace) with { GroupTargets = [BalanceTarget.Of([workplace])] }, "targeted", null, TestContext.Current.CancellationToken);

        Assert.Equal(SolveStatus.Optimal, plain.Status);
        Assert.Equal(SolveStatus.Optimal, targeted.Status);
        Assert.Equal(plain.Problem.Objective(plain.Plan!), targeted.Problem.Objective(targeted.Plan!));
        Assert.Equal(plain.Problem.GroupTotals, targeted.Problem.GroupTotals);
        Assert.Equal(plain.Problem.GroupHours, targeted.Problem.GroupHours);
    }

    [Fact]
    public void Compile_TargetWithFinerRatings_MeasuresEachWorkerExactlyAgainstIt()
    {
        // The target's average, 1,000,003 hours at ratings with two decimals, is finer than the workplace's own ratings.
        var region = Sample();
        var workplace = region.Workplaces[0];
        var target = new BalanceTarget(5_000_017.37m, 4_321_000.01m, 1_000_003);
        var problem = BalancingProblem.Compile(BalancingSpec.Of(workplace) with { GroupTargets = [target] });
        var plan = problem.CurrentPlan();
        var averageE = Rational.Of(target.EmpowermentHours) / Rational.Of(target.Hours);
        var averageD = Rational.Of(target.DesirabilityHours) / Rational.Of(target.Hours);
        Rational maxE = Rational.Zero, maxD = Rational.Zero;
        foreach (var (worker, tasks) in problem.ToHours(plan))
        {
            var hours = workplace.Workers.Single(w => w.Id == worker).Hours;
            var e = Rational.Of(tasks.Sum(t => t.Value * workplace.Tasks.Single(x => x.Id == t.Key).Empowerment)) / Rational.Of(hours);
            var d = Rational.Of(tasks.Sum(t => t.Value * workplace.Tasks.Single(x => x.Id == t.Key).Desirability)) / Rational.Of(hours);
            maxE = Rational.Max(maxE, Rational.Abs(e - averageE));
            maxD = Rational.Max(maxD, Rational.Abs(d - averageD));
        }

        Assert.True((maxE + maxD).IsCloseTo(problem.Objective(plan)), $"objective {problem.Objective(plan)}, recomputed {(maxE + maxD).ToDecimal()}");
    }

    [Fact]
    public void Solve_TargetTooLargeForExactScaling_MeasuresInCoarserStepsWithASoundBound()
    {
        // 10^12 target hours make M·rating·H_r pass CP-SAT's safe range: the deviations are measured in coarser steps.
        var workplace = Sample().Workplaces[0];
        var target = new BalanceTarget(5_000_000_000_017m, 4_321_000_000_001m, 1_000_000_000_039);
        var spec = BalancingSpec.Of(workplace) with { GroupTargets = [target] };
        var solved = new Balancer(Solve.Options(5, tieBreaks: false)).Solve(spec, "huge target", null, TestContext.Current.CancellationToken);

        Assert.False(solved.Problem.IsExact);
        Assert.NotNull(solved.Plan);
        Assert.True(solved.Problem.Keeps(solved.Plan));
        var objective = solved.Problem.Objective(solved.Plan);
        Assert.True(solved.Bound <= objective, $"bound {solved.Bound} above the plan's {objective}");

        // Nearly the same averages over 10^6 times fewer hours stay exact.
        var exact = BalancingProblem.Compile(spec with { GroupTargets = [new BalanceTarget(5_000_017.37m, 4_321_000.01m, 1_000_003)] });
        Assert.True(exact.IsExact);
    }

    private static RegionBalancer Balancer() => new(Solve.Options(5, tieBreaks: false));

    /// <summary>A balancer that decomposes every scope, into clusters of at most <paramref name="clusterPairs"/> in <see cref="Clusters.PairEstimate"/>.</summary>
    private static RegionBalancer Decomposing(int clusterPairs) =>
        new(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(3), Threads = 2, Seed = 7, TieBreaks = false }) { ExactPairLimit = 0, ClusterPairLimit = clusterPairs };

    private static Region Sample() => RegionJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "region-north.json"));

    private static (Rational E, Rational D) Averages(IEnumerable<WorkTask> tasks)
    {
        var list = tasks.ToList();
        var hours = Rational.Of(list.Sum(t => t.Hours));
        return (Rational.Of(list.Sum(t => t.Empowerment * t.Hours)) / hours, Rational.Of(list.Sum(t => t.Desirability * t.Hours)) / hours);
    }

    private static Rational Score(Region region, RegionJob job, Func<WorkTask, decimal> rating) =>
        Rational.Of(job.Tasks.Sum(h => h.Hours * rating(region.Workplaces.Single(w => w.Id == h.Workplace).Tasks.Single(t => t.Id == h.Task)))) / Rational.Of(job.Hours);
}
