using JobBalancing.Cli;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Benchmarks;

/// <summary>Generated workplaces as files that <c>jobbalancing solve</c> and the other commands read.</summary>
internal static class WorkplaceFiles
{
    /// <summary>Writes each workplace to <c>DIRECTORY/ID.json</c>, atomically, creating the directory if need be.</summary>
    /// <returns>The paths written, in the order of the workplaces.</returns>
    public static IReadOnlyList<string> Write(string directory, IEnumerable<Workplace> workplaces)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var workplace in workplaces)
        {
            var path = Path.Combine(directory, workplace.Id + ".json");
            AtomicFile.WriteAllText(path, WorkplaceJson.Write(workplace));
            paths.Add(path);
        }

        return paths;
    }
}
