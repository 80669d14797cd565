using System.Text.Json;
using System.Text.Json.Nodes;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.IO;

/// <summary>
/// The JSON Schema and the reader agree. The mirror has no .NET JSON Schema validator, so the agreement is checked
/// structurally: the properties the reader accepts at each level (as its "expected one of" message lists them) are
/// the schema's; a property is required by one exactly when by the other; and the samples keep the schema's keywords
/// that this project's schema uses (type, properties, additionalProperties, required, items, const, bounds, minItems,
/// uniqueItems), checked by a small walker below.
/// </summary>
public sealed class WorkplaceSchemaTests
{
    /// <summary>A valid workplace with every property the format has.</summary>
    private const string Full = """
        {
          "$schema": "https://raw.githubusercontent.com/jobbalancing/jobbalancing/main/docs/workplace.schema.json",
          "format": "jobbalancing.workplace/1", "id": "clinic", "name": "Clinic", "region": "north", "enterprise": "health",
          "hourUnit": 1, "ratingScale": { "min": 1, "max": 10 },
          "skills": [ { "id": "surgery", "name": "Surgery", "trainingHours": 400 } ],
          "tasks": [
            { "id": "surgery", "name": "Surgery", "hours": 10, "empowerment": 9, "desirability": 8, "skill": "surgery", "minChunk": 2, "maxPerWorker": 10 },
            { "id": "rounds", "hours": 10, "empowerment": 5, "desirability": 5 }
          ],
          "workers": [
            { "id": "ana", "name": "Ana", "hours": 10, "skills": ["surgery"], "current": { "surgery": 10 }, "fixed": { "surgery": 2 }, "excluded": ["rounds"] },
            { "id": "ben", "hours": 10 }
          ],
          "rules": { "maxTasksPerWorker": 2, "allowTraining": false },
          "weights": { "empowerment": 1, "desirability": 1 }
        }
        """;

    private static readonly JsonObject Schema = JsonNode.Parse(WorkplaceJson.Schema)!.AsObject();

    /// <summary>Each object of the format: its path in <see cref="Full"/> and in the schema.</summary>
    public static TheoryData<string, string> Levels => new()
    {
        { "", "" },
        { "ratingScale", "ratingScale" },
        { "skills[0]", "skills.items" },
        { "tasks[0]", "tasks.items" },
        { "workers[0]", "workers.items" },
        { "rules", "rules" },
        { "weights", "weights" },
    };

    [Fact]
    public void Schema_ShippedText_IsTheDocsFile() =>
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root(), "docs", "workplace.schema.json")), WorkplaceJson.Schema);

    [Fact]
    public void Schema_Header_IsDraft202012WithAnId()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)Schema["$schema"]);
        Assert.StartsWith("https://", (string?)Schema["$id"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Schema_PropertiesAtEachLevel_AreThoseTheReaderAccepts(string path, string schemaPath)
    {
        var full = JsonNode.Parse(Full)!;
        Node(full, path)!.AsObject()["zzz"] = 1;

        var problem = Assert.Single(Problems(full), p => p.Path == JsonFields.Join(path, "zzz"));
        var accepted = problem.Message["unknown property; expected one of ".Length..].Split(", ");

        Assert.Equal(accepted.Order(), SchemaObject(schemaPath)["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.False((bool?)SchemaObject(schemaPath)["additionalProperties"]);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public void Schema_RequiredAtEachLevel_IsWhatTheReaderMisses(string path, string schemaPath)
    {
        var schema = SchemaObject(schemaPath);
        var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet() ?? [];
        foreach (var (name, _) in schema["properties"]!.AsObject())
        {
            var full = JsonNode.Parse(Full)!;
            Node(full, path)!.AsObject().Remove(name);

            var missed = Problems(full).Any(p => p.Path == JsonFields.Join(path, name));

            Assert.True(missed == required.Contains(name), $"{JsonFields.Join(path, name)}: reader misses it {missed}, schema requires it {required.Contains(name)}");
        }
    }

    [Fact]
    public void Schema_FullExampleAndEverySample_AreValid()
    {
        // Every sample workplace: the JSON files that are not of another format (a region, say).
        var files = Directory.GetFiles("samples", "*.json", SearchOption.AllDirectories).Order()
            .Where(file => JsonNode.Parse(File.ReadAllText(file))?["format"]?.GetValue<string>() is null or WorkplaceJson.FormatName)
            .ToList();
        Assert.NotEmpty(files);
        Assert.Equal([], SchemaErrors(JsonNode.Parse(Full), Schema, ""));
        foreach (var file in files)
        {
            Assert.Equal([], SchemaErrors(JsonNode.Parse(File.ReadAllText(file)), Schema, file));
        }
    }

    [Fact]
    public void Schema_ValueOfTheWrongShape_IsCaughtByTheWalkerToo()
    {
        var bad = JsonNode.Parse(Full)!;
        bad["tasks"]![0]!["hours"] = "ten";
        bad["workers"]![0]!["colour"] = "red";

        Assert.Equal(["tasks[0].hours: expected number", "workers[0].colour: not allowed"], SchemaErrors(bad, Schema, ""));
    }

    private static IReadOnlyList<ValidationProblem> Problems(JsonNode json)
    {
        try
        {
            WorkplaceJson.Read(json.ToJsonString());
            return [];
        }
        catch (InvalidWorkplaceException e)
        {
            return e.Problems;
        }
    }

    private static JsonNode? Node(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? node![part[..^3]]![0] : node![part];
        }

        return node;
    }

    private static JsonObject SchemaObject(string path)
    {
        var node = Schema;
        foreach (var part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = part == "items" ? node["items"]!.AsObject() : node["properties"]![part]!.AsObject();
        }

        return node;
    }

    /// <summary>The subset of JSON Schema this project's schema uses, applied to <paramref name="value"/>.</summary>
    private static List<string> SchemaErrors(JsonNode? value, JsonObject schema, string path)
    {
        var errors = new List<string>();
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant.ToJsonString()}");
        }

        var type = (string?)schema["type"];
        var typeOk = type switch
        {
            null => true,
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && value!.GetValue<decimal>() % 1 == 0,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            _ => throw new NotSupportedException(type),
        };
        if (!typeOk)
        {
            errors.Add($"{path}: expected {type}");
            return errors;
        }

        if (kind == JsonValueKind.Number)
        {
            var number = value!.GetValue<decimal>();
            if ((schema["minimum"] is { } min && number < (decimal)min) || (schema["exclusiveMinimum"] is { } emin && number <= (decimal)emin)
                || (schema["maximum"] is { } max && number > (decimal)max))
            {
                errors.Add($"{path}: {number} out of bounds");
            }
        }
        else if (value is JsonArray array)
        {
            if (schema["minItems"] is { } minItems && array.Count < (int)minItems)
            {
                errors.Add($"{path}: too few items");
            }

            if ((bool?)schema["uniqueItems"] == true && array.Select(i => i?.ToJsonString()).Distinct().Count() != array.Count)
            {
                errors.Add($"{path}: items repeat");
            }

            for (var i = 0; i < array.Count; i++)
            {
                errors.AddRange(SchemaErrors(array[i], schema["items"]!.AsObject(), $"{path}[{i}]"));
            }
        }
        else if (value is JsonObject obj)
        {
            var properties = schema["properties"]?.AsObject();
            errors.AddRange((schema["required"]?.AsArray() ?? []).Select(r => (string)r!).Where(r => !obj.ContainsKey(r)).Select(r => $"{JsonFields.Join(path, r)}: required"));
            foreach (var (name, child) in obj)
            {
                var childPath = JsonFields.Join(path, name);
                if (properties?[name] is JsonObject childSchema)
                {
                    errors.AddRange(SchemaErrors(child, childSchema, childPath));
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    errors.AddRange(SchemaErrors(child, additional, childPath));
                }
                else if ((bool?)schema["additionalProperties"] == false)
                {
                    errors.Add($"{childPath}: not allowed");
                }
            }
        }

        return errors;
    }
}
