using JobBalancing.IO;
using JobBalancing.Policies;
using JobBalancing.Solving;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobBalancing.Benchmarks;

/// <summary>
/// The scale benchmark of issue 5 (<c>--region WxN</c>): a generated region of W workplaces and N workers balanced under
/// each policy, with the wall time and peak memory of each, its balance against the region's average, the region-level
/// bound, how many parts are proven, and the costs. <c>regionalMix</c> and <c>reallocation</c> start from
/// <c>within</c>'s plan, as <see cref="RegionBalancer.Compare"/> does; with <c>within</c> among the policies their time does
/// not include it.
/// </summary>
internal static class RegionScale
{
    public static int Run(int workplaces, int workers, HarnessOptions options, TextWriter output)
    {
        var region = RegionGenerator.Scaled(workplaces, workers, options.Seed);
        var balancer = new RegionBalancer(new BalancerOptions
        {
            TimeLimit = options.Budget,
            Threads = options.Threads,
            Seed = options.Seed,
            LoggerFactory = options.Verbose ? new StderrLoggerFactory() : NullLoggerFactory.Instance,
        })
        {
            ClusterPairLimit = options.ClusterPairs ?? new RegionBalancer().ClusterPairLimit,
        };
        output.WriteLine(Invariant.Text(
            $"Region: {region.Workplaces.Count} workplaces, {region.Workplaces.Sum(w => w.Workers.Count)} workers, {region.Workplaces.Sum(w => w.Tasks.Count)} tasks (seed {options.Seed}); {options.Budget.TotalSeconds:0.###} s per policy, threads {options.Threads}"));
        output.WriteLine();
        output.WriteLine("| policy | status | wall s | peak MB | regionDeviation | regionBound | bound from | parts proven | clusters | away | totalHours | recruitment+onboarding h | worst job (home: ΔE, ΔD) | violations |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        RegionResult? within = null;
        var broken = false;
        foreach (var policy in options.Policies ?? Enum.GetValues<Policy>())
        {
            Console.Error.WriteLine(Invariant.Text($"{policy} ..."));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (result, memory) = PeakMemory.Measure(() => balancer.Solve(region, policy, within, null, CancellationToken.None));
            var wall = clock.Elapsed;
            within = policy == Policy.Within ? result : within;
            var plan = result.Plan;
            broken |= plan is null || plan.Violations.Count > 0;
            if (result.Explanation is { } why)
            {
                Console.Error.WriteLine(Invariant.Text($"{policy}: {why}"));
            }

            var worst = plan?.Jobs.MaxBy(j => Math.Abs(j.EmpowermentDeviation) + Math.Abs(j.DesirabilityDeviation));
            var worstText = worst is null ? "" : Invariant.Text($"{worst.Home}: {worst.EmpowermentDeviation:0.##}, {worst.DesirabilityDeviation:0.##}");
            output.WriteLine(Invariant.Text(
                $"| {ComparisonJson.Name(policy)} | {result.Status} | {wall.TotalSeconds:0.#} | {memory.PeakBytes / 1e6:0} | {plan?.Regions.Max(r => r.Objective):0.###} | {result.Bound:0.###} | {result.BoundSource} | {result.Parts.Count(p => p.Status == SolveStatus.Optimal)}/{result.Parts.Count} | {result.Parts.Count(p => p.IsCluster)} | {plan?.Jobs.Count(j => j.OtherWorkplaces.Count > 0)} | {plan?.Costs.Total:0.#} | {plan?.Costs.RecruitmentHours + plan?.Costs.OnboardingHours:0.#} | {worstText} | {plan?.Violations.Count} |"));
            output.Flush();
        }

        return broken ? 1 : 0;
    }
}
