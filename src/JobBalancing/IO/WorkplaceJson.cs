using System.Text.Json;
using JobBalancing.Domain;

namespace JobBalancing.IO;

/// <summary>
/// Reads and writes a workplace as the JSON of the command-line tool (<c>jobbalancing.workplace/1</c>): camel-case
/// names, hours and ratings as numbers, each worker's <c>current</c> and <c>fixed</c> hours as objects keyed by task id.
/// </summary>
/// <remarks>
/// Reading is strict about what the file says and lenient about how: comments and trailing commas are allowed,
/// because councils edit these files by hand, but an unknown property (a typo such as <c>"hourz"</c>) is a problem,
/// never silently ignored. Every problem is reported at once, each with its JSON path.
/// </remarks>
/// <example>
/// <code>
/// var workplace = WorkplaceJson.ReadFile("hospital.json");
/// File.WriteAllText("copy.json", WorkplaceJson.Write(workplace));
/// </code>
/// </example>
public static class WorkplaceJson
{
    /// <summary>
    /// The format and version this library reads and writes, as the optional <c>"format"</c> field states it.
    /// A file without the field is read as this version.
    /// </summary>
    public const string FormatName = "jobbalancing.workplace/1";

    /// <summary>
    /// The JSON Schema (draft 2020-12) of this format, for editors that check files as they are typed; the package also
    /// ships it as <c>schemas/workplace.schema.json</c>. A file may name it in a <c>"$schema"</c> property, which reading ignores.
    /// The schema checks the shape of a file; <see cref="Read"/> also checks what spans fields (ids, units, totals).
    /// </summary>
    public static string Schema => SchemaText.Value;

    private static readonly Lazy<string> SchemaText = new(() =>
    {
        using var stream = typeof(WorkplaceJson).Assembly.GetManifestResourceStream("JobBalancing.workplace.schema.json")
            ?? throw new InvalidOperationException("the workplace schema is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Reads a workplace from JSON text and validates it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The workplace; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">
    /// The text is not valid JSON (the problem says at which line and column), does not have the shape of a workplace,
    /// or describes an invalid workplace. Every problem is listed, each with its JSON path, such as
    /// <c>tasks[2].hours: expected a number, got "ten"</c>.
    /// </exception>
    public static Workplace Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WorkplaceJsonReader.Read(json);
    }

    /// <summary>Reads a workplace from a JSON file and validates it.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The workplace; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">
    /// The file cannot be read, or its text has problems; see <see cref="Read"/>.
    /// </exception>
    public static Workplace ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidWorkplaceException([new ValidationProblem("", $"cannot read \"{path}\": {Reason(e, path)}")]);
        }

        return Read(json);
    }

    /// <summary>Writes a workplace as indented JSON, starting with its <c>"format"</c>; reading it back gives an equal workplace.</summary>
    /// <param name="workplace">The workplace; it need not be valid.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        return JsonOutput.Write(writer => WriteWorkplace(writer, workplace));
    }

    /// <summary>Why the file at <paramref name="path"/> cannot be read, in plain words.</summary>
    internal static string Reason(Exception e, string path) => e switch
    {
        FileNotFoundException => "the file does not exist",
        DirectoryNotFoundException => "its folder does not exist",
        UnauthorizedAccessException when Directory.Exists(path) => "it is a folder, not a file",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };

    /// <summary>Writes the workplace as one JSON object, here or nested in another document (the result's <c>input</c>).</summary>
    internal static void WriteWorkplace(Utf8JsonWriter writer, Workplace workplace)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteString("id", workplace.Id);
        writer.WriteOptionalString("name", workplace.Name);
        writer.WriteOptionalString("region", workplace.Region);
        writer.WriteOptionalString("enterprise", workplace.Enterprise);
        writer.WriteDecimal("hourUnit", workplace.HourUnit);
        writer.WriteStartObject("ratingScale");
        writer.WriteDecimal("min", workplace.RatingScale.Min);
        writer.WriteDecimal("max", workplace.RatingScale.Max);
        writer.WriteEndObject();
        writer.WriteArray("skills", workplace.Skills, WriteSkill);
        writer.WriteArray("tasks", workplace.Tasks, WriteTask);
        writer.WriteArray("workers", workplace.Workers, WriteWorker);
        writer.WriteStartObject("rules");
        if (workplace.Rules.MaxTasksPerWorker is { } maxTasks)
        {
            writer.WriteNumber("maxTasksPerWorker", maxTasks);
        }

        writer.WriteBoolean("allowTraining", workplace.Rules.AllowTraining);
        writer.WriteEndObject();
        writer.WriteStartObject("weights");
        writer.WriteDecimal("empowerment", workplace.Weights.Empowerment);
        writer.WriteDecimal("desirability", workplace.Weights.Desirability);
        writer.WriteEndObject();
        if (!workplace.Rotation.IsEmpty)
        {
            WriteRotation(writer, workplace.Rotation);
        }

        writer.WriteEndObject();
    }

    private static void WriteRotation(Utf8JsonWriter writer, RotationRules rotation)
    {
        writer.WriteStartObject("rotation");
        writer.WriteArray("serviceLimits", rotation.ServiceLimits, (w, limit) =>
        {
            w.WriteStartObject();
            w.WriteOptionalString("name", limit.Name);
            w.WriteStartArray("tasks");
            foreach (var task in limit.Tasks)
            {
                w.WriteStringValue(task);
            }

            w.WriteEndArray();
            w.WriteNumber("maxConsecutivePeriods", limit.MaxConsecutivePeriods);
            w.WriteEndObject();
        });
        if (rotation.MinStayPeriods is { } stay)
        {
            writer.WriteNumber("minStayPeriods", stay);
        }

        if (rotation.PeriodTolerance is { } tolerance)
        {
            writer.WriteDecimal("periodTolerance", tolerance);
        }

        writer.WriteArray("periods", rotation.Periods, (w, change) =>
        {
            w.WriteStartObject();
            WriteHoursById(w, "tasks", change.Tasks);
            WriteHoursById(w, "workers", change.Workers);
            w.WriteEndObject();
        });
        writer.WriteEndObject();
    }

    private static void WriteSkill(Utf8JsonWriter writer, Skill skill)
    {
        writer.WriteStartObject();
        writer.WriteString("id", skill.Id);
        writer.WriteOptionalString("name", skill.Name);
        writer.WriteDecimal("trainingHours", skill.TrainingHours);
        writer.WriteEndObject();
    }

    private static void WriteTask(Utf8JsonWriter writer, WorkTask task)
    {
        writer.WriteStartObject();
        writer.WriteString("id", task.Id);
        writer.WriteOptionalString("name", task.Name);
        writer.WriteDecimal("hours", task.Hours);
        writer.WriteDecimal("empowerment", task.Empowerment);
        writer.WriteDecimal("desirability", task.Desirability);
        writer.WriteOptionalString("skill", task.Skill);
        if (task.MinChunk is { } minChunk)
        {
            writer.WriteDecimal("minChunk", minChunk);
        }

        if (task.MaxPerWorker is { } maxPerWorker)
        {
            writer.WriteDecimal("maxPerWorker", maxPerWorker);
        }

        writer.WriteEndObject();
    }

    private static void WriteWorker(Utf8JsonWriter writer, Worker worker)
    {
        writer.WriteStartObject();
        writer.WriteString("id", worker.Id);
        writer.WriteOptionalString("name", worker.Name);
        writer.WriteDecimal("hours", worker.Hours);
        if (worker.Skills.Count > 0)
        {
            writer.WriteStrings("skills", worker.Skills);
        }

        WriteHoursById(writer, "current", worker.Current);
        WriteHoursById(writer, "fixed", worker.Fixed);
        if (worker.Excluded.Count > 0)
        {
            writer.WriteStrings("excluded", worker.Excluded);
        }

        writer.WriteEndObject();
    }

    private static void WriteHoursById(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, decimal> hours)
    {
        if (hours.Count == 0)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (task, value) in hours)
        {
            writer.WriteDecimal(task, value);
        }

        writer.WriteEndObject();
    }
}
