using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Domain;

/// <summary>
/// Finds every problem with a workplace at once, each with the JSON path of the field and its value, so that a
/// council can mend its file in one go.
/// </summary>
internal static class WorkplaceValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Workplace workplace)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(path, message));

        RequireId(workplace.Id, "id", Add);
        var unit = workplace.HourUnit;
        if (unit <= 0)
        {
            Add("hourUnit", $"{Format(unit)} must be positive");
        }

        var scale = workplace.RatingScale ?? RatingScale.Default;
        var endsFit = CheckLimited(scale.Min, "ratingScale.min", -MaxRating, MaxRating, add: Add)
            & CheckLimited(scale.Max, "ratingScale.max", -MaxRating, MaxRating, add: Add);
        if (endsFit && scale.Min >= scale.Max)
        {
            Add("ratingScale", $"min {Format(scale.Min)} must be below max {Format(scale.Max)}");
        }

        // Ratings are judged only against a scale that is itself valid: a wrong scale is one problem, not one per rating.
        var scaleValid = endsFit && scale.Min < scale.Max;

        var skillIds = CheckSkills(workplace.Skills, Add);
        var taskIds = CheckTasks(workplace, unit, scaleValid ? scale : null, skillIds, Add);
        CheckWorkers(workplace, unit, skillIds, taskIds, Add);
        CheckFixedHoursPerTask(workplace, taskIds, Add);
        CheckTotals(workplace, Add);
        CheckRulesAndWeights(workplace, Add);
        RotationValidator.Check(workplace, unit, taskIds, Add);
        return problems;
    }

    private static Dictionary<string, Skill> CheckSkills(IReadOnlyList<Skill> skills, Action<string, string> add)
    {
        var byId = new Dictionary<string, Skill>(StringComparer.Ordinal);
        for (var i = 0; i < skills.Count; i++)
        {
            var path = $"skills[{i}]";
            var skill = skills[i];
            if (skill is null)
            {
                add(path, "must not be null");
                continue;
            }

            if (RequireId(skill.Id, path + ".id", add) && !byId.TryAdd(skill.Id, skill))
            {
                add(path + ".id", $"duplicate skill id \"{skill.Id}\"");
            }

            if (skill.TrainingHours < 0)
            {
                add(path + ".trainingHours", $"{Format(skill.TrainingHours)} must not be negative");
            }
            else
            {
                CheckLimited(skill.TrainingHours, path + ".trainingHours", 0, MaxUnits, add);
            }
        }

        return byId;
    }

    private static Dictionary<string, WorkTask> CheckTasks(
        Workplace workplace, decimal unit, RatingScale? scale, Dictionary<string, Skill> skillIds, Action<string, string> add)
    {
        var byId = new Dictionary<string, WorkTask>(StringComparer.Ordinal);
        var tasks = workplace.Tasks;
        if (tasks.Count == 0)
        {
            add("tasks", "a workplace needs at least one task");
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            var path = $"tasks[{i}]";
            var task = tasks[i];
            if (task is null)
            {
                add(path, "must not be null");
                continue;
            }

            if (RequireId(task.Id, path + ".id", add) && !byId.TryAdd(task.Id, task))
            {
                add(path + ".id", $"duplicate task id \"{task.Id}\"");
            }

            CheckHours(task.Hours, path + ".hours", unit, add);
            if (scale is not null)
            {
                CheckRating(task.Empowerment, path + ".empowerment", scale, add);
                CheckRating(task.Desirability, path + ".desirability", scale, add);
            }
            if (task.Skill is not null && !skillIds.ContainsKey(task.Skill))
            {
                add(path + ".skill", Unknown("skill", task.Skill, skillIds.Keys));
            }

            if (task.MinChunk is { } chunk)
            {
                if (CheckHours(chunk, path + ".minChunk", unit, add) && chunk > task.Hours && task.Hours > 0)
                {
                    add(path + ".minChunk", $"{Format(chunk)} is above the task's {Hours(task.Hours)}");
                }
            }

            if (task.MaxPerWorker is { } limit
                && CheckHours(limit, path + ".maxPerWorker", unit, add)
                && task.MinChunk is { } minChunk && limit < minChunk)
            {
                add(path + ".maxPerWorker", $"{Format(limit)} is below the task's minChunk {Format(minChunk)}, so nobody could hold it");
            }
        }

        return byId;
    }

    private static void CheckWorkers(
        Workplace workplace, decimal unit, Dictionary<string, Skill> skillIds, Dictionary<string, WorkTask> taskIds,
        Action<string, string> add)
    {
        var workers = workplace.Workers;
        if (workers.Count == 0)
        {
            add("workers", "a workplace needs at least one worker");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < workers.Count; i++)
        {
            var path = $"workers[{i}]";
            var worker = workers[i];
            if (worker is null)
            {
                add(path, "must not be null");
                continue;
            }

            if (RequireId(worker.Id, path + ".id", add) && !seen.Add(worker.Id))
            {
                add(path + ".id", $"duplicate worker id \"{worker.Id}\"");
            }

            CheckHours(worker.Hours, path + ".hours", unit, add);
            var skills = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < worker.Skills.Count; s++)
            {
                var skill = worker.Skills[s];
                if (!skillIds.ContainsKey(skill ?? ""))
                {
                    add($"{path}.skills[{s}]", Unknown("skill", skill, skillIds.Keys));
                }
                else if (!skills.Add(skill!))
                {
                    add($"{path}.skills[{s}]", $"skill \"{skill}\" is listed twice");
                }
            }

            foreach (var (task, hours) in worker.Current)
            {
                var entry = $"{path}.current.{task}";
                if (!taskIds.ContainsKey(task))
                {
                    add(entry, Unknown("task", task, taskIds.Keys));
                }
                else if (hours < 0)
                {
                    add(entry, $"{Format(hours)} must not be negative");
                }
                else if (!IsMultipleOf(hours, unit) && unit > 0)
                {
                    add(entry, $"{Format(hours)} is not a multiple of the hour unit {Format(unit)}");
                }
            }

            var fixedHours = new List<decimal>();
            foreach (var (task, hours) in worker.Fixed)
            {
                var entry = $"{path}.fixed.{task}";
                if (!taskIds.TryGetValue(task, out var fixedTask))
                {
                    add(entry, Unknown("task", task, taskIds.Keys));
                    continue;
                }

                if (!CheckHours(hours, entry, unit, add))
                {
                    continue;
                }

                fixedHours.Add(hours);
                // A task without positive hours is reported on its own; measured against it, every fixed hour would be too many.
                if (hours > fixedTask.Hours && fixedTask.Hours > 0)
                {
                    add(entry, $"{Hours(hours)} is above the task's {Hours(fixedTask.Hours)}");
                }

                if (fixedTask.MaxPerWorker is { } limit && hours > limit && limit > 0)
                {
                    add(entry, $"{Hours(hours)} is above the task's maxPerWorker {Hours(limit)}");
                }

                if (worker.Excluded.Contains(task))
                {
                    add(entry, $"task \"{task}\" is both fixed and excluded");
                }

                if (fixedTask.Skill is { } skill && !workplace.Rules.AllowTraining && !skills.Contains(skill))
                {
                    add(entry, $"the worker lacks skill \"{skill}\" and training is off");
                }
            }

            if (SafeSum(fixedHours) is { } fixedTotal && fixedTotal > worker.Hours && worker.Hours > 0)
            {
                add(path + ".fixed", $"{Hours(fixedTotal)} in all is above the worker's {Hours(worker.Hours)}");
            }

            for (var e = 0; e < worker.Excluded.Count; e++)
            {
                var task = worker.Excluded[e];
                if (!taskIds.ContainsKey(task ?? ""))
                {
                    add($"{path}.excluded[{e}]", Unknown("task", task, taskIds.Keys));
                }
            }
        }
    }

    private static void CheckFixedHoursPerTask(Workplace workplace, Dictionary<string, WorkTask> taskIds, Action<string, string> add)
    {
        for (var i = 0; i < workplace.Tasks.Count; i++)
        {
            var task = workplace.Tasks[i];
            if (task is null || taskIds.GetValueOrDefault(task.Id) != task)
            {
                continue;
            }

            var fixedHours = SafeSum(workplace.Workers.Where(w => w is not null)
                .Select(w => w.Fixed.TryGetValue(task.Id, out var h) && h > 0 ? h : 0));
            if (fixedHours is { } fixedInTask && fixedInTask > task.Hours && task.Hours > 0)
            {
                add($"tasks[{i}].hours", $"{Hours(task.Hours)} is below the {Hours(fixedInTask)} that workers have fixed in it");
            }
        }
    }

    private static void CheckTotals(Workplace workplace, Action<string, string> add)
    {
        if (SafeSum(workplace.Tasks.Where(t => t is not null).Select(t => t.Hours > 0 ? t.Hours : 0)) is not { } taskHours
            || SafeSum(workplace.Workers.Where(w => w is not null).Select(w => w.Hours > 0 ? w.Hours : 0)) is not { } workerHours)
        {
            add("", "the hours are too large to add up; use smaller figures or a larger hourUnit");
            return;
        }

        if (taskHours != workerHours && workplace.Tasks.Count > 0 && workplace.Workers.Count > 0)
        {
            var difference = taskHours - workerHours;
            add("", difference > 0
                ? $"the tasks need {Hours(taskHours)} but the workers have {Hours(workerHours)}: {Hours(difference)} more than the workers have"
                : $"the tasks need {Hours(taskHours)} but the workers have {Hours(workerHours)}: {Hours(-difference)} fewer than the workers have");
        }

        if (workplace.HourUnit > 0 && InUnits(taskHours, workplace.HourUnit) is var units && (units is null || units > MaxUnits))
        {
            var count = units is { } u ? Format(u) : "more";
            add("tasks", $"{Hours(taskHours)} in all is {count} hour units, above the {MaxUnits} the solvers accept; use a larger hourUnit");
        }
    }

    private static void CheckRulesAndWeights(Workplace workplace, Action<string, string> add)
    {
        if (workplace.Rules?.MaxTasksPerWorker is { } maxTasks && maxTasks < 1)
        {
            add("rules.maxTasksPerWorker", $"{maxTasks} must be at least 1");
        }

        var weights = workplace.Weights ?? ObjectiveWeights.Default;
        CheckWeight(weights.Empowerment, "weights.empowerment", add);
        CheckWeight(weights.Desirability, "weights.desirability", add);
        if (weights.Empowerment == 0 && weights.Desirability == 0)
        {
            add("weights", "at least one weight must be positive");
        }
    }

    private static void CheckWeight(decimal weight, string path, Action<string, string> add)
    {
        if (weight < 0)
        {
            add(path, $"{Format(weight)} must not be negative");
        }
        else
        {
            CheckLimited(weight, path, 0, 1000, add);
        }
    }

    /// <summary>
    /// Checks a figure the solvers scale to whole numbers: within <paramref name="min"/>–<paramref name="max"/>, with at
    /// most <see cref="MaxRatingDecimals"/> decimals; <see langword="true"/> when it is fine.
    /// </summary>
    private static bool CheckLimited(decimal value, string path, decimal min, decimal max, Action<string, string> add)
    {
        if (value >= min && value <= max && Decimals(value) <= MaxRatingDecimals)
        {
            return true;
        }

        var range = min == 0 ? $"at most {Format(max)}" : $"between {Format(min)} and {Format(max)}";
        add(path, $"{Format(value)} must be {range} with at most {MaxRatingDecimals} decimals");
        return false;
    }

    private static bool RequireId(string? id, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            add(path, "is missing");
            return false;
        }

        return true;
    }

    /// <summary>Checks a positive hour figure on the unit grid; <see langword="true"/> when it is fine.</summary>
    private static bool CheckHours(decimal hours, string path, decimal unit, Action<string, string> add)
    {
        if (hours <= 0)
        {
            add(path, $"{Format(hours)} must be positive");
            return false;
        }

        if (unit > 0 && !IsMultipleOf(hours, unit))
        {
            add(path, $"{Format(hours)} is not a multiple of the hour unit {Format(unit)}");
            return false;
        }

        if (unit > 0 && InUnits(hours, unit) is var units && (units is null || units > MaxUnits))
        {
            add(path, $"{Format(hours)} is {(units is { } u ? Format(u) : "more")} hour units, above the {MaxUnits} the solvers accept");
            return false;
        }

        return true;
    }

    private static void CheckRating(decimal rating, string path, RatingScale scale, Action<string, string> add)
    {
        if (!scale.Contains(rating))
        {
            add(path, $"{Format(rating)} is outside the rating scale {Format(scale.Min)}–{Format(scale.Max)}");
        }
        else if (Decimals(rating) > MaxRatingDecimals)
        {
            add(path, $"{Format(rating)} has more than {MaxRatingDecimals} decimals");
        }
    }

    internal static string Unknown(string kind, string? id, IEnumerable<string> known)
    {
        var message = $"unknown {kind} \"{id}\"";
        var suggestion = Suggestions.Closest(id ?? "", known);
        return suggestion is null ? message : $"{message} (did you mean \"{suggestion}\"?)";
    }
}
