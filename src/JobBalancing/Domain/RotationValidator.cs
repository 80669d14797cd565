using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Domain;

/// <summary>The checks of a workplace's <see cref="RotationRules"/>, with JSON paths under <c>rotation</c>.</summary>
internal static class RotationValidator
{
    public static void Check(Workplace workplace, decimal unit, IReadOnlyDictionary<string, WorkTask> taskIds, Action<string, string> add)
    {
        var rotation = workplace.Rotation ?? RotationRules.Default;
        for (var i = 0; i < rotation.ServiceLimits.Count; i++)
        {
            var path = $"rotation.serviceLimits[{i}]";
            if (rotation.ServiceLimits[i] is not { } limit)
            {
                add(path, "is missing");
                continue;
            }

            if (limit.MaxConsecutivePeriods < 1)
            {
                add($"{path}.maxConsecutivePeriods", $"{limit.MaxConsecutivePeriods} must be at least 1");
            }

            if (limit.Tasks.Count == 0)
            {
                add($"{path}.tasks", "must name at least one task");
            }

            CheckTaskIds(limit.Tasks.Select((id, j) => (id, $"{path}.tasks[{j}]")), taskIds, add);
        }

        if (rotation.MinStayPeriods is { } stay && stay < 1)
        {
            add("rotation.minStayPeriods", $"{stay} must be at least 1");
        }

        if (rotation.PeriodTolerance is { } tolerance && (tolerance < 0 || Decimals(tolerance) > MaxRatingDecimals))
        {
            add("rotation.periodTolerance", $"{Format(tolerance)} must be a non-negative number with at most {MaxRatingDecimals} decimals");
        }

        var workerIds = workplace.Workers.Where(w => w?.Id is not null).Select(w => w.Id).ToHashSet(StringComparer.Ordinal);
        for (var p = 0; p < rotation.Periods.Count; p++)
        {
            var path = $"rotation.periods[{p}]";
            if (rotation.Periods[p] is not { } change)
            {
                add(path, "is missing");
                continue;
            }

            CheckTaskIds(change.Tasks.Keys.Select(id => (id, $"{path}.tasks.{id}")), taskIds, add);
            foreach (var id in change.Workers.Keys.Where(id => !workerIds.Contains(id)))
            {
                add($"{path}.workers.{id}", WorkplaceValidator.Unknown("worker", id, workerIds));
            }

            foreach (var (id, hours) in change.Tasks.Select(e => (e.Key, e.Value)).Concat(change.Workers.Select(e => (e.Key, e.Value))))
            {
                var kind = change.Tasks.ContainsKey(id) ? "tasks" : "workers";
                if (hours < 0)
                {
                    add($"{path}.{kind}.{id}", $"{Format(hours)} must not be negative");
                }
                else if (unit > 0 && !IsMultipleOf(hours, unit))
                {
                    add($"{path}.{kind}.{id}", $"{Format(hours)} is not a multiple of the hour unit {Format(unit)}");
                }
            }

            var taskHours = workplace.Tasks.Where(t => t?.Id is not null).Sum(t => change.Tasks.TryGetValue(t.Id, out var h) ? h : t.Hours);
            var workerHours = workplace.Workers.Where(w => w?.Id is not null).Sum(w => change.Workers.TryGetValue(w.Id, out var h) ? h : w.Hours);
            if (taskHours != workerHours)
            {
                add(path, $"in period {p + 1} the tasks need {Hours(taskHours)} but the workers have {Hours(workerHours)}: "
                    + (taskHours > workerHours ? $"{Hours(taskHours - workerHours)} more than the workers have" : $"{Hours(workerHours - taskHours)} fewer than the workers have"));
            }
        }
    }

    private static void CheckTaskIds(IEnumerable<(string Id, string Path)> ids, IReadOnlyDictionary<string, WorkTask> taskIds, Action<string, string> add)
    {
        foreach (var (id, path) in ids.Where(e => !taskIds.ContainsKey(e.Id ?? "")))
        {
            add(path, WorkplaceValidator.Unknown("task", id, taskIds.Keys));
        }
    }
}
