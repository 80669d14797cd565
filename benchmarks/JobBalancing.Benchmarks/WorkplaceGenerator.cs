using System.Globalization;
using JobBalancing.Analysis;
using JobBalancing.Domain;

namespace JobBalancing.Benchmarks;

/// <summary>
/// Generates a realistic workplace before balancing, the same one for the same size and seed: many routine tasks, some
/// skilled ones, a few highly empowering ones that need long training, and workers who each hold one or two tasks now.
/// README.md in this folder documents every distribution; <see cref="StandardTiers"/> and <see cref="WorkplaceProfile"/> are where they live.
/// </summary>
/// <remarks>
/// Feasibility is built in rather than hoped for: the current assignment is drawn first, keeping every rule, and the
/// task hours are then its column sums. So total task hours equal total worker hours exactly, and the current
/// assignment is itself a plan the balancer could return.
/// </remarks>
internal sealed class WorkplaceGenerator
{
    /// <summary>The share of full-time (40 h) workers; the others work one of <see cref="PartTimeHours"/>.</summary>
    private const double FullTimeShare = 0.75;

    private const int FullTimeHours = 40;

    /// <summary>The share of workers without a service limit to keep who nonetheless split their hours over two tasks.</summary>
    private const double SplitShare = 0.4;

    private static readonly int[] PartTimeHours = [20, 30, 32];

    /// <summary>Hours a worker who splits gives to their second task.</summary>
    private static readonly int[] SecondTaskHours = [4, 8, 12, 16];

    /// <summary>Service limits (maxPerWorker) for the most empowering tasks: a share of a week, not all of it.</summary>
    private static readonly int[] ServiceLimits = [12, 16, 20, 24];

    /// <summary>How many skills a worker has beyond those of the tasks they hold now: 0, 1, 2 or 3 with these odds.</summary>
    private static readonly double[] ExtraSkillOdds = [0.2, 0.3, 0.3, 0.2];

    /// <summary>
    /// The kinds of task of the <see cref="WorkplaceProfile.Standard"/> profile, most empowering first. The last tier takes
    /// whatever tasks the others leave. Other profiles change the shares and shift the rating ranges.
    /// </summary>
    private static readonly TaskTier[] StandardTiers =
    [
        new("empowering", Share: 0.10, HolderWeight: 1, Empowerment: (7.5, 9.8), Desirability: (5.0, 9.0),
            SkillShare: 1.0, TrainingHours: (400, 4000), ChunkShare: 0.6,
            ["planning", "surgery", "design", "budgeting", "diagnosis", "engineering", "coordination", "research"]),
        new("skilled", Share: 0.20, HolderWeight: 2, Empowerment: (4.5, 7.0), Desirability: (3.5, 8.0),
            SkillShare: 1.0, TrainingHours: (40, 400), ChunkShare: 0.25,
            ["nursing", "accounting", "machining", "welding", "repairs", "lab-work", "driving", "teaching"]),
        new("routine", Share: 0.70, HolderWeight: 3, Empowerment: (1.0, 3.5), Desirability: (1.5, 8.0),
            SkillShare: 0.15, TrainingHours: (4, 40), ChunkShare: 0.25,
            ["cleaning", "filing", "stocking", "assembly", "reception", "laundry", "data-entry", "deliveries", "cooking",
             "packing", "inspection", "dish-washing", "sorting", "security", "gardening"]),
    ];

    private readonly Random _random;
    private readonly InstanceSize _size;
    private readonly int _seed;
    private readonly WorkplaceProfile _profile;
    private readonly TaskTier[] _tiers;

    private WorkplaceGenerator(InstanceSize size, int seed, WorkplaceProfile profile)
    {
        (_size, _seed, _profile) = (size, seed, profile);
        _tiers = [.. StandardTiers.Select((tier, i) => profile.Adjust(tier, i))];
        // Seeded System.Random keeps its legacy algorithm in every .NET version, so a seed names one workplace for good.
        _random = new Random(seed);
    }

    /// <summary>The workplace of <paramref name="size"/> drawn from <paramref name="seed"/>, of the standard profile unless <paramref name="profile"/> says.</summary>
    /// <exception cref="InvalidOperationException">The generator broke its own promise of a feasible workplace (a bug).</exception>
    public static Workplace Generate(InstanceSize size, int seed, WorkplaceProfile? profile = null)
    {
        var workplace = new WorkplaceGenerator(size, seed, profile ?? WorkplaceProfile.Standard).Draw();
        workplace.EnsureValid();
        var violations = PlanEvaluator.EvaluateCurrent(workplace).Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"The generated current assignment of {workplace.Id} breaks the rules, so the workplace may be infeasible: {violations[0]}");
        }

        return workplace;
    }

    /// <summary>
    /// Writes the workplace of each of <paramref name="sizes"/> drawn from <paramref name="seed"/> to
    /// <c>DIRECTORY/ID.json</c>, for <c>jobbalancing solve</c>; returns the paths, in the order of the sizes.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IEnumerable<InstanceSize> sizes, int seed) =>
        WorkplaceFiles.Write(directory, sizes.Select(size => Generate(size, seed)));

    private Workplace Draw()
    {
        var (tasks, holderWeights, skills) = DrawTasks();
        var hours = Enumerable.Range(0, _size.Workers).Select(_ => DrawWorkerHours()).ToArray();
        var current = DrawCurrentAssignment(tasks, holderWeights, hours);
        var workers = Enumerable.Range(0, _size.Workers).Select(w => new Worker
        {
            Id = WorkerId(w),
            Hours = hours[w],
            Current = current[w].ToDictionary(p => tasks[p.Key].Id, p => (decimal)p.Value, StringComparer.Ordinal),
            Skills = DrawSkills(current[w].Keys.Select(t => tasks[t].Skill), skills),
        }).ToArray();

        var taskHours = new int[tasks.Length];
        foreach (var (task, held) in current.SelectMany(c => c))
        {
            taskHours[task] += held;
        }

        return new Workplace
        {
            Id = Invariant.Text($"generated-{_size.Name}-seed{_seed}"),
            Name = Invariant.Text($"Generated workplace {_size.Name} (seed {_seed})"),
            Skills = skills,
            Tasks = [.. tasks.Select((t, i) => t with { Hours = taskHours[i] })],
            Workers = workers,
            Rules = new WorkplaceRules { MaxTasksPerWorker = _random.Next(3, 6), AllowTraining = false },
        };
    }

    /// <summary>
    /// The tasks, tier by tier, with hours still 0 (the current assignment sets them); each one's tier's holder weight;
    /// and the skills they need, one per task that needs any.
    /// </summary>
    private (WorkTask[] Tasks, int[] HolderWeights, Skill[] Skills) DrawTasks()
    {
        var tasks = new List<WorkTask>();
        var holderWeights = new List<int>();
        var skills = new List<Skill>();
        var remaining = _size.Tasks;
        foreach (var tier in _tiers)
        {
            var count = tier == _tiers[^1] ? remaining : Math.Min(remaining, Math.Max(1, (int)Math.Ceiling(_size.Tasks * tier.Share)));
            remaining -= count;
            var tierTasks = Enumerable.Range(0, count).Select(i => DrawTask(tier, i, skills)).ToList();
            tasks.AddRange(WithServiceLimits(tier, tierTasks));
            holderWeights.AddRange(Enumerable.Repeat(tier.HolderWeight, count));
        }

        return ([.. tasks], [.. holderWeights], [.. skills]);
    }

    private WorkTask DrawTask(TaskTier tier, int index, List<Skill> skills)
    {
        var kind = tier.Kinds[index % tier.Kinds.Length];
        var id = Invariant.Text($"{kind}-{(index / tier.Kinds.Length) + 1}");
        string? skill = null;
        if (_random.NextDouble() < tier.SkillShare)
        {
            skill = id;
            skills.Add(new Skill { Id = skill, TrainingHours = _random.Next(tier.TrainingHours.Min, tier.TrainingHours.Max + 1) });
        }

        return new WorkTask
        {
            Id = id,
            Hours = 0,
            Empowerment = DrawRating(tier.Empowerment),
            Desirability = DrawRating(tier.Desirability),
            Skill = skill,
            MinChunk = _random.NextDouble() < tier.ChunkShare ? _random.Next(2, 5) : null,
        };
    }

    /// <summary>The more empowering half of the most empowering tier gets a service limit.</summary>
    private IEnumerable<WorkTask> WithServiceLimits(TaskTier tier, List<WorkTask> tierTasks)
    {
        if (tier != _tiers[0])
        {
            return tierTasks;
        }

        var limited = tierTasks.OrderByDescending(t => t.Empowerment).Take((tierTasks.Count + 1) / 2).ToHashSet();
        return tierTasks.Select(t => limited.Contains(t) ? t with { MaxPerWorker = ServiceLimits[_random.Next(ServiceLimits.Length)] } : t);
    }

    private decimal DrawRating((double Min, double Max) range) =>
        Math.Round((decimal)(range.Min + ((range.Max - range.Min) * _random.NextDouble())), 1, MidpointRounding.AwayFromZero);

    private int DrawWorkerHours() =>
        _random.NextDouble() < FullTimeShare ? FullTimeHours : PartTimeHours[_random.Next(PartTimeHours.Length)];

    /// <summary>
    /// Each worker's hours per task now: a home task, and for some a second one. Every task gets a holder first, then
    /// the other workers go to tasks with odds by tier (routine work needs the most people). A worker whose home task's
    /// service limit is below their hours spends the rest on a second task, as the rule would make them.
    /// </summary>
    private Dictionary<int, int>[] DrawCurrentAssignment(WorkTask[] tasks, int[] holderWeights, int[] hours)
    {
        var coverageOrder = Enumerable.Range(0, tasks.Length).ToArray();
        _random.Shuffle(coverageOrder);
        var workerOrder = Enumerable.Range(0, hours.Length).ToArray();
        _random.Shuffle(workerOrder);

        var current = new Dictionary<int, int>[hours.Length];
        for (var i = 0; i < workerOrder.Length; i++)
        {
            var w = workerOrder[i];
            var home = i < tasks.Length ? coverageOrder[i] : PickTask(holderWeights, _ => true);
            var serviceLimit = tasks[home].MaxPerWorker is { } limit ? (int)limit : int.MaxValue;
            var second = serviceLimit < hours[w] ? hours[w] - serviceLimit
                : _random.NextDouble() < SplitShare ? SecondTaskHours[_random.Next(SecondTaskHours.Length)]
                : 0;
            current[w] = new Dictionary<int, int> { [home] = hours[w] - second };
            if (second > 0)
            {
                // Chunks are at most 4 h and second-task hours at least 4 h, so only the service limit can rule a task out.
                current[w][PickTask(holderWeights, t => t != home && (tasks[t].MaxPerWorker ?? int.MaxValue) >= second)] = second;
            }
        }

        return current;
    }

    private int PickTask(int[] weights, Func<int, bool> allowed)
    {
        var candidates = Enumerable.Range(0, weights.Length).Where(allowed).ToArray();
        var ticket = _random.Next(candidates.Sum(t => weights[t]));
        foreach (var t in candidates)
        {
            ticket -= weights[t];
            if (ticket < 0)
            {
                return t;
            }
        }

        throw new InvalidOperationException("no task is allowed");
    }

    /// <summary>The skills of the tasks a worker holds, and a few more they picked up elsewhere.</summary>
    private List<string> DrawSkills(IEnumerable<string?> held, Skill[] skills)
    {
        var own = held.OfType<string>().ToList();
        if (!_profile.ExtraSkills)
        {
            return own;
        }

        var extra = Pick(ExtraSkillOdds);
        var others = skills.Select(s => s.Id).Except(own, StringComparer.Ordinal).ToArray();
        _random.Shuffle(others);
        own.AddRange(others.Take(extra));
        return own;
    }

    /// <summary>An index drawn with the given odds, which sum to 1.</summary>
    private int Pick(double[] odds)
    {
        var ticket = _random.NextDouble();
        for (var i = 0; i < odds.Length - 1; i++)
        {
            ticket -= odds[i];
            if (ticket < 0)
            {
                return i;
            }
        }

        return odds.Length - 1;
    }

    private string WorkerId(int w) =>
        "w" + (w + 1).ToString("D" + _size.Workers.ToString(CultureInfo.InvariantCulture).Length, CultureInfo.InvariantCulture);

    /// <summary>A kind of task and how its tasks are drawn.</summary>
    /// <remarks>Shared with <see cref="WorkplaceProfile"/>, which adjusts the standard tiers.</remarks>
    /// <param name="Name">The tier's name in README.md.</param>
    /// <param name="Share">The share of the workplace's tasks in this tier (at least one task; rounded up).</param>
    /// <param name="HolderWeight">How likely, relative to other tiers' tasks, a task here is as a worker's home or second task.</param>
    /// <param name="Empowerment">The range empowerment is drawn from, uniformly, then rounded to one decimal.</param>
    /// <param name="Desirability">The range desirability is drawn from, uniformly, then rounded to one decimal.</param>
    /// <param name="SkillShare">The chance a task here needs a skill of its own.</param>
    /// <param name="TrainingHours">The range that skill's training hours are drawn from, uniformly.</param>
    /// <param name="ChunkShare">The chance a task here has a minimum chunk, of 2, 3 or 4 hours.</param>
    /// <param name="Kinds">Task names; a workplace with more tasks than names numbers them (<c>cleaning-2</c>).</param>
    internal sealed record TaskTier(
        string Name, double Share, int HolderWeight, (double Min, double Max) Empowerment, (double Min, double Max) Desirability,
        double SkillShare, (int Min, int Max) TrainingHours, double ChunkShare, string[] Kinds);
}
