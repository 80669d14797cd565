using System.Diagnostics;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// Balances the jobs of a region under a <see cref="Policy"/>: splits the region into the parts the policy balances
/// together (each workplace, or each region or enterprise), solves each part with the same search as
/// <see cref="Balancer"/>, and evaluates the joined plan with <see cref="RegionEvaluator"/>.
/// </summary>
/// <example>
/// <code>
/// var balancer = new RegionBalancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(5) });
/// foreach (var result in balancer.Compare(region, [Policy.Within, Policy.RegionalMix]))
/// {
///     Console.WriteLine($"{result.Policy}: {result.Plan?.Regions[0].Objective}");
/// }
/// </code>
/// </example>
public sealed class RegionBalancer
{
    private readonly Balancer _balancer;

    /// <summary>Creates a region balancer.</summary>
    /// <param name="options">How to search each part; the time limit applies to each part. The defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public RegionBalancer(BalancerOptions? options = null) => _balancer = new Balancer(options);

    /// <summary>Balances <paramref name="region"/> under <paramref name="policy"/>.</summary>
    /// <param name="region">The region; it is validated first.</param>
    /// <param name="policy">The policy. <see cref="Policy.RegionalMix"/> and <see cref="Policy.Reallocation"/> first balance
    /// <see cref="Policy.Within"/> and start from its plans, which keep their rules, so they are never worse balanced
    /// against the scope's average.</param>
    /// <param name="progress">Receives each part's objective and bound as they improve.</param>
    /// <param name="cancellationToken">Stops the search; the best plan of each part found so far is kept.</param>
    /// <returns>The result: the plan with what each part proved, or why there is none.</returns>
    /// <exception cref="InvalidWorkplaceException">The region is invalid; every problem is listed.</exception>
    public RegionResult Balance(Region region, Policy policy, IProgress<SolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.EnsureValid();
        return Solve(region, policy, within: null, progress, cancellationToken);
    }

    /// <summary>Balances <paramref name="region"/> under each of <paramref name="policies"/>, in order, for a side-by-side comparison.</summary>
    /// <param name="region">The region; it is validated first.</param>
    /// <param name="policies">The policies; all four when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>One result per policy.</returns>
    /// <exception cref="InvalidWorkplaceException">The region is invalid; every problem is listed.</exception>
    public IReadOnlyList<RegionResult> Compare(Region region, IEnumerable<Policy>? policies = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.EnsureValid();
        var list = (policies ?? Enum.GetValues<Policy>()).ToList();

        // Within is solved once: it is a row of its own and the start of the policies that move workers.
        var within = list.Any(p => p is Policy.Within or Policy.RegionalMix or Policy.Reallocation)
            ? Solve(region, Policy.Within, null, null, cancellationToken)
            : null;
        return [.. list.Select(policy => policy == Policy.Within ? within! : Solve(region, policy, within, null, cancellationToken))];
    }

    private RegionResult Solve(Region region, Policy policy, RegionResult? within, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Func<BalancingProblem, int[]>? start = null;
        if (policy is Policy.RegionalMix or Policy.Reallocation)
        {
            within ??= Solve(region, Policy.Within, null, progress, cancellationToken);
            start = within.Plan is { } withinPlan ? problem => StartFrom(problem, withinPlan) : null;
        }

        var parts = new List<RegionPart>();
        var hours = new Dictionary<string, List<SiteTaskHours>>(StringComparer.Ordinal);
        foreach (var spec in Specs(region, policy))
        {
            var names = spec.Sites.Select(site => site[0].Id).ToArray();
            var solved = _balancer.Solve(spec, string.Join("+", names), progress, cancellationToken, start);
            decimal? objective = solved.Plan is { } plan ? solved.Problem.Objective(plan) : null;
            var bound = solved.Status == SolveStatus.Optimal && objective is { } value ? value : Math.Min(solved.Bound, objective ?? decimal.MaxValue);
            parts.Add(new RegionPart(names, solved.Status, objective, bound, solved.BoundSource, solved.Explanation));
            if (solved.Plan is not null)
            {
                AddHours(hours, solved);
            }
        }

        var failed = parts.FirstOrDefault(p => p.Objective is null);
        if (failed is not null)
        {
            return new RegionResult
            {
                Policy = policy,
                Status = failed.Status,
                Parts = parts,
                Explanation = $"{string.Join(" + ", failed.Workplaces)}: {failed.Explanation}",
                SolveTime = clock.Elapsed,
            };
        }

        return new RegionResult
        {
            Policy = policy,
            Status = parts.All(p => p.Status == SolveStatus.Optimal) ? SolveStatus.Optimal : SolveStatus.Feasible,
            Plan = RegionEvaluator.Evaluate(region, policy, hours.ToDictionary(h => h.Key, h => (IReadOnlyList<SiteTaskHours>)h.Value, StringComparer.Ordinal)),
            Parts = parts,
            SolveTime = clock.Elapsed,
        };
    }

    /// <summary>A region plan's hours as a plan of a compiled part: hours per pair, in units (the search checks that it keeps the rules).</summary>
    private static int[] StartFrom(BalancingProblem problem, RegionPlan plan)
    {
        var held = plan.Jobs.SelectMany(job => job.Tasks.Select(t => (Key: (job.Worker, t.Workplace, t.Task), t.Hours))).ToDictionary(h => h.Key, h => h.Hours);
        return [.. problem.Pairs.Select(pair => (int)(held.GetValueOrDefault(
            (problem.Worker(pair.Worker).Id, problem.Snapshot(problem.TaskSite[pair.Task], 0).Id, problem.Task(pair.Task).Id)) / problem.HourUnit))];
    }

    /// <summary>The parts <paramref name="policy"/> solves on their own, as balancing specs.</summary>
    private static IEnumerable<BalancingSpec> Specs(Region region, Policy policy)
    {
        var options = region.Policies;
        switch (policy)
        {
            case Policy.Within:
                return region.Workplaces.Select(BalancingSpec.Of);
            case Policy.Compensation:
                return Scopes.ServiceLimited(region).Select(BalancingSpec.Of);
            default:
                var mixing = policy == Policy.Reallocation
                    ? new SiteMixing([], WholeWorkers: true, MaxMovedWorkers: options.MaxMovedWorkers)
                    : new SiteMixing([], options.MaxSecondaryShare, options.MaxSecondaryWorkplaces, options.MinSecondaryHours);
                return Scopes.Groups(region, options.Scope).Select(group => new BalancingSpec
                {
                    Sites = [.. group.Select(s => (IReadOnlyList<Workplace>)[region.Workplaces[s]])],
                    Mixing = mixing with { Group = new int[group.Length] },
                    Weights = region.Workplaces[group[0]].Weights,
                });
        }
    }

    private static void AddHours(Dictionary<string, List<SiteTaskHours>> hours, SpecSolution solved)
    {
        for (var s = 0; s < solved.Problem.SiteCount; s++)
        {
            var workplace = solved.Problem.Snapshot(s, 0).Id;
            foreach (var (worker, tasks) in solved.Problem.ToHours(solved.Plan!, s))
            {
                if (!hours.TryGetValue(worker, out var list))
                {
                    hours[worker] = list = [];
                }

                list.AddRange(tasks.Select(t => new SiteTaskHours(workplace, t.Key, t.Value)));
            }
        }
    }
}
