using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using JobBalancing.Domain;

namespace JobBalancing.IO;

/// <summary>
/// Reads the workplace JSON into a <see cref="Workplace"/>, collecting every problem with its JSON path instead of
/// stopping at the first, then merges in what <see cref="Workplace.Validate"/> finds.
/// </summary>
/// <remarks>
/// A value that cannot be read (missing, of the wrong type) is replaced by a placeholder so that reading can go on,
/// and its path is remembered as unreadable. The validator then sees the placeholder; what it says at or below an
/// unreadable path only echoes the placeholder and is dropped. Placeholders are chosen to be the most permissive
/// value, so that checks that combine several fields stay silent rather than judge a value the file never stated.
/// </remarks>
internal partial class WorkplaceJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] WorkplaceProperties =
        ["$schema", "format", "id", "name", "region", "enterprise", "hourUnit", "ratingScale", "skills", "tasks", "workers", "rules", "weights", "rotation"];

    private static readonly string[] RatingScaleProperties = ["min", "max"];
    private static readonly string[] SkillProperties = ["id", "name", "trainingHours"];
    private static readonly string[] TaskProperties = ["id", "name", "hours", "empowerment", "desirability", "skill", "minChunk", "maxPerWorker"];
    private static readonly string[] WorkerProperties = ["id", "name", "hours", "skills", "current", "fixed", "excluded"];
    private static readonly string[] RulesProperties = ["maxTasksPerWorker", "allowTraining"];
    private static readonly string[] WeightsProperties = ["empowerment", "desirability"];
    private static readonly string[] RotationProperties = ["serviceLimits", "minStayPeriods", "periodTolerance", "periods"];
    private static readonly string[] ServiceLimitProperties = ["name", "tasks", "maxConsecutivePeriods"];
    private static readonly string[] PeriodChangeProperties = ["tasks", "workers"];

    private protected readonly List<ValidationProblem> _problems = [];
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public static Workplace Read(string json)
    {
        using var document = Parse(json);
        try
        {
            return new WorkplaceJsonReader().ReadValid(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            // JsonDocument accepts an escaped lone surrogate ("\ud800") but cannot turn it into a string.
            throw Invalid("", "the text holds an invalid Unicode escape: a lone surrogate such as \\ud800");
        }
    }

    /// <summary>Parses JSON text as these readers accept it, with malformed text reported at its line and column.</summary>
    /// <param name="json">The text.</param>
    /// <param name="describing">What the text should describe, for the message about an empty text: <c>a workplace</c>.</param>
    internal static JsonDocument Parse(string json, string describing = "a workplace")
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw Invalid("", $"the text is empty; expected a JSON object describing {describing}");
        }

        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = Column(json, line, (int)(e.BytePositionInLine ?? 0));
            throw Invalid("", $"malformed JSON at line {line + 1}, column {column}: {WithoutPosition(e.Message)}");
        }
        catch (ArgumentException)
        {
            throw Invalid("", "the text is not valid Unicode");
        }
    }

    /// <summary>
    /// The problem with the <c>"format"</c> the text states, if it states another: such a text is read no further, as
    /// its fields may mean other things and problems found by reading it as this version would mislead.
    /// </summary>
    private static ValidationProblem? UnsupportedFormat(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format)
            || format.ValueKind == JsonValueKind.Null
            || (format.ValueKind == JsonValueKind.String && format.ValueEquals(WorkplaceJson.FormatName)))
        {
            return null;
        }

        return new ValidationProblem("format", $"unsupported format {Describe(format)}; this version reads \"{WorkplaceJson.FormatName}\"");
    }

    /// <summary>The 1-based column, in characters, of a 0-based byte position in a 0-based line of <paramref name="json"/>.</summary>
    private static int Column(string json, int line, int bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line; i++)
        {
            var next = json.IndexOf('\n', start);
            if (next < 0)
            {
                break;
            }

            start = next + 1;
        }

        var end = json.IndexOf('\n', start);
        var text = Encoding.UTF8.GetBytes(end < 0 ? json[start..] : json[start..end]);
        return Encoding.UTF8.GetCharCount(text, 0, Math.Min(bytePosition, text.Length)) + 1;
    }

    /// <summary>The reader's message without its own " LineNumber: 2 | BytePositionInLine: 15." suffix, which counts from 0 and in bytes.</summary>
    private static string WithoutPosition(string message)
    {
        var suffix = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return suffix < 0 ? message : message[..suffix];
    }

    private protected static InvalidWorkplaceException Invalid(string path, string message) => new([new ValidationProblem(path, message)]);

    private Workplace ReadValid(JsonElement root)
    {
        if (UnsupportedFormat(root) is { } unsupported)
        {
            throw new InvalidWorkplaceException([unsupported]);
        }

        var workplace = ReadWorkplace(root);
        var problems = workplace is null ? _problems : WithValidation(workplace);
        return problems.Count == 0 ? workplace! : throw new InvalidWorkplaceException(problems);
    }

    private List<ValidationProblem> WithValidation(Workplace workplace)
    {
        // The validator compares all task hours with all worker hours at the root path; when a task, a worker or its
        // hours could not be read, those sums are sums of placeholders.
        var totalsUnknown = _unreadable.Any(path => TotalsInput().IsMatch(path));
        var merged = new List<ValidationProblem>(_problems);
        foreach (var problem in workplace.Validate())
        {
            var echoesTotals = problem.Path.Length == 0 && totalsUnknown;
            if (!echoesTotals && !IsUnderUnreadable(problem.Path))
            {
                merged.Add(problem);
            }
        }

        return merged;
    }

    /// <summary>The paths whose values the totals are summed from: <c>tasks</c>, <c>tasks[3]</c>, <c>tasks[3].hours</c>, and the same for workers.</summary>
    [GeneratedRegex(@"^(tasks|workers)(\[\d+\](\.hours)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TotalsInput();

    private protected bool IsUnderUnreadable(string path) =>
        _unreadable.Any(unreadable => path == unreadable
            || (path.StartsWith(unreadable, StringComparison.Ordinal) && path[unreadable.Length] is '.' or '['));

    /// <summary>The workplace, or <see langword="null"/> when the text is not a JSON object.</summary>
    private Workplace? ReadWorkplace(JsonElement root)
    {
        if (Fields(root, "", WorkplaceProperties) is not { } fields)
        {
            return null;
        }

        return new Workplace
        {
            Id = RequiredString(fields, "id"),
            Name = OptionalString(fields, "name"),
            Region = OptionalString(fields, "region"),
            Enterprise = OptionalString(fields, "enterprise"),

            // An unreadable unit becomes 0, which the validator takes as "no unit": no hours are then judged against a
            // unit the file did not state.
            HourUnit = OptionalNumber(fields, "hourUnit", whenUnreadable: 0) ?? 1,
            RatingScale = ReadRatingScale(fields),
            Skills = ObjectList(fields, "skills", SkillProperties, ReadSkill),
            Tasks = ObjectList(fields, "tasks", TaskProperties, ReadTask),
            Workers = ObjectList(fields, "workers", WorkerProperties, ReadWorker),
            Rules = ReadRules(fields),
            Weights = ReadWeights(fields),
            Rotation = ReadRotation(fields),
        };
    }

    private RotationRules ReadRotation(JsonFields workplace)
    {
        if (NestedObject(workplace, "rotation", RotationProperties) is not { } fields)
        {
            return RotationRules.Default;
        }

        return new RotationRules
        {
            ServiceLimits = ObjectList(fields, "serviceLimits", ServiceLimitProperties, limit => new ServiceLimit
            {
                Name = OptionalString(limit, "name"),
                Tasks = StringList(limit, "tasks"),
                MaxConsecutivePeriods = RequiredInteger(limit, "maxConsecutivePeriods") ?? 1,
            }),
            MinStayPeriods = OptionalInteger(fields, "minStayPeriods"),
            PeriodTolerance = OptionalNumber(fields, "periodTolerance"),
            Periods = ObjectList(fields, "periods", PeriodChangeProperties, change => new PeriodChange
            {
                Tasks = HoursPerTask(change, "tasks"),
                Workers = HoursPerTask(change, "workers"),
            }),
        };
    }

    private RatingScale ReadRatingScale(JsonFields workplace)
    {
        if (NestedObject(workplace, "ratingScale", RatingScaleProperties) is not { } fields)
        {
            return RatingScale.Default;
        }

        // An unreadable end becomes the widest possible, so that no rating is judged against a bound the file did not state.
        return new RatingScale(RequiredNumber(fields, "min") ?? decimal.MinValue, RequiredNumber(fields, "max") ?? decimal.MaxValue);
    }

    private Skill ReadSkill(JsonFields fields) => new()
    {
        Id = RequiredString(fields, "id"),
        Name = OptionalString(fields, "name"),
        TrainingHours = OptionalNumber(fields, "trainingHours") ?? 0,
    };

    private WorkTask ReadTask(JsonFields fields) => new()
    {
        Id = RequiredString(fields, "id"),
        Name = OptionalString(fields, "name"),
        Hours = RequiredNumber(fields, "hours") ?? 0,
        Empowerment = RequiredNumber(fields, "empowerment") ?? 0,
        Desirability = RequiredNumber(fields, "desirability") ?? 0,
        Skill = OptionalString(fields, "skill"),
        MinChunk = OptionalNumber(fields, "minChunk"),
        MaxPerWorker = OptionalNumber(fields, "maxPerWorker"),
    };

    private Worker ReadWorker(JsonFields fields) => new()
    {
        Id = RequiredString(fields, "id"),
        Name = OptionalString(fields, "name"),
        Hours = RequiredNumber(fields, "hours") ?? 0,
        Skills = StringList(fields, "skills"),
        Current = HoursPerTask(fields, "current"),
        Fixed = HoursPerTask(fields, "fixed"),
        Excluded = StringList(fields, "excluded"),
    };

    private WorkplaceRules ReadRules(JsonFields workplace)
    {
        if (NestedObject(workplace, "rules", RulesProperties) is not { } fields)
        {
            return WorkplaceRules.Default;
        }

        return new WorkplaceRules
        {
            MaxTasksPerWorker = OptionalInteger(fields, "maxTasksPerWorker"),

            // An unreadable flag becomes true, the permissive value: no fixed task is then judged as needing training.
            AllowTraining = OptionalBoolean(fields, "allowTraining", whenUnreadable: true) ?? false,
        };
    }

    private ObjectiveWeights ReadWeights(JsonFields workplace)
    {
        if (NestedObject(workplace, "weights", WeightsProperties) is not { } fields)
        {
            return ObjectiveWeights.Default;
        }

        var defaults = ObjectiveWeights.Default;
        return new ObjectiveWeights(
            OptionalNumber(fields, "empowerment", whenUnreadable: defaults.Empowerment) ?? defaults.Empowerment,
            OptionalNumber(fields, "desirability", whenUnreadable: defaults.Desirability) ?? defaults.Desirability);
    }

    /// <summary>
    /// The fields of <paramref name="element"/>, reporting unknown and repeated properties; <see langword="null"/>,
    /// reported, when it is not an object.
    /// </summary>
    private protected JsonFields? Fields(JsonElement element, string path, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Unreadable(path, Expected("an object", element));
            return null;
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var propertyPath = JsonFields.Join(path, property.Name);
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                Report(propertyPath, UnknownProperty(property.Name, known));
            }
            else if (!values.TryAdd(property.Name, property.Value))
            {
                Report(propertyPath, "appears more than once");
            }
        }

        return new JsonFields(path, values);
    }

    /// <summary>The fields of the nested object <paramref name="name"/>; <see langword="null"/> when it is absent, null or not an object.</summary>
    private protected JsonFields? NestedObject(JsonFields parent, string name, string[] known) =>
        TryGetValue(parent, name, required: false, out var value) ? Fields(value, parent.PathOf(name), known) : null;

    /// <summary>
    /// The value of <paramref name="name"/>: <see langword="false"/> when it is absent or <c>null</c>, which is reported
    /// only when <paramref name="required"/>.
    /// </summary>
    private protected bool TryGetValue(JsonFields fields, string name, bool required, out JsonElement value)
    {
        var present = fields.TryGet(name, out value);
        if (present && (required || value.ValueKind != JsonValueKind.Null))
        {
            return true;
        }

        if (required)
        {
            Unreadable(fields.PathOf(name), "is missing");
        }

        return false;
    }

    private protected string RequiredString(JsonFields fields, string name) =>
        TryGetValue(fields, name, required: true, out var value) ? ReadString(value, fields.PathOf(name)) ?? "" : "";

    private protected string? OptionalString(JsonFields fields, string name) =>
        TryGetValue(fields, name, required: false, out var value) ? ReadString(value, fields.PathOf(name)) : null;

    private string? ReadString(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Unreadable(path, Expected("a string", value));
        return null;
    }

    private decimal? RequiredNumber(JsonFields fields, string name) =>
        TryGetValue(fields, name, required: true, out var value) ? ReadNumber(value, fields.PathOf(name)) : null;

    /// <summary>The number, <see langword="null"/> when absent, <paramref name="whenUnreadable"/> when it cannot be read.</summary>
    private protected decimal? OptionalNumber(JsonFields fields, string name, decimal? whenUnreadable = null) =>
        TryGetValue(fields, name, required: false, out var value) ? ReadNumber(value, fields.PathOf(name)) ?? whenUnreadable : null;

    private decimal? ReadNumber(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            Unreadable(path, Expected("a number", value));
            return null;
        }

        if (!value.TryGetDecimal(out var number))
        {
            Unreadable(path, $"{value.GetRawText()} is out of range");
            return null;
        }

        return number;
    }

    private protected int? OptionalInteger(JsonFields fields, string name) => ReadInteger(fields, name, required: false);

    private protected int? RequiredInteger(JsonFields fields, string name) => ReadInteger(fields, name, required: true);

    private int? ReadInteger(JsonFields fields, string name, bool required)
    {
        if (!TryGetValue(fields, name, required, out var value))
        {
            return null;
        }

        var path = fields.PathOf(name);
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var integer))
        {
            return integer;
        }

        Unreadable(path, value.ValueKind == JsonValueKind.Number ? $"expected a whole number, got {value.GetRawText()}" : Expected("a whole number", value));
        return null;
    }

    private bool? OptionalBoolean(JsonFields fields, string name, bool whenUnreadable)
    {
        if (!TryGetValue(fields, name, required: false, out var value))
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Unreadable(fields.PathOf(name), Expected("true or false", value));
        return whenUnreadable;
    }

    /// <summary>
    /// An array of strings; an item that is not a string becomes "" so that later items keep their index, which the
    /// validator's paths name.
    /// </summary>
    private List<string> StringList(JsonFields fields, string name) =>
        ReadArray(fields, name, (item, path) => ReadString(item, path) ?? "");

    /// <summary>
    /// An array of objects; an item that is not an object becomes <see langword="null"/> so that later items keep their
    /// index (the validator reports it "must not be null", at a path already reported, so nothing more is said).
    /// </summary>
    private protected List<T> ObjectList<T>(JsonFields fields, string name, string[] known, Func<JsonFields, T> read)
        where T : class =>
        ReadArray(fields, name, (item, path) => Fields(item, path, known) is { } itemFields ? read(itemFields) : null!);

    private List<T> ReadArray<T>(JsonFields fields, string name, Func<JsonElement, string, T> readItem)
    {
        var items = new List<T>();
        if (!TryGetValue(fields, name, required: false, out var value))
        {
            return items;
        }

        var path = fields.PathOf(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            Unreadable(path, Expected("an array", value));
            return items;
        }

        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            items.Add(readItem(item, $"{path}[{index++}]"));
        }

        return items;
    }

    /// <summary>Hours per task, as an object keyed by task id: <c>{ "surgery": 32, "rounds": 8 }</c>.</summary>
    private Dictionary<string, decimal> HoursPerTask(JsonFields fields, string name)
    {
        var hours = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (!TryGetValue(fields, name, required: false, out var value))
        {
            return hours;
        }

        var path = fields.PathOf(name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            Unreadable(path, Expected("an object of hours per task, such as { \"surgery\": 8 }", value));
            return hours;
        }

        foreach (var entry in value.EnumerateObject())
        {
            var entryPath = JsonFields.Join(path, entry.Name);
            if (hours.ContainsKey(entry.Name))
            {
                Report(entryPath, "appears more than once");
            }
            else if (ReadNumber(entry.Value, entryPath) is { } entryHours)
            {
                hours.Add(entry.Name, entryHours);
            }
        }

        return hours;
    }

    private protected void Report(string path, string message) => _problems.Add(new ValidationProblem(path, message));

    private protected void Unreadable(string path, string message)
    {
        Report(path, message);
        _unreadable.Add(path);
    }

    private static string UnknownProperty(string name, string[] known) =>
        Suggestions.Closest(name, known) is { } suggestion
            ? $"unknown property (did you mean \"{suggestion}\"?)"
            : $"unknown property; expected one of {string.Join(", ", known)}";

    /// <summary>"expected a number, got "ten"": what was wanted and the value found, as the file spells it.</summary>
    private protected static string Expected(string expected, JsonElement found) => $"expected {expected}, got {Describe(found)}";

    private protected static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => Shortened(value.GetRawText()),
    };

    private static string Shortened(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
