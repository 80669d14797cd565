using System.Text.Json;
using JobBalancing.Analysis;
using JobBalancing.Diagnostics;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.IO;

/// <summary>
/// Reads a result JSON back: the workplace from its <c>input</c>, the plan's hours from <c>jobs</c>, recomputed exactly
/// with <see cref="PlanEvaluator"/>; the status, bound and explanations as written. Figures derived from the hours
/// (scores, deviations, costs, metrics) are not read: they are recomputed.
/// </summary>
internal sealed class ResultJsonReader
{
    private static readonly string[] ResultProperties =
    [
        "format", "workplace", "status", "explanation", "conflictingRules", "problems", "objective", "boundSource", "gap",
        "averages", "jobs", "costs", "violations", "metrics", "solveSeconds", "input",
    ];

    private readonly List<ValidationProblem> _problems = [];

    public static ResultFile Read(string json)
    {
        using var document = WorkplaceJsonReader.Parse(json, "a result");
        return new ResultJsonReader().Read(document.RootElement);
    }

    private ResultFile Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("", "expected an object, got " + (root.ValueKind == JsonValueKind.Array ? "an array" : root.GetRawText()));
        }

        // A text of another format, or of none, is read no further: its fields may mean other things.
        var format = root.TryGetProperty("format", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (format != ResultJson.FormatName)
        {
            throw Invalid("format", format is null
                ? $"is missing; expected \"{ResultJson.FormatName}\", as jobbalancing solve writes it"
                : $"unsupported format \"{format}\"; this version reads \"{ResultJson.FormatName}\"");
        }

        foreach (var property in root.EnumerateObject().Where(p => !ResultProperties.Contains(p.Name, StringComparer.Ordinal)))
        {
            Report(property.Name, Suggestions.Closest(property.Name, ResultProperties) is { } s
                ? $"unknown property (did you mean \"{s}\"?)"
                : "unknown property");
        }

        var workplace = ReadInput(root);
        var status = ReadStatus(root);
        var hours = workplace is null ? null : ReadJobs(root, workplace);
        var bound = root.TryGetProperty("objective", out var objective) && objective.ValueKind == JsonValueKind.Object
            ? Number(objective, "bound", "objective.bound") ?? 0
            : Missing("objective", 0m);
        var result = new BalancingResult
        {
            Status = status ?? SolveStatus.Unknown,
            Bound = bound,
            BoundSource = String(root, "boundSource", required: false) ?? "trivial",
            Explanation = String(root, "explanation", required: false),
            ConflictingRules = ReadRules(root),
            Problems = ReadProblems(root),
            SolveTime = TimeSpan.FromSeconds((double)(Number(root, "solveSeconds", "solveSeconds") ?? 0)),
        };

        Plan? plan = null;
        // Recomputed only from hours read without a problem: otherwise every rule they break would echo one.
        if (_problems.Count == 0 && workplace is not null && hours is not null && status is SolveStatus.Optimal or SolveStatus.Feasible)
        {
            plan = PlanEvaluator.Evaluate(workplace, hours);
            foreach (var violation in plan.Violations)
            {
                Report("jobs", $"the hours break a rule: {violation}");
            }
        }

        if (_problems.Count > 0)
        {
            throw new InvalidWorkplaceException(_problems);
        }

        return new ResultFile(workplace!, result with { Plan = plan });
    }

    private Workplace? ReadInput(JsonElement root)
    {
        if (!root.TryGetProperty("input", out var input))
        {
            Report("input", "is missing: only a result written with its workplace (as jobbalancing solve writes it) can be read back");
            return null;
        }

        try
        {
            return WorkplaceJsonReader.Read(input.GetRawText());
        }
        catch (InvalidWorkplaceException e)
        {
            _problems.AddRange(e.Problems.Select(p => p with { Path = JsonFields.Join("input", p.Path) }));
            return null;
        }
    }

    private SolveStatus? ReadStatus(JsonElement root)
    {
        var text = String(root, "status", required: true);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse<SolveStatus>(text, ignoreCase: false, out var status) && Enum.IsDefined(status) && !char.IsDigit(text[0]))
        {
            return status;
        }

        Report("status", $"unknown status \"{text}\"; expected one of {string.Join(", ", Enum.GetNames<SolveStatus>())}");
        return null;
    }

    /// <summary>The hours per worker and task of <c>jobs</c>, every worker and task checked against the workplace.</summary>
    private Dictionary<string, IReadOnlyDictionary<string, decimal>>? ReadJobs(JsonElement root, Workplace workplace)
    {
        if (!root.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
        {
            return Missing<Dictionary<string, IReadOnlyDictionary<string, decimal>>?>("jobs", null, "an array of jobs");
        }

        var workers = workplace.Workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = workplace.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var hours = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        var index = 0;
        foreach (var job in jobs.EnumerateArray())
        {
            var path = $"jobs[{index++}]";
            if (job.ValueKind != JsonValueKind.Object)
            {
                Report(path, "expected an object");
                continue;
            }

            var worker = String(job, "worker", required: true, path + ".worker");
            if (worker is null)
            {
                continue;
            }

            if (!workers.Contains(worker))
            {
                Report(path + ".worker", Unknown("worker", worker, workers));
                continue;
            }

            var taskHours = new Dictionary<string, decimal>(StringComparer.Ordinal);
            if (!hours.TryAdd(worker, taskHours))
            {
                Report(path + ".worker", $"worker \"{worker}\" has more than one job");
            }

            if (!job.TryGetProperty("tasks", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                Report(path + ".tasks", "expected an array of { task, hours }");
                continue;
            }

            var t = 0;
            foreach (var item in list.EnumerateArray())
            {
                var itemPath = $"{path}.tasks[{t++}]";
                var task = item.ValueKind == JsonValueKind.Object ? String(item, "task", required: true, itemPath + ".task") : null;
                var value = item.ValueKind == JsonValueKind.Object ? Number(item, "hours", itemPath + ".hours", required: true) : null;
                if (item.ValueKind != JsonValueKind.Object)
                {
                    Report(itemPath, "expected an object { task, hours }");
                }
                else if (task is not null && !tasks.Contains(task))
                {
                    Report(itemPath + ".task", Unknown("task", task, tasks));
                }
                else if (task is not null && value is { } h && !taskHours.TryAdd(task, h))
                {
                    Report(itemPath + ".task", $"task \"{task}\" appears more than once");
                }
            }
        }

        return hours;
    }

    private List<ConflictingRule> ReadRules(JsonElement root)
    {
        var rules = new List<ConflictingRule>();
        if (!root.TryGetProperty("conflictingRules", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return rules;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"conflictingRules[{index++}]";
            var kind = item.ValueKind == JsonValueKind.Object ? String(item, "rule", required: true, path + ".rule") : null;
            if (kind is null || !Enum.TryParse<RuleKind>(kind, ignoreCase: true, out var ruleKind) || char.IsDigit(kind[0]))
            {
                Report(path + ".rule", $"unknown rule \"{kind}\"");
                continue;
            }

            rules.Add(new ConflictingRule(
                ruleKind, String(item, "task", false, path + ".task"), String(item, "worker", false, path + ".worker"),
                String(item, "skill", false, path + ".skill"), String(item, "description", true, path + ".description") ?? ""));
        }

        return rules;
    }

    private List<ValidationProblem> ReadProblems(JsonElement root)
    {
        var problems = new List<ValidationProblem>();
        if (!root.TryGetProperty("problems", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return problems;
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"problems[{index++}]";
            if (item.ValueKind == JsonValueKind.Object
                && String(item, "path", true, path + ".path") is { } problemPath
                && String(item, "message", true, path + ".message") is { } message)
            {
                problems.Add(new ValidationProblem(problemPath, message));
            }
        }

        return problems;
    }

    private string? String(JsonElement parent, string name, bool required, string? path = null)
    {
        path ??= name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? Missing<string?>(path, null) : null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Report(path, $"expected a string, got {Shorten(value)}");
        return null;
    }

    private decimal? Number(JsonElement parent, string name, string path, bool required = false)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? Missing<decimal?>(path, null) : null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        Report(path, $"expected a number, got {Shorten(value)}");
        return null;
    }

    private T Missing<T>(string path, T placeholder, string? expected = null)
    {
        Report(path, expected is null ? "is missing" : $"is missing; expected {expected}");
        return placeholder;
    }

    private void Report(string path, string message) => _problems.Add(new ValidationProblem(path, message));

    private static string Unknown(string kind, string id, IEnumerable<string> known) =>
        Suggestions.Closest(id, known) is { } s ? $"unknown {kind} \"{id}\" (did you mean \"{s}\"?)" : $"unknown {kind} \"{id}\"";

    private static string Shorten(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText() is { Length: > 40 } text ? text[..37] + "..." : value.GetRawText(),
    };

    private static InvalidWorkplaceException Invalid(string path, string message) => new([new ValidationProblem(path, message)]);
}
