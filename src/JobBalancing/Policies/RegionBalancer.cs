using System.Collections.Concurrent;
using System.Diagnostics;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// Balances the jobs of a region under a <see cref="Policy"/>: splits the region into the parts the policy balances
/// together (each workplace, or each region or enterprise; a large region or enterprise into clusters of a few workplaces
/// balanced against its average), solves the parts in parallel with the same search as <see cref="Balancer"/>, and
/// evaluates the joined plan with <see cref="RegionEvaluator"/>. docs/regions.md tells how.
/// </summary>
/// <example>
/// <code>
/// var balancer = new RegionBalancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(5) });
/// foreach (var result in balancer.Compare(region, [Policy.Within, Policy.RegionalMix]))
/// {
///     Console.WriteLine($"{result.Policy}: {result.Plan?.Regions[0].Objective} (bound {result.Bound})");
/// }
/// </code>
/// </example>
public sealed class RegionBalancer
{
    /// <summary>The least time a part is given, however little of the budget is left: enough for its first plan.</summary>
    private static readonly TimeSpan MinPartTime = TimeSpan.FromSeconds(1);

    /// <summary>The least time left for another improvement round to be worth starting.</summary>
    private static readonly TimeSpan MinRoundTime = TimeSpan.FromSeconds(2);

    /// <summary>The longest the region-level bound's per-worker models may take.</summary>
    private static readonly TimeSpan MaxWorkerBoundTime = TimeSpan.FromSeconds(2);

    private readonly BalancerOptions _options;

    /// <summary>Creates a region balancer.</summary>
    /// <param name="options">How to search; <see cref="BalancerOptions.TimeLimit"/> is the budget of each policy, shared
    /// among its parts, and <see cref="BalancerOptions.Threads"/> are shared by the parts solved at once. The defaults when
    /// <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public RegionBalancer(BalancerOptions? options = null)
    {
        _options = options ?? new BalancerOptions();
        _ = new Balancer(_options); // validates the options, with the balancer's wording
    }

    /// <summary>
    /// A region or enterprise whose compiled problem has at most this many (worker, task) pairs is solved as one part, so
    /// that its optimum can be proven; a larger one is decomposed into clusters.
    /// </summary>
    internal int ExactPairLimit { get; init; } = 20_000;

    /// <summary>The largest cluster of a decomposed scope, in <see cref="Clusters.PairEstimate"/> (an improvement round may join two).</summary>
    internal int ClusterPairLimit { get; init; } = 3_000;

    /// <summary>Balances <paramref name="region"/> under <paramref name="policy"/>.</summary>
    /// <param name="region">The region; it is validated first.</param>
    /// <param name="policy">The policy. <see cref="Policy.RegionalMix"/> and <see cref="Policy.Reallocation"/> first balance
    /// <see cref="Policy.Within"/> (with a budget of its own) and start from its plans, which keep their rules, so they are
    /// never worse balanced against the scope's average.</param>
    /// <param name="progress">Receives each part's objective and bound as they improve, from the threads that solve them.</param>
    /// <param name="cancellationToken">Stops the search; the best plan of each part found so far is kept.</param>
    /// <returns>The result: the plan with what each part proved and a bound on the region, or why there is no plan.</returns>
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

    /// <summary>
    /// Balances a valid <paramref name="region"/> under <paramref name="policy"/>, starting <see cref="Policy.RegionalMix"/>
    /// and <see cref="Policy.Reallocation"/> from <paramref name="within"/> (solved first when <see langword="null"/>).
    /// </summary>
    internal RegionResult Solve(Region region, Policy policy, RegionResult? within, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        Func<BalancingProblem, int[]>? start = null;
        if (policy is Policy.RegionalMix or Policy.Reallocation)
        {
            within ??= Solve(region, Policy.Within, null, progress, cancellationToken);
            start = within.Plan is { } withinPlan ? problem => StartFrom(problem, withinPlan) : null;
        }

        var clock = Stopwatch.StartNew();
        var workplaces = policy == Policy.Compensation ? Scopes.ServiceLimited(region) : region.Workplaces;
        var layouts = RegionsOf(workplaces).Select(sites => Layout(region, policy, workplaces, sites, cancellationToken)).ToList();
        var units = Units(region, policy, workplaces, layouts);
        var decomposed = units.Any(u => u.IsCluster);

        // A decomposed policy keeps a share of its budget for the improvement rounds.
        var firstBudget = decomposed ? _options.TimeLimit * 0.6 : _options.TimeLimit;
        var solutions = SolveAll(units, firstBudget - clock.Elapsed, start, progress, cancellationToken);

        var failed = solutions.Select((s, i) => (s, i)).FirstOrDefault(p => p.s.Plan is null);
        if (failed.s is not null)
        {
            return new RegionResult
            {
                Policy = policy,
                Status = failed.s.Status,
                Parts = [.. units.Select((u, i) => Part(u, solutions[i]))],
                Explanation = $"{string.Join(" + ", Names(units[failed.i]))}: {failed.s.Explanation}",
                BoundSource = "none (no plan)",
                SolveTime = clock.Elapsed,
            };
        }

        var plan = Evaluate(region, policy, solutions);
        if (decomposed)
        {
            (units, solutions, plan) = Improve(region, policy, units, solutions, plan, clock, cancellationToken);
        }

        var objective = plan.Regions.Max(r => r.Objective);
        var (bound, source) = RegionBound(layouts, units, solutions);
        var proven = (!decomposed && solutions.All(s => s.Status == SolveStatus.Optimal)) || objective <= bound;
        return new RegionResult
        {
            Policy = policy,
            Status = proven ? SolveStatus.Optimal : SolveStatus.Feasible,
            Plan = plan,
            Parts = [.. units.Select((u, i) => Part(u, solutions[i]))],
            Bound = Math.Min(bound, objective),
            BoundSource = source,
            SolveTime = clock.Elapsed,
        };
    }

    /// <summary>The workplaces of each region (indexes into <see cref="Region.Workplaces"/>), in order of first appearance.</summary>
    private static IEnumerable<int[]> RegionsOf(IReadOnlyList<Workplace> workplaces) =>
        workplaces.Select((w, i) => (w.Region ?? "", i)).GroupBy(p => p.Item1, StringComparer.Ordinal).Select(g => g.Select(p => p.i).ToArray());

    /// <summary>
    /// One region as a single compiled problem under the policy's rules (work away from home only within each scope),
    /// measured against the region's average: its size says whether its scopes are decomposed, its flow LP says which
    /// workplaces complement each other, and with the per-worker bound it gives a bound on the region's objective.
    /// </summary>
    private RegionLayout Layout(Region region, Policy policy, IReadOnlyList<Workplace> workplaces, int[] sites, CancellationToken cancellationToken)
    {
        var groups = policy is Policy.RegionalMix or Policy.Reallocation ? Scopes.Groups(region, region.Policies.Scope) : [.. workplaces.Select((_, i) => new[] { i })];
        var groupOf = new int[workplaces.Count];
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var s in groups[g])
            {
                groupOf[s] = g;
            }
        }

        var spec = new BalancingSpec
        {
            Sites = [.. sites.Select(s => (IReadOnlyList<Workplace>)[workplaces[s]])],
            Mixing = Mixing(region, policy) is { } mixing ? mixing with { Group = [.. sites.Select(s => groupOf[s])] } : null,
            Weights = workplaces[sites[0]].Weights,
        };
        var problem = BalancingProblem.Compile(spec);
        var flows = FlowBound.Solve(problem, MaxWorkerBoundTime * 5);
        var workerLimit = _options.TimeLimit / 10 < MaxWorkerBoundTime ? _options.TimeLimit / 10 : MaxWorkerBoundTime;
        var perWorker = problem.ToRatingPoints(WorkerBound.Compute(problem, workerLimit, _options.Seed, cancellationToken, problem.CurrentPlan()));
        var local = sites.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var pairsOfSite = new int[sites.Length];
        foreach (var pair in problem.Pairs)
        {
            pairsOfSite[problem.WorkerHome[pair.Worker]]++;
        }

        double Flow(int a, int b) =>
            Enumerable.Range(0, problem.TaskCount).Sum(t =>
                (problem.TaskSite[t] == local[b] ? flows!.Flows[local[a]][t] : 0) + (problem.TaskSite[t] == local[a] ? flows!.Flows[local[b]][t] : 0));

        var flowBound = flows?.Bound ?? 0;
        return new RegionLayout(
            sites,
            [.. groups.Where(g => local.ContainsKey(g[0]))],
            s => pairsOfSite[local[s]],
            flows is null ? null : Flow,
            Math.Max(flowBound, perWorker),
            flowBound >= perWorker ? "flow LP" : "per-worker");
    }

    /// <summary>The rules of work away from home under <paramref name="policy"/>, before the sites' groups are set; none for within and compensation.</summary>
    private static SiteMixing? Mixing(Region region, Policy policy)
    {
        var options = region.Policies;
        return policy switch
        {
            Policy.Reallocation => new SiteMixing([], WholeWorkers: true, MaxMovedWorkers: options.MaxMovedWorkers),
            Policy.RegionalMix => new SiteMixing([], options.MaxSecondaryShare, options.MaxSecondaryWorkplaces, options.MinSecondaryHours),
            _ => null,
        };
    }

    /// <summary>
    /// The parts the policy solves on their own: each workplace for within and compensation; each scope for the others,
    /// or, when a scope is larger than <see cref="ExactPairLimit"/>, its clusters, each balanced against the scope's average
    /// with its workers working only within the cluster, and reallocation's cap shared among them.
    /// </summary>
    private List<Unit> Units(Region region, Policy policy, IReadOnlyList<Workplace> workplaces, List<RegionLayout> layouts)
    {
        if (Mixing(region, policy) is not { } mixing)
        {
            return [.. workplaces.Select((w, i) => new Unit([i], BalancingSpec.Of(w), false))];
        }

        var units = new List<Unit>();
        foreach (var layout in layouts)
        {
            foreach (var group in layout.Groups)
            {
                var weights = workplaces[group[0]].Weights;
                BalancingSpec SpecOf(int[] sites, BalanceTarget? target, int? moved) => new()
                {
                    Sites = [.. sites.Select(s => (IReadOnlyList<Workplace>)[workplaces[s]])],
                    Mixing = mixing with { Group = new int[sites.Length], MaxMovedWorkers = moved },
                    Weights = weights,
                    GroupTargets = target is null ? null : [target],
                };

                if (group.Length == 1 || group.Sum(layout.PairsOf) <= ExactPairLimit)
                {
                    units.Add(new Unit(group, SpecOf(group, null, mixing.MaxMovedWorkers), false));
                    continue;
                }

                var target = BalanceTarget.Of(group.Select(s => workplaces[s]));
                var clusters = Clusters.Form(workplaces, group, layout.Flow, target, weights, ClusterPairLimit)
                    .OrderByDescending(c => Clusters.Distance(workplaces, c, target, weights)).ToList();
                for (var i = 0; i < clusters.Count; i++)
                {
                    int? moved = mixing.MaxMovedWorkers is { } cap ? (cap / clusters.Count) + (i < cap % clusters.Count ? 1 : 0) : null;
                    units.Add(new Unit(clusters[i], SpecOf(clusters[i], target, moved), true));
                }
            }
        }

        return units;
    }

    /// <summary>
    /// Solves every part, as many at once as there are threads (each with its share of them), the largest first; each part
    /// gets the time left divided among the parts not yet started, times the number solved at once.
    /// </summary>
    private SpecSolution[] SolveAll(
        List<Unit> units, TimeSpan budget, Func<BalancingProblem, int[]>? start, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var threads = _options.EffectiveThreads;
        var slots = Math.Max(1, Math.Min(threads, units.Count));
        var solutions = new SpecSolution[units.Count];
        var order = Enumerable.Range(0, units.Count).OrderByDescending(i => Clusters.PairEstimate(units[i].Spec.Sites.Select(s => s[0]))).ToList();
        var waiting = units.Count;
        Parallel.ForEach(
            Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = slots },
            i =>
            {
                var left = Interlocked.Decrement(ref waiting) + 1;
                var share = (budget - clock.Elapsed) * Math.Min(slots, left) / left;
                solutions[i] = Run(units[i], share, Math.Max(1, threads / slots), start, progress, cancellationToken);
            });
        return solutions;
    }

    private SpecSolution Run(Unit unit, TimeSpan limit, int threads, Func<BalancingProblem, int[]>? start, IProgress<SolveProgress>? progress, CancellationToken cancellationToken) =>
        new Balancer(_options.WithTimeLimit(limit > MinPartTime ? limit : MinPartTime, threads))
            .Solve(unit.Spec, string.Join("+", Names(unit)), progress, cancellationToken, start);

    /// <summary>
    /// Improvement rounds while the budget lasts, on the cluster that holds the worst worker against the region's average:
    /// solved again, alone, with more time (once for each cut of it), then joined with the cluster of its scope whose
    /// union's average is nearest the target. Each starts from the current plan, and a change is kept when the region's
    /// objective does not get worse.
    /// </summary>
    private (List<Unit>, SpecSolution[], RegionPlan) Improve(
        Region region, Policy policy, List<Unit> units, SpecSolution[] solutions, RegionPlan plan, Stopwatch clock, CancellationToken cancellationToken)
    {
        var workplaces = region.Workplaces;
        var siteOf = workplaces.Select((w, i) => (w.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var weights = units[0].Spec.Weights ?? ObjectiveWeights.Default;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var solved = solutions.ToList();
        while (_options.TimeLimit - clock.Elapsed > MinRoundTime && !cancellationToken.IsCancellationRequested)
        {
            var worst = plan.Jobs.MaxBy(j => (weights.Empowerment * Math.Abs(j.EmpowermentDeviation)) + (weights.Desirability * Math.Abs(j.DesirabilityDeviation)))!;
            var c = units.FindIndex(u => u.Sites.Contains(siteOf[worst.Home]));
            if (!units[c].IsCluster)
            {
                break;
            }

            int? partner = null;
            if (solved[c].Status == SolveStatus.Optimal || !tried.Add(Key(units[c].Sites)))
            {
                var target = units[c].Spec.GroupTargets![0];
                partner = Enumerable.Range(0, units.Count)
                    .Where(i => i != c && units[i].IsCluster && units[i].Spec.GroupTargets![0] == target)
                    .Select(i => (i, Sites: units[c].Sites.Concat(units[i].Sites).ToArray()))
                    .Where(p => !tried.Contains(Key(p.Sites)) && Clusters.PairEstimate(p.Sites.Select(s => workplaces[s])) <= 2L * ClusterPairLimit)
                    .OrderBy(p => Clusters.Distance(workplaces, p.Sites, target, weights))
                    .Select(p => (int?)p.i).FirstOrDefault();
                if (partner is null)
                {
                    break;
                }
            }

            var unit = partner is { } other ? Union(units[c], units[other], workplaces) : units[c];
            tried.Add(Key(unit.Sites));
            var current = plan;
            var result = Run(unit, (_options.TimeLimit - clock.Elapsed) / 2, _options.EffectiveThreads, problem => StartFrom(problem, current), null, cancellationToken);
            if (result.Plan is null)
            {
                continue;
            }

            var keep = Enumerable.Range(0, units.Count).Where(i => i != c && i != partner).ToList();
            var trialSolutions = keep.Select(i => solved[i]).Append(result).ToList();
            var trial = Evaluate(region, policy, trialSolutions);
            if (trial.Regions.Max(r => r.Objective) <= plan.Regions.Max(r => r.Objective))
            {
                (units, solved, plan) = ([.. keep.Select(i => units[i]).Append(unit)], trialSolutions, trial);
            }
        }

        return (units, [.. solved], plan);
    }

    /// <summary>Two clusters of one scope as one, against the same target, with reallocation's caps added up.</summary>
    private static Unit Union(Unit a, Unit b, IReadOnlyList<Workplace> workplaces)
    {
        int[] sites = [.. a.Sites.Concat(b.Sites).Order()];
        var mixing = a.Spec.Mixing!;
        var moved = mixing.MaxMovedWorkers is { } x && b.Spec.Mixing!.MaxMovedWorkers is { } y ? x + y : (int?)null;
        return new Unit(sites, a.Spec with
        {
            Sites = [.. sites.Select(s => (IReadOnlyList<Workplace>)[workplaces[s]])],
            Mixing = mixing with { Group = new int[sites.Length], MaxMovedWorkers = moved },
        }, true);
    }

    private static string Key(IEnumerable<int> sites) => string.Join(",", sites.Order());

    /// <summary>
    /// A lower bound on the largest of the regions' objectives, <c>max_r (wE·max_w|E_w − Ē_r| + wD·max_w|D_w − D̄_r|)</c>:
    /// for each region the best of its flow LP, its per-worker bound and the bound of a part that is the whole region under
    /// the policy's rules (then the part's own average is the region's).
    /// </summary>
    private static (decimal Bound, string Source) RegionBound(List<RegionLayout> layouts, List<Unit> units, SpecSolution[] solutions)
    {
        var best = (Bound: 0m, Source: "trivial");
        foreach (var layout in layouts)
        {
            var region = (Bound: layout.Bound, Source: layout.BoundSource);
            for (var i = 0; i < units.Count; i++)
            {
                if (!units[i].IsCluster && units[i].Sites.Order().SequenceEqual(layout.Sites.Order()) && solutions[i].Plan is { } plan)
                {
                    var part = solutions[i].Status == SolveStatus.Optimal ? solutions[i].Problem.Objective(plan) : solutions[i].Bound;
                    region = part > region.Bound ? (part, "part") : region;
                }
            }

            best = region.Bound > best.Bound ? region : best;
        }

        return best;
    }

    private static RegionPlan Evaluate(Region region, Policy policy, IEnumerable<SpecSolution> solutions)
    {
        var hours = new Dictionary<string, List<SiteTaskHours>>(StringComparer.Ordinal);
        foreach (var solved in solutions)
        {
            AddHours(hours, solved);
        }

        return RegionEvaluator.Evaluate(region, policy, hours.ToDictionary(h => h.Key, h => (IReadOnlyList<SiteTaskHours>)h.Value, StringComparer.Ordinal));
    }

    private static RegionPart Part(Unit unit, SpecSolution solved)
    {
        decimal? objective = solved.Plan is { } plan ? solved.Problem.Objective(plan) : null;
        var bound = solved.Status == SolveStatus.Optimal && objective is { } value ? value : Math.Min(solved.Bound, objective ?? decimal.MaxValue);
        return new RegionPart(Names(unit), solved.Status, objective, bound, solved.BoundSource, solved.Explanation) { IsCluster = unit.IsCluster };
    }

    private static string[] Names(Unit unit) => [.. unit.Spec.Sites.Select(site => site[0].Id)];

    /// <summary>A region plan's hours as a plan of a compiled part: hours per pair, in units (the search checks that it keeps the rules).</summary>
    private static int[] StartFrom(BalancingProblem problem, RegionPlan plan)
    {
        var held = plan.Jobs.SelectMany(job => job.Tasks.Select(t => (Key: (job.Worker, t.Workplace, t.Task), t.Hours))).ToDictionary(h => h.Key, h => h.Hours);
        return [.. problem.Pairs.Select(pair => (int)(held.GetValueOrDefault(
            (problem.Worker(pair.Worker).Id, problem.Snapshot(problem.TaskSite[pair.Task], 0).Id, problem.Task(pair.Task).Id)) / problem.HourUnit))];
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

    /// <summary>A part to solve: its workplaces (indexes into the region's), its spec, and whether it is a cluster of a larger scope.</summary>
    private sealed record Unit(int[] Sites, BalancingSpec Spec, bool IsCluster);

    /// <summary>
    /// One region compiled whole: its workplaces, its scopes, the pairs of each workplace's workers, the flow between two
    /// workplaces from the flow LP, and the bound on the region's objective with its source.
    /// </summary>
    private sealed record RegionLayout(
        int[] Sites, IReadOnlyList<int[]> Groups, Func<int, int> PairsOf, Func<int, int, double>? Flow, decimal Bound, string BoundSource);
}
