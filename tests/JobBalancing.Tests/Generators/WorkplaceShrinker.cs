using JobBalancing.Domain;

namespace JobBalancing.Tests.Generators;

/// <summary>
/// Simpler variants of a workplace, for FsCheck to shrink a failing case towards a minimal one: fewer workers and
/// tasks, then fewer rules. Every variant is valid (totals still balance), so a shrunk case is still a real input.
/// </summary>
internal static class WorkplaceShrinker
{
    public static IEnumerable<Workplace> Shrink(Workplace workplace) =>
        Variants(workplace).Where(w => w.Validate().Count == 0);

    private static IEnumerable<Workplace> Variants(Workplace workplace)
    {
        for (var w = 0; w < workplace.Workers.Count && workplace.Workers.Count > 1; w++)
        {
            yield return WithoutWorker(workplace, w);
        }

        for (var t = 0; t + 1 < workplace.Tasks.Count; t++)
        {
            yield return MergeTasks(workplace, t, t + 1);
        }

        if (workplace.Rules.MaxTasksPerWorker is not null)
        {
            yield return workplace with { Rules = workplace.Rules with { MaxTasksPerWorker = null } };
        }

        if (workplace.Rules.AllowTraining)
        {
            yield return workplace with { Rules = workplace.Rules with { AllowTraining = false } };
        }

        if (workplace.Weights != ObjectiveWeights.Default)
        {
            yield return workplace with { Weights = ObjectiveWeights.Default };
        }

        if (workplace.HourUnit != 1 && AllHours(workplace).All(h => h % 1 == 0))
        {
            yield return workplace with { HourUnit = 1 };
        }

        for (var t = 0; t < workplace.Tasks.Count; t++)
        {
            var task = workplace.Tasks[t];
            if (task.Skill is not null)
            {
                yield return WithTask(workplace, t, task with { Skill = null });
            }

            if (task.MinChunk is not null)
            {
                yield return WithTask(workplace, t, task with { MinChunk = null });
            }

            if (task.MaxPerWorker is not null)
            {
                yield return WithTask(workplace, t, task with { MaxPerWorker = null });
            }

            if (task.Empowerment % 1 != 0 || task.Desirability % 1 != 0)
            {
                yield return WithTask(workplace, t, task with { Empowerment = Math.Round(task.Empowerment), Desirability = Math.Round(task.Desirability) });
            }
        }

        for (var w = 0; w < workplace.Workers.Count; w++)
        {
            var worker = workplace.Workers[w];
            if (worker.Fixed.Count > 0)
            {
                yield return WithWorker(workplace, w, worker with { Fixed = NoHours() });
            }

            if (worker.Excluded.Count > 0)
            {
                yield return WithWorker(workplace, w, worker with { Excluded = [] });
            }

            if (worker.Current.Count > 0)
            {
                yield return WithWorker(workplace, w, worker with { Current = NoHours() });
            }

            if (worker.Skills.Count > 0)
            {
                yield return WithWorker(workplace, w, worker with { Skills = [] });
            }
        }

        var used = workplace.Tasks.Select(t => t.Skill).Concat(workplace.Workers.SelectMany(w => w.Skills)).ToHashSet();
        if (workplace.Skills.Any(s => !used.Contains(s.Id)))
        {
            yield return workplace with { Skills = [.. workplace.Skills.Where(s => used.Contains(s.Id))] };
        }

        for (var s = 0; s < workplace.Skills.Count; s++)
        {
            if (workplace.Skills[s].TrainingHours != 0)
            {
                var skills = workplace.Skills.ToArray();
                skills[s] = skills[s] with { TrainingHours = 0 };
                yield return workplace with { Skills = skills };
            }
        }
    }

    /// <summary>Drops worker <paramref name="w"/> and takes their hours off the tasks, largest first.</summary>
    private static Workplace WithoutWorker(Workplace workplace, int w)
    {
        var left = workplace.Workers[w].Hours;
        var hours = workplace.Tasks.Select(t => t.Hours).ToArray();
        foreach (var t in Enumerable.Range(0, hours.Length).OrderByDescending(t => hours[t]))
        {
            var taken = Math.Min(left, hours[t]);
            hours[t] -= taken;
            left -= taken;
        }

        var tasks = workplace.Tasks.Select((task, t) => task with
        {
            Hours = hours[t],
            MinChunk = task.MinChunk > hours[t] ? null : task.MinChunk,
            MaxPerWorker = task.MaxPerWorker > hours[t] ? null : task.MaxPerWorker,
        }).Where(task => task.Hours > 0).ToArray();
        var workers = workplace.Workers.Where((_, i) => i != w).ToArray();
        return WithOnlyTasks(workplace with { Workers = workers }, tasks);
    }

    /// <summary>Folds task <paramref name="b"/> into task <paramref name="a"/>.</summary>
    private static Workplace MergeTasks(Workplace workplace, int a, int b)
    {
        var first = workplace.Tasks[a];
        var second = workplace.Tasks[b];
        var merged = first with { Hours = first.Hours + second.Hours };
        var tasks = workplace.Tasks.Select((task, t) => t == a ? merged : task).Where((_, t) => t != b).ToArray();
        return WithOnlyTasks(workplace, tasks);
    }

    /// <summary>The workplace with <paramref name="tasks"/>; workers lose their entries for tasks no longer there.</summary>
    private static Workplace WithOnlyTasks(Workplace workplace, WorkTask[] tasks)
    {
        var ids = tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var workers = workplace.Workers.Select(worker => worker with
        {
            Fixed = worker.Fixed.Where(p => ids.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Current = worker.Current.Where(p => ids.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Excluded = [.. worker.Excluded.Where(ids.Contains)],
        }).ToArray();
        return workplace with { Tasks = tasks, Workers = workers };
    }

    private static Workplace WithTask(Workplace workplace, int index, WorkTask task) =>
        workplace with { Tasks = [.. workplace.Tasks.Select((t, i) => i == index ? task : t)] };

    private static Workplace WithWorker(Workplace workplace, int index, Worker worker) =>
        workplace with { Workers = [.. workplace.Workers.Select((w, i) => i == index ? worker : w)] };

    private static Dictionary<string, decimal> NoHours() => new(StringComparer.Ordinal);

    private static IEnumerable<decimal> AllHours(Workplace workplace) =>
        workplace.Tasks.SelectMany(t => new[] { t.Hours, t.MinChunk ?? 0, t.MaxPerWorker ?? 0 })
            .Concat(workplace.Workers.SelectMany(w => w.Fixed.Values.Concat(w.Current.Values).Append(w.Hours)));
}
