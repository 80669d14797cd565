// TEMPORARY: remove when JobBalancing.IO.WorkplaceJson lands in the library. It lets the quick start compile and run
// before then; Program.cs calls the real reader unchanged once this file is deleted.
using System.Text.Json;
using JobBalancing.Domain;

namespace JobBalancing.IO;

/// <summary>Reads a workplace from the JSON format of DESIGN.md (camelCase, case-insensitive), without its checks.</summary>
internal static class WorkplaceJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Workplace ReadFile(string path) =>
        JsonSerializer.Deserialize<Workplace>(File.ReadAllText(path), Options)
        ?? throw new JsonException($"{path} holds no workplace");
}
