using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO.Csv;

namespace JobBalancing.IO;

/// <summary>
/// Reads and writes a workplace as a folder of CSV tables, as councils keep them in spreadsheets: <c>tasks.csv</c>,
/// <c>workers.csv</c> and optionally <c>current.csv</c>, <c>fixed.csv</c>, <c>excluded.csv</c>, <c>skills.csv</c> and
/// <c>workplace.csv</c> (settings). docs/inputs.md gives their columns.
/// </summary>
/// <remarks>
/// Reading accepts what spreadsheets export: commas, or semicolons with decimal commas; quoted fields (RFC 4180); a
/// byte-order mark; column names in any case and order. Every problem is reported at once, each naming the file, the
/// line and the column, and the value; the workplace's own checks are reported at the same places.
/// </remarks>
public static class WorkplaceCsv
{
    /// <summary>The tables a folder must hold.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } = [Tasks, Workers];

    private const string Settings = "workplace.csv";
    private const string SkillsFile = "skills.csv";
    private const string Tasks = "tasks.csv";
    private const string Workers = "workers.csv";
    private const string Current = "current.csv";
    private const string FixedFile = "fixed.csv";
    private const string ExcludedFile = "excluded.csv";

    private static readonly string[] TableNames = [Settings, SkillsFile, Tasks, Workers, Current, FixedFile, ExcludedFile];

    private static readonly string[] SettingsColumns = ["setting", "value"];
    private static readonly string[] SettingNames =
        ["id", "name", "region", "enterprise", "hourUnit", "ratingMin", "ratingMax", "maxTasksPerWorker", "allowTraining", "weightEmpowerment", "weightDesirability"];

    private static readonly string[] SkillColumns = ["id", "name", "trainingHours"];
    private static readonly string[] TaskColumns = ["id", "name", "hours", "empowerment", "desirability", "skill", "minChunk", "maxPerWorker"];
    private static readonly string[] WorkerColumns = ["id", "name", "hours", "skills"];
    private static readonly string[] HoursColumns = ["worker", "task", "hours"];
    private static readonly string[] PairColumns = ["worker", "task"];

    /// <summary>Reads the workplace in the folder <paramref name="folder"/> and validates it.</summary>
    /// <param name="folder">The folder with the tables.</param>
    /// <returns>The workplace; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">A table is missing or unreadable, or has problems; all are listed.</exception>
    public static Workplace ReadFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new InvalidWorkplaceException([new ValidationProblem("", $"the folder \"{folder}\" does not exist")]);
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<ValidationProblem>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            try
            {
                files[name] = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new ValidationProblem(name, $"cannot read \"{path}\": {e.Message}"));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidWorkplaceException(problems);
        }

        return Read(files, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));
    }

    /// <summary>Reads a workplace from the text of its tables and validates it.</summary>
    /// <param name="files">The tables' text by file name (<c>tasks.csv</c>, ...).</param>
    /// <param name="defaultId">The workplace's id when <c>workplace.csv</c> does not give one.</param>
    /// <returns>The workplace; it is valid.</returns>
    /// <exception cref="InvalidWorkplaceException">The tables have problems; all are listed, each with file, line, column and value.</exception>
    public static Workplace Read(IReadOnlyDictionary<string, string> files, string defaultId = "workplace")
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(defaultId);
        return new Reader(files).Read(defaultId);
    }

    /// <summary>Writes a workplace as tables, by file name; reading them back gives an equal workplace.</summary>
    /// <param name="workplace">The workplace.</param>
    /// <param name="separator"><c>,</c> (numbers with a decimal point) or <c>;</c> (numbers with a decimal comma, as European spreadsheets want).</param>
    /// <returns>The text of each table: <c>workplace.csv</c>, <c>tasks.csv</c> and <c>workers.csv</c> always, the others when they have rows.</returns>
    public static IReadOnlyDictionary<string, string> Write(Workplace workplace, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentOutOfRangeException.ThrowIfNotEqual(separator is ',' or ';', true, nameof(separator));
        string N(decimal value) => CsvTable.Format(value, separator);
        string Optional(decimal? value) => value is { } v ? N(v) : "";
        string Table(string[] header, IEnumerable<string[]> rows) => CsvTable.Write(separator, rows.Prepend(header));

        var files = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Settings] = Table(SettingsColumns, SettingsRows(workplace, N).Where(r => r[1].Length > 0)),
        };
        if (workplace.Skills.Count > 0)
        {
            files[SkillsFile] = Table(SkillColumns, workplace.Skills.Select(s => new[] { s.Id, s.Name ?? "", N(s.TrainingHours) }));
        }

        files[Tasks] = Table(TaskColumns, workplace.Tasks.Select(t => new[]
        {
            t.Id, t.Name ?? "", N(t.Hours), N(t.Empowerment), N(t.Desirability), t.Skill ?? "", Optional(t.MinChunk), Optional(t.MaxPerWorker),
        }));
        files[Workers] = Table(WorkerColumns, workplace.Workers.Select(w => new[] { w.Id, w.Name ?? "", N(w.Hours), string.Join(", ", w.Skills) }));
        AddIfAny(files, Current, Table(HoursColumns, workplace.Workers.SelectMany(w => w.Current.Select(c => new[] { w.Id, c.Key, N(c.Value) }))));
        AddIfAny(files, FixedFile, Table(HoursColumns, workplace.Workers.SelectMany(w => w.Fixed.Select(c => new[] { w.Id, c.Key, N(c.Value) }))));
        AddIfAny(files, ExcludedFile, Table(PairColumns, workplace.Workers.SelectMany(w => w.Excluded.Select(t => new[] { w.Id, t }))));
        return files;
    }

    private static IEnumerable<string[]> SettingsRows(Workplace workplace, Func<decimal, string> number)
    {
        string?[] values =
        [
            workplace.Id, workplace.Name, workplace.Region, workplace.Enterprise, number(workplace.HourUnit),
            number(workplace.RatingScale.Min), number(workplace.RatingScale.Max),
            workplace.Rules.MaxTasksPerWorker?.ToString(CultureInfo.InvariantCulture), workplace.Rules.AllowTraining ? "true" : "false",
            number(workplace.Weights.Empowerment), number(workplace.Weights.Desirability),
        ];
        return SettingNames.Select((name, i) => new[] { name, values[i] ?? "" });
    }

    private static void AddIfAny(Dictionary<string, string> files, string name, string table)
    {
        if (table.Count(c => c == '\n') > 1)
        {
            files[name] = table;
        }
    }

    /// <summary>Reads the tables, collecting problems, and remembers where each part of the workplace came from.</summary>
    private sealed class Reader(IReadOnlyDictionary<string, string> files)
    {
        private readonly List<ValidationProblem> _problems = [];

        /// <summary>The places of cells that could not be read, read as placeholders.</summary>
        private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

        /// <summary>JSON paths of the workplace (<c>tasks[2]</c>) and the CSV places they came from, for the validator's problems.</summary>
        private readonly Dictionary<string, string> _places = new(StringComparer.Ordinal) { ["tasks"] = Tasks, ["workers"] = Workers };

        public Workplace Read(string defaultId)
        {
            foreach (var name in files.Keys.Where(n => !TableNames.Contains(n, StringComparer.Ordinal)))
            {
                _problems.Add(new ValidationProblem(name, Suggestions.Closest(name, TableNames) is { } table
                    ? $"unknown table (did you mean \"{table}\"?)"
                    : $"unknown table; expected {string.Join(", ", TableNames)}"));
            }

            foreach (var missing in RequiredFiles.Where(f => !files.ContainsKey(f)))
            {
                _problems.Add(new ValidationProblem(missing, "the table is missing"));
                _unreadable.Add(missing);
            }

            var workplace = ReadSettings(defaultId);
            var tasks = ReadTasks();
            var skills = ReadSkills(tasks);
            var workers = ReadWorkers();
            ReadHours(Current, workers, "current", (w, hours) => w.Current = hours);
            ReadHours(FixedFile, workers, "fixed", (w, hours) => w.Fixed = hours);
            ReadExcluded(workers);
            workplace = workplace with
            {
                Skills = skills,
                Tasks = tasks,
                Workers = [.. workers.Select(w => w.Build())],
            };

            // What the validator says about a cell that could not be read only echoes its placeholder; the totals are
            // sums of placeholders when any cell could not be read.
            _problems.AddRange(workplace.Validate().Select(Locate)
                .Where(p => !_unreadable.Any(cell => p.Path.StartsWith(cell, StringComparison.Ordinal)) && (p.Path.Length > 0 || _unreadable.Count == 0)));

            return _problems.Count == 0 ? workplace : throw new InvalidWorkplaceException(_problems);
        }

        private Workplace ReadSettings(string defaultId)
        {
            var workplace = new Workplace { Id = defaultId };
            if (Table(Settings, SettingsColumns, []) is not { } table)
            {
                return workplace;
            }

            var values = new Dictionary<string, CsvCell>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in table.Records)
            {
                var setting = record["setting"];
                var name = setting.Text.Trim();
                if (!SettingNames.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    var suggestion = Suggestions.Closest(name, SettingNames);
                    _problems.Add(new ValidationProblem(setting.Path, $"unknown setting \"{name}\"" + (suggestion is null ? $"; expected one of {string.Join(", ", SettingNames)}" : $" (did you mean \"{suggestion}\"?)")));
                }
                else if (!values.TryAdd(name, record["value"]))
                {
                    _problems.Add(new ValidationProblem(setting.Path, $"setting \"{name}\" appears more than once"));
                }
                else
                {
                    _places[SettingPath(name)] = record["value"].Path;
                }
            }

            string? Text(string name) => values.TryGetValue(name, out var cell) && cell.Text.Trim().Length > 0 ? cell.Text.Trim() : null;
            decimal? SettingNumber(string name) => Text(name) is null ? null : Number(table, values[name]);
            var allowTraining = Text("allowTraining") is { } flag ? Boolean(values["allowTraining"], flag) : false;
            var maxTasks = Text("maxTasksPerWorker") is { } max ? Integer(values["maxTasksPerWorker"], max) : null;
            return workplace with
            {
                Id = Text("id") ?? defaultId,
                Name = Text("name"),
                Region = Text("region"),
                Enterprise = Text("enterprise"),
                HourUnit = SettingNumber("hourUnit") ?? 1,
                RatingScale = new RatingScale(SettingNumber("ratingMin") ?? RatingScale.Default.Min, SettingNumber("ratingMax") ?? RatingScale.Default.Max),
                Rules = new WorkplaceRules { MaxTasksPerWorker = maxTasks, AllowTraining = allowTraining },
                Weights = new ObjectiveWeights(SettingNumber("weightEmpowerment") ?? 1, SettingNumber("weightDesirability") ?? 1),
            };
        }

        private static string SettingPath(string name) => name.ToLowerInvariant() switch
        {
            "ratingmin" or "ratingmax" => "ratingScale",
            "maxtasksperworker" => "rules.maxTasksPerWorker",
            "weightempowerment" => "weights.empowerment",
            "weightdesirability" => "weights.desirability",
            "hourunit" => "hourUnit",
            _ => name,
        };

        private List<Skill> ReadSkills(List<WorkTask> tasks)
        {
            if (Table(SkillsFile, ["id"], ["name", "trainingHours"]) is not { } table)
            {
                // Without a skills table, the skills are those the tasks need, learnt at no recorded cost.
                return [.. tasks.Select(t => t.Skill).OfType<string>().Distinct(StringComparer.Ordinal).Select(id => new Skill { Id = id })];
            }

            return [.. table.Records.Select((record, i) =>
            {
                Place($"skills[{i}]", record);
                return new Skill
                {
                    Id = record["id"].Text.Trim(),
                    Name = Optional(record["name"]),
                    TrainingHours = OptionalNumber(table, record["trainingHours"]) ?? 0,
                };
            })];
        }

        private List<WorkTask> ReadTasks()
        {
            if (Table(Tasks, ["id", "hours", "empowerment", "desirability"], ["name", "skill", "minChunk", "maxPerWorker"]) is not { } table)
            {
                return [];
            }

            return [.. table.Records.Select((record, i) =>
            {
                Place($"tasks[{i}]", record);
                return new WorkTask
                {
                    Id = record["id"].Text.Trim(),
                    Name = Optional(record["name"]),
                    Hours = RequiredNumber(table, record["hours"]),
                    Empowerment = RequiredNumber(table, record["empowerment"]),
                    Desirability = RequiredNumber(table, record["desirability"]),
                    Skill = Optional(record["skill"]),
                    MinChunk = OptionalNumber(table, record["minChunk"]),
                    MaxPerWorker = OptionalNumber(table, record["maxPerWorker"]),
                };
            })];
        }

        private List<WorkerRow> ReadWorkers()
        {
            if (Table(Workers, ["id", "hours"], ["name", "skills"]) is not { } table)
            {
                return [];
            }

            return [.. table.Records.Select((record, i) =>
            {
                Place($"workers[{i}]", record);
                var skills = record["skills"].Text.Split([',', ';', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                for (var s = 0; s < skills.Length; s++)
                {
                    _places[$"workers[{i}].skills[{s}]"] = record["skills"].Path;
                }

                return new WorkerRow(i, new Worker
                {
                    Id = record["id"].Text.Trim(),
                    Name = Optional(record["name"]),
                    Hours = RequiredNumber(table, record["hours"]),
                    Skills = skills,
                });
            })];
        }

        /// <summary>Reads worker–task hours (<c>current.csv</c>, <c>fixed.csv</c>) into the workers they name.</summary>
        private void ReadHours(string file, List<WorkerRow> workers, string field, Action<WorkerRow, Dictionary<string, decimal>> set)
        {
            if (Table(file, HoursColumns, []) is not { } table)
            {
                return;
            }

            var hours = workers.ToDictionary(w => w, _ => new Dictionary<string, decimal>(StringComparer.Ordinal));
            foreach (var record in table.Records)
            {
                if (FindWorker(workers, record) is not { } worker)
                {
                    continue;
                }

                var task = record["task"].Text.Trim();
                var value = RequiredNumber(table, record["hours"]);
                if (!hours[worker].TryAdd(task, value))
                {
                    _problems.Add(new ValidationProblem(record.Path, $"worker \"{worker.Worker.Id}\" and task \"{task}\" appear more than once"));
                    continue;
                }

                _places[$"workers[{worker.Index}].{field}.{task}"] = record["hours"].Path;
            }

            foreach (var (worker, values) in hours)
            {
                set(worker, values);
            }
        }

        private void ReadExcluded(List<WorkerRow> workers)
        {
            if (Table(ExcludedFile, PairColumns, []) is not { } table)
            {
                return;
            }

            foreach (var record in table.Records)
            {
                if (FindWorker(workers, record) is { } worker)
                {
                    _places[$"workers[{worker.Index}].excluded[{worker.Excluded.Count}]"] = record["task"].Path;
                    worker.Excluded.Add(record["task"].Text.Trim());
                }
            }
        }

        private WorkerRow? FindWorker(List<WorkerRow> workers, CsvRecord record)
        {
            var cell = record["worker"];
            var id = cell.Text.Trim();
            if (workers.FirstOrDefault(w => w.Worker.Id == id) is { } worker)
            {
                return worker;
            }

            var suggestion = Suggestions.Closest(id, workers.Select(w => w.Worker.Id));
            _problems.Add(new ValidationProblem(cell.Path, $"unknown worker \"{id}\"" + (suggestion is null ? "" : $" (did you mean \"{suggestion}\"?)")));
            return null;
        }

        private CsvTable? Table(string file, string[] required, string[] optional) =>
            files.TryGetValue(file, out var text) ? CsvTable.Parse(file, text, required, optional, _problems) : null;

        private void Place(string path, CsvRecord record) => _places[path] = record.Path;

        private static string? Optional(CsvCell cell) => cell.Text.Trim() is { Length: > 0 } text ? text : null;

        private decimal? OptionalNumber(CsvTable table, CsvCell cell) => cell.Text.Trim().Length == 0 ? null : Number(table, cell);

        /// <summary>The number in a required cell; 0, reported, when it is missing or not a number (a missing column is reported once, by the header).</summary>
        private decimal RequiredNumber(CsvTable table, CsvCell cell)
        {
            if (cell.Text.Trim().Length == 0)
            {
                _unreadable.Add(cell.Path);
                if (table.Has(cell.Column))
                {
                    _problems.Add(new ValidationProblem(cell.Path, "is missing"));
                }

                return 0;
            }

            return Number(table, cell) ?? 0;
        }

        private decimal? Number(CsvTable table, CsvCell cell)
        {
            var number = table.Number(cell, _problems);
            if (number is null)
            {
                _unreadable.Add(cell.Path);
            }

            return number;
        }

        private bool Boolean(CsvCell cell, string text)
        {
            if (bool.TryParse(text, out var value))
            {
                return value;
            }

            _problems.Add(new ValidationProblem(cell.Path, $"expected true or false, got \"{text}\""));
            return false;
        }

        private int? Integer(CsvCell cell, string text)
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            _problems.Add(new ValidationProblem(cell.Path, $"expected a whole number, got \"{text}\""));
            return null;
        }

        /// <summary>
        /// The validator's problem at the CSV place its path came from: <c>tasks[2].hours</c> becomes
        /// <c>tasks.csv line 4, hours</c>; a field of the record is named as its column.
        /// </summary>
        private ValidationProblem Locate(ValidationProblem problem)
        {
            var path = problem.Path;
            if (_places.TryGetValue(path, out var exact))
            {
                return problem with { Path = exact };
            }

            var cut = path.LastIndexOf('.');
            if (cut > 0 && _places.TryGetValue(path[..cut], out var record))
            {
                return problem with { Path = $"{record}, {path[(cut + 1)..]}" };
            }

            return problem;
        }
    }

    /// <summary>A worker being read, with the hours and exclusions the other tables add.</summary>
    private sealed class WorkerRow(int index, Worker worker)
    {
        public int Index => index;

        public Worker Worker => worker;

        public Dictionary<string, decimal> Current { get; set; } = [];

        public Dictionary<string, decimal> Fixed { get; set; } = [];

        public List<string> Excluded { get; } = [];

        public Worker Build() => worker with { Current = Current, Fixed = Fixed, Excluded = Excluded };
    }
}
