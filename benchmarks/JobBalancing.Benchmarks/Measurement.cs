using JobBalancing.Analysis;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks;

/// <summary>Everything measured on one generated workplace: each solver's run, side by side.</summary>
/// <param name="Size">The instance.</param>
/// <param name="Pairs">The (worker, task) pairs that may carry hours, as the balancer compiles them.</param>
/// <param name="CurrentObjective">The objective of the current assignment: the balance before balancing.</param>
/// <param name="LoadBefore">The 1-, 5- and 15-minute load averages before the first solve: how busy the machine was.</param>
/// <param name="Runs">One run per solver, in the order they ran.</param>
/// <param name="Stored">The best plan stored for the instance (<see cref="BestKnownPlans"/>), when there is one that fits it.</param>
/// <param name="StoredFindings">What was wrong with the stored plan, or that a better one was found (and saved or not).</param>
internal sealed record Measurement(
    InstanceSize Size, int Pairs, decimal CurrentObjective, string LoadBefore, IReadOnlyList<SolverRun> Runs, BestKnownPlan? Stored = null,
    IReadOnlyList<Finding>? StoredFindings = null)
{
    /// <summary>The highest bound any solver proved, and which.</summary>
    public (decimal Bound, string Source) BestBound =>
        Runs.OrderByDescending(r => r.Bound).Select(r => (r.Bound, $"{r.Name}: {r.BoundSource}")).First();

    /// <summary>The best objective any solver reached; <see langword="null"/> when none found a plan.</summary>
    public decimal? BestObjective => Runs.Min(r => r.BestObjective);

    /// <summary>
    /// The best plan known: the stored one or the best any solver reached in this run, whichever is better, and where it
    /// comes from; <see langword="null"/> when there is neither.
    /// </summary>
    public (decimal Objective, string Source)? BestKnown =>
        BestObjective is { } found && (Stored is null || found < Stored.Objective)
            ? (found, string.Join(", ", Runs.Where(r => r.BestObjective == found).Select(r => r.Name)) + ", this run")
            : Stored is { } stored ? (stored.Objective, stored.Path) : null;

    /// <summary>This library's runs, one per seed (<see cref="HarnessOptions.Runs"/>); none when it was not measured.</summary>
    public IReadOnlyList<SolverRun> Balancers => [.. Runs.Where(r => r.Solver == SolverKind.Balancer)];

    /// <summary>Every finding: each run's own, then those across runs.</summary>
    public IEnumerable<Finding> Findings =>
        Runs.SelectMany(r => r.Findings).Concat(SolverChecks.CrossFindings(Runs, Stored)).Concat(StoredFindings ?? []);

    /// <summary>Generates the workplace of <paramref name="size"/> and runs each solver <paramref name="options"/> names on it.</summary>
    public static Measurement Run(InstanceSize size, HarnessOptions options)
    {
        var workplace = WorkplaceGenerator.Generate(size, options.Seed);
        var pairs = BalancingProblem.Compile(workplace).Pairs.Length;
        var currentObjective = PlanEvaluator.EvaluateCurrent(workplace).Objective;
        var (stored, storedProblem) = BestKnownPlans.Read(options.BestKnownDirectory, workplace);
        var load = LoadAverage();
        var runs = new List<SolverRun>();
        foreach (var solver in options.Solvers)
        {
            // The balancer once per seed (--runs), each peer once.
            foreach (var seed in solver == SolverKind.Balancer ? options.BalancerSeeds : [options.Seed])
            {
                Console.Error.WriteLine(Invariant.Text($"  {solver} ..."));
                var run = solver switch
                {
                    SolverKind.Balancer => BalancerRunner.Run(workplace, currentObjective, options, seed) with { Seed = options.Runs > 1 ? seed : null },
                    SolverKind.Mip => MipRunner.Run(workplace, options),
                    _ => GreedyRunner.Run(workplace, options.Budget),
                };
                Console.Error.WriteLine(Invariant.Text(
                    $"  {run.Name}: {run.Status}, objective {run.Plan?.Objective:0.000}, bound {run.Bound:0.000}, {run.SolveTime.TotalSeconds:0.00} s"));
                runs.Add(run);
            }
        }

        return new Measurement(size, pairs, currentObjective, load, runs, stored, [.. new[] { storedProblem }.OfType<Finding>(), .. BetterThanStored(workplace, runs, stored, options)]);
    }

    /// <summary>
    /// When a solver's final plan is better than the stored best known plan, or none is stored and <c>--save-best</c> asks
    /// for one: with <c>--save-best</c> it is saved as the new one, and either way a notice says so (not when none is stored
    /// and none was asked for, as for an instance nobody keeps a plan of).
    /// </summary>
    private static IEnumerable<Finding> BetterThanStored(Domain.Workplace workplace, IReadOnlyList<SolverRun> runs, BestKnownPlan? stored, HarnessOptions options)
    {
        var best = runs.Where(r => r.Plan is { Violations.Count: 0 }).MinBy(r => r.Plan!.Objective);
        if (best?.Plan is not { } plan || (stored is null ? !options.SaveBest : plan.Objective >= stored.Objective))
        {
            yield break;
        }

        var than = stored is null ? "none was stored" : Invariant.Text($"better than the stored {stored.Objective:0.000}");
        if (options.SaveBest)
        {
            var path = BestKnownPlans.Save(options.BestKnownDirectory, workplace, best);
            yield return SolverChecks.Notice($"{best.Name}'s plan ({plan.Objective:0.000}, {than}) saved as the best known plan: {path}");
        }
        else
        {
            yield return SolverChecks.Notice($"{best.Name}'s plan ({plan.Objective:0.000}) is the best known ({than}); --save-best keeps it");
        }
    }

    /// <summary>The system's load averages (Linux); "unknown" elsewhere.</summary>
    private static string LoadAverage()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) : "unknown";
    }
}
