using JobBalancing.Domain;

namespace JobBalancing.IO;

/// <summary>
/// Reads a region as the JSON of the command-line tool (<c>jobbalancing.region/1</c>): the region's id, its cost
/// parameters and policy parameters, and its workplaces, each inline (<c>"workplace": { … }</c>) or in its own workplace
/// file (<c>"file": "hospital.json"</c>, relative to the region file), with the region and enterprise it belongs to and
/// optionally its council's social benefit and social cost. See docs/regions.md.
/// </summary>
/// <remarks>As strict as <see cref="WorkplaceJson"/>: an unknown property is a problem, and every problem is reported at once with its JSON path.</remarks>
public static class RegionJson
{
    /// <summary>The format and version this library reads, as the optional <c>"format"</c> field states it.</summary>
    public const string FormatName = "jobbalancing.region/1";

    /// <summary>Reads a region from JSON text and validates it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="folder">The folder workplace files are found in; the current folder when <see langword="null"/>.</param>
    /// <returns>The region; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">The text, a workplace it names, or the region has problems; every one is listed with its path.</exception>
    public static Region Read(string json, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return RegionJsonReader.Read(json, folder ?? Directory.GetCurrentDirectory());
    }

    /// <summary>Reads a region from a JSON file and validates it; workplace files are found relative to it.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The region; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">The file cannot be read, or its text has problems; see <see cref="Read"/>.</exception>
    public static Region ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidWorkplaceException([new ValidationProblem("", $"cannot read \"{path}\": {WorkplaceJson.Reason(e, path)}")]);
        }

        return Read(json, Path.GetDirectoryName(Path.GetFullPath(path)));
    }
}
