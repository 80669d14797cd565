using System.Globalization;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Policies;

namespace JobBalancing.Benchmarks;

/// <summary>What to measure: the instances, and the balancer's budget, seed and threads for each solve.</summary>
/// <param name="Sizes">The instances, run one after another.</param>
/// <param name="Budget">Each solver's time limit for each instance.</param>
/// <param name="Seed">The seed of both the generator and the balancer.</param>
/// <param name="Threads">The balancer's threads; 0 means one per processor.</param>
/// <param name="Solvers">The solvers to run on each instance, in this order; all of them unless <c>--solvers</c> says.</param>
/// <param name="Verbose">Whether the balancer's log goes to stderr, Debug level and up.</param>
/// <param name="RegionDirectory">
/// Where <c>--write-region</c> writes the region's workplaces; when set, the harness writes them and measures nothing.
/// </param>
/// <param name="InstanceDirectory">
/// Where <c>--write</c> writes the instances of <see cref="Sizes"/>; when set, the harness writes them and measures nothing.
/// </param>
/// <param name="Region">
/// With <c>--region WxN</c>, the scale benchmark's workplaces and workers: the harness balances that generated region
/// under each policy, <see cref="Budget"/> being each policy's time limit, and measures nothing else.
/// </param>
internal sealed record HarnessOptions(
    IReadOnlyList<InstanceSize> Sizes, TimeSpan Budget, int Seed, int Threads, IReadOnlyList<SolverKind> Solvers, bool Verbose = false,
    string? RegionDirectory = null, (int Workplaces, int Workers)? Region = null, string? InstanceDirectory = null)
{
    /// <summary>With <c>--region</c>, the largest cluster the region balancer cuts (<c>--cluster-pairs</c>); its default when <see langword="null"/>.</summary>
    public int? ClusterPairs { get; init; }

    /// <summary>With <c>--region</c>, the policies to run (<c>--policies</c>), in the library's order; all four when <see langword="null"/>.</summary>
    public IReadOnlyList<Policy>? Policies { get; init; }

    /// <summary>
    /// Where the best known plan of each instance is read from (<c>--best-known</c>), and written to with
    /// <see cref="SaveBest"/>: <see cref="BestKnownPlans.DefaultDirectory"/> unless it says otherwise.
    /// </summary>
    public string BestKnownDirectory { get; init; } = BestKnownPlans.DefaultDirectory;

    /// <summary>Whether a plan better than the stored best known one is saved in its place (<c>--save-best</c>).</summary>
    public bool SaveBest { get; init; }

    /// <summary>
    /// How many times the balancer runs on each instance (<c>--runs</c>), with the seeds <see cref="Seed"/>,
    /// <see cref="Seed"/> + 1, …: one run says little where runs differ widely. The generator keeps <see cref="Seed"/>, and
    /// the peers run once.
    /// </summary>
    public int Runs { get; init; } = 1;

    /// <summary>The balancer's seed of each of its <see cref="Runs"/>.</summary>
    public IEnumerable<int> BalancerSeeds => Enumerable.Range(Seed, Runs);

    /// <summary>Every solver, this library's first.</summary>
    public static IReadOnlyList<SolverKind> AllSolvers { get; } = Enum.GetValues<SolverKind>();

    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/JobBalancing.Benchmarks -- [options]

          --size LIST     instances to run, comma-separated: S, M, L, XL or WORKERSxTASKS (e.g. 40x16, 200x60); default S
          --all           run S, 40x16, M, 200x60 and L (XL only when named: it needs many GB)
          --quick         run S with a 2 s budget: a check for CI that the harness works
          --seconds N     each solver's time limit per instance; default 10
          --seed N        the seed of the generated workplaces and of the balancer; default 1
          --threads N     the balancer's threads, 0 for one per processor; default 0 (the MIP solver, SCIP, uses one)
          --runs N        run the balancer N times on each instance, with seeds --seed, --seed + 1, ... (the generator
                          keeps --seed; the peers run once), and add a table of the median and range of its figures;
                          default 1
          --solvers LIST  which solvers to run, comma-separated: balancer, mip, greedy; default all three
          --write DIR     write the instances of --size (JSON, one file each, for jobbalancing solve) to DIR and
                          measure nothing
          --write-region DIR
                          write the generated region's workplaces (JSON, one file each) to DIR and measure nothing
          --region WxN    balance a generated region of W workplaces and N workers under each policy, --seconds being
                          each policy's time limit, and print time, peak memory, balance, bound and costs per policy
          --cluster-pairs N
                          with --region, the largest cluster (workers × tasks) a large scope is cut into; default 3000
          --policies LIST with --region, the policies to run, comma-separated: within, regionalMix, reallocation,
                          compensation; default all four (regionalMix and reallocation start from within's plan)
          --best-known DIR
                          where the best known plan of each instance is stored (DIR/ID.json, a result JSON): the
                          table measures every solver against it too; default benchmarks/best-known
          --save-best     when a solver's plan is better than the stored best known one (or none is stored), save it
          --verbose       write the balancer's log (stages, bounds, neighbourhoods) to stderr
          --help          show this text

        Exit code: 0 when the balancer found a plan and every plan and bound kept the contract, 1 otherwise, 2 for bad
        arguments.
        """;

    private static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan QuickBudget = TimeSpan.FromSeconds(2);

    /// <summary>The options the arguments ask for; <see langword="null"/> for <c>--help</c>.</summary>
    /// <exception cref="FormatException">An argument is unknown, lacks its value, or has a bad one; the message says which.</exception>
    public static HarnessOptions? Parse(IReadOnlyList<string> args)
    {
        IReadOnlyList<InstanceSize>? sizes = null;
        TimeSpan? budget = null;
        var (seed, threads, quick, verbose, saveBest) = (1, 0, false, false, false);
        int? runs = null;
        string? bestKnown = null;
        IReadOnlyList<SolverKind>? solvers = null;
        string? regionDirectory = null;
        string? instanceDirectory = null;
        (int, int)? region = null;
        int? clusterPairs = null;
        IReadOnlyList<Policy>? policies = null;
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--size":
                    sizes = Choose(sizes, [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(InstanceSize.Parse)]);
                    break;
                case "--all":
                    sizes = Choose(sizes, InstanceSize.All);
                    break;
                case "--solvers":
                    solvers = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseSolver).Distinct()];
                    break;
                case "--write":
                    instanceDirectory = Value();
                    break;
                case "--write-region":
                    regionDirectory = Value();
                    break;
                case "--region":
                    region = ParseRegion(Value());
                    break;
                case "--policies":
                    policies = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParsePolicy).Distinct().Order()];
                    break;
                case "--cluster-pairs":
                    clusterPairs = Number(args[i], Value(), int.Parse, 1, int.MaxValue);
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "--verbose":
                    verbose = true;
                    break;
                case "--best-known":
                    bestKnown = Value();
                    break;
                case "--save-best":
                    saveBest = true;
                    break;
                case "--seconds":
                    budget = TimeSpan.FromSeconds(Number(args[i], Value(), double.Parse, 0.001, 86_400));
                    break;
                case "--seed":
                    seed = Number(args[i], Value(), int.Parse, 0, int.MaxValue);
                    break;
                case "--threads":
                    threads = Number(args[i], Value(), int.Parse, 0, 256);
                    break;
                case "--runs":
                    runs = Number(args[i], Value(), int.Parse, 1, 100);
                    break;
                default:
                    throw new FormatException($"unknown argument \"{args[i]}\"");
            }
        }

        if (quick && (sizes is not null || budget is not null))
        {
            throw new FormatException("--quick chooses the instance and the budget itself; leave out --size, --all and --seconds");
        }

        if (regionDirectory is not null && (quick || sizes is not null || budget is not null || solvers is not null))
        {
            throw new FormatException("--write-region only writes the region; give it alone (with --seed at most)");
        }

        if (instanceDirectory is not null && (quick || budget is not null || solvers is not null || regionDirectory is not null))
        {
            throw new FormatException("--write only writes the instances; give it with --size or --all (and --seed) at most");
        }

        if ((bestKnown is not null || saveBest || runs is not null) && (region is not null || regionDirectory is not null || instanceDirectory is not null))
        {
            throw new FormatException("--best-known, --save-best and --runs go with measurements of --size, --all or --quick");
        }

        if (runs > 1 && seed > int.MaxValue - (runs - 1))
        {
            throw new FormatException(Invariant.Text($"--runs {runs} from --seed {seed} would need seeds beyond {int.MaxValue}"));
        }

        if (runs > 1 && solvers is not null && !solvers.Contains(SolverKind.Balancer))
        {
            throw new FormatException("--runs repeats the balancer's runs; --solvers leaves the balancer out");
        }

        if ((clusterPairs is not null || policies is not null) && region is null)
        {
            throw new FormatException("--cluster-pairs and --policies go with --region");
        }

        if (region is not null && (quick || sizes is not null || solvers is not null || regionDirectory is not null))
        {
            throw new FormatException("--region balances the generated region alone; give it with --seconds, --seed and --threads at most");
        }

        if (region is not null)
        {
            return new HarnessOptions([], budget ?? DefaultBudget, seed, threads, [], verbose, Region: region) { ClusterPairs = clusterPairs, Policies = policies };
        }

        var measured = quick
            ? new HarnessOptions([InstanceSize.S], QuickBudget, seed, threads, solvers ?? AllSolvers, verbose)
            : new HarnessOptions(sizes ?? [InstanceSize.S], budget ?? DefaultBudget, seed, threads, solvers ?? AllSolvers, verbose, regionDirectory, InstanceDirectory: instanceDirectory);
        return measured with { BestKnownDirectory = bestKnown ?? BestKnownPlans.DefaultDirectory, SaveBest = saveBest, Runs = runs ?? 1 };
    }

    /// <summary><c>WxN</c>: W workplaces (at least 2) and N workers (at least 6 per workplace).</summary>
    private static (int Workplaces, int Workers) ParseRegion(string text)
    {
        var parts = text.Split('x', 'X', '×');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var workplaces)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var workers)
            && workplaces >= 2 && workers >= 6 * workplaces
            ? (workplaces, workers)
            : throw new FormatException($"region \"{text}\" is not WORKPLACESxWORKERS with at least 2 workplaces and 6 workers each (e.g. 50x2000)");
    }

    private static Policy ParsePolicy(string text) =>
        Enum.TryParse<Policy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy)
            ? policy
            : throw new FormatException($"policy \"{text}\" is none of within, regionalMix, reallocation, compensation");

    private static SolverKind ParseSolver(string text) =>
        Enum.TryParse<SolverKind>(text, ignoreCase: true, out var solver) && Enum.IsDefined(solver)
            ? solver
            : throw new FormatException($"solver \"{text}\" is none of balancer, mip, greedy");

    private static IReadOnlyList<InstanceSize> Choose(IReadOnlyList<InstanceSize>? earlier, IReadOnlyList<InstanceSize> sizes) =>
        earlier is null ? sizes : throw new FormatException("give either --size or --all, once");

    private static T Number<T>(string name, string text, Func<string, IFormatProvider, T> parse, T min, T max)
        where T : IComparable<T>
    {
        T value;
        try
        {
            value = parse(text, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"{name} \"{text}\" is not a number", e);
        }

        return value.CompareTo(min) >= 0 && value.CompareTo(max) <= 0
            ? value
            : throw new FormatException(Invariant.Text($"{name} {text} must be between {min} and {max}"));
    }
}
