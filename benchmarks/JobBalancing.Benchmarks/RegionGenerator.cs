using JobBalancing.Domain;
using JobBalancing.Policies;

namespace JobBalancing.Benchmarks;

/// <summary>
/// A deterministic region of generated workplaces for the between-workplace comparisons (issue 5): different sizes and
/// rating profiles, two sharing an enterprise, and a petrol station that cannot balance on its own. README.md in this
/// folder describes each member.
/// </summary>
internal static class RegionGenerator
{
    /// <summary>The region every member belongs to.</summary>
    public const string Region = "north";

    /// <summary>The enterprise the fuel depot and the petrol station share.</summary>
    public const string Enterprise = "north-fuel";

    /// <summary>The members: id, name, size, profile and enterprise. The seed of member i is the region's seed plus i.</summary>
    private static readonly Member[] Members =
    [
        new("hospital", "Riverside Hospital", InstanceSize.M, WorkplaceProfile.Standard, null),
        new("print-works", "North Print Works", InstanceSize.Parse("40x16"), WorkplaceProfile.Routine, null),
        new("design-office", "Harbour Design Office", InstanceSize.Parse("12x8"), WorkplaceProfile.Empowering, null),
        new("fuel-depot", "North Fuel Depot", InstanceSize.Parse("20x8"), WorkplaceProfile.Standard, Enterprise),
        new("petrol-station", "Crossroads Petrol Station", InstanceSize.Parse("6x5"), WorkplaceProfile.PetrolStation, Enterprise),
    ];

    /// <summary>The region's workplaces drawn from <paramref name="seed"/>, with <see cref="Workplace.Region"/> and <see cref="Workplace.Enterprise"/> set.</summary>
    public static IReadOnlyList<Workplace> Generate(int seed) =>
    [
        .. Members.Select((m, i) => WorkplaceGenerator.Generate(m.Size, seed + i, m.Profile) with
        {
            Id = $"{Region}-{m.Id}",
            Name = m.Name,
            Region = Region,
            Enterprise = m.Enterprise,
        }),
    ];

    /// <summary>Writes each workplace of the region to <c>DIRECTORY/ID.json</c>, atomically, creating the directory if need be.</summary>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory, int seed) => WorkplaceFiles.Write(directory, Generate(seed));

    /// <summary>
    /// A region of <paramref name="workplaceCount"/> generated workplaces and <paramref name="workerCount"/> workers in all, for
    /// the scale benchmark (<c>--region WxN</c>). Every tenth workplace is a petrol station of 6 workers and 5 tasks, and the
    /// next one a fuel depot of the same enterprise (<c>fuel-K</c>); the others are standard, routine or empowering, in
    /// turn, with the remaining workers shared among them at random (weights 1–3) and about two workers per task (5 to 40
    /// tasks). Worker ids are prefixed with the workplace's id, so that they are unique across the region.
    /// </summary>
    public static Region Scaled(int workplaceCount, int workerCount, int seed)
    {
        var random = new Random(seed);
        var kinds = Enumerable.Range(0, workplaceCount).Select(i => (i % 10) switch
        {
            0 => new Kind("petrol-station", WorkplaceProfile.PetrolStation, Invariant.Text($"fuel-{i / 10}")),
            1 => new Kind("fuel-depot", WorkplaceProfile.Standard, Invariant.Text($"fuel-{i / 10}")),
            var k when k % 3 == 0 => new Kind("print-works", WorkplaceProfile.Routine, null),
            var k when k % 3 == 1 => new Kind("design-office", WorkplaceProfile.Empowering, null),
            _ => new Kind("works", WorkplaceProfile.Standard, null),
        }).ToArray();
        const int StationWorkers = 6;
        var stations = kinds.Count(k => k.Profile == WorkplaceProfile.PetrolStation);
        var weights = kinds.Select(k => k.Profile == WorkplaceProfile.PetrolStation ? 0 : 1 + (2 * random.NextDouble())).ToArray();
        var rest = workerCount - (stations * StationWorkers);
        if (rest < 4 * (workplaceCount - stations))
        {
            throw new ArgumentOutOfRangeException(nameof(workerCount), workerCount, "too few workers for that many workplaces");
        }

        var sizes = weights.Select(w => (int)Math.Floor(rest * w / weights.Sum())).ToArray();
        for (var i = 0; sizes.Sum() < rest; i = (i + 1) % sizes.Length)
        {
            sizes[i] += weights[i] > 0 ? 1 : 0;
        }

        var workplaces = kinds.Select((kind, i) =>
        {
            var workers = kind.Profile == WorkplaceProfile.PetrolStation ? StationWorkers : sizes[i];
            var tasks = kind.Profile == WorkplaceProfile.PetrolStation ? 5 : Math.Clamp(workers / 2, 5, 40);
            var id = Invariant.Text($"{Region}-{i:00}-{kind.Id}");
            var workplace = WorkplaceGenerator.Generate(new InstanceSize(Invariant.Text($"{workers}x{tasks}"), workers, tasks), seed + i, kind.Profile);
            return workplace with
            {
                Id = id,
                Name = id,
                Region = Region,
                Enterprise = kind.Enterprise,
                Workers = [.. workplace.Workers.Select(w => w with { Id = $"{id}/{w.Id}" })],
            };
        });
        return new Region
        {
            Id = Region,
            Name = Invariant.Text($"Generated region of {workplaceCount} workplaces and {workerCount} workers (seed {seed})"),
            Workplaces = [.. workplaces],

            // Some generated skilled task is held by a single full-time worker, so any service limit below 40 h leaves
            // compensation without a plan; at 40 h the limits bind nobody, and compensation is within with premiums.
            Policies = new PolicyOptions { ServiceLimitHours = 40 },
        };
    }

    private sealed record Member(string Id, string Name, InstanceSize Size, WorkplaceProfile Profile, string? Enterprise);

    private sealed record Kind(string Id, WorkplaceProfile Profile, string? Enterprise);
}
