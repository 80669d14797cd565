using JobBalancing.Cli;
using JobBalancing.Domain;
using JobBalancing.IO;

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
    public static IReadOnlyList<string> Write(string directory, int seed)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var workplace in Generate(seed))
        {
            var path = Path.Combine(directory, workplace.Id + ".json");
            AtomicFile.WriteAllText(path, WorkplaceJson.Write(workplace));
            paths.Add(path);
        }

        return paths;
    }

    private sealed record Member(string Id, string Name, InstanceSize Size, WorkplaceProfile Profile, string? Enterprise);
}
