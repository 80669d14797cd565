using FsCheck;
using FsCheck.Fluent;
using JobBalancing.Domain;

namespace JobBalancing.Tests.Generators;

/// <summary>
/// Random valid workplaces: whole hour units (sometimes half hours), total task hours equal to total worker hours,
/// ratings on the 1–10 scale with at most one decimal, and every optional rule now and then — skills with training
/// hours, minimum chunks, service limits, a fragmentation limit, fixed hours, excluded tasks, current assignments,
/// part-time workers and weights other than 1. The rules are drawn independently, so many workplaces have no plan;
/// the properties must hold for those too.
/// </summary>
internal static class WorkplaceGenerator
{
    private static readonly (decimal Empowerment, decimal Desirability)[] OtherWeights =
        [(1m, 2m), (2m, 1m), (0.5m, 1m), (1m, 0m), (0m, 1m), (1.5m, 0.5m), (3m, 1m), (0.2m, 1m)];

    /// <summary>Training hours a skill may cost: whole hours, and some that are not a whole number of hour units.</summary>
    private static readonly decimal[] TrainingHours = [0m, 0.5m, 1m, 1.5m, 2m, 2.5m, 3m, 8m];

    /// <summary>A few close ratings: drawing every task's ratings from these makes many plans equally balanced, so the tie-breaks decide.</summary>
    private static readonly decimal[] FewRatings = [4m, 5m, 6m];

    /// <summary>Valid workplaces of <paramref name="shape"/>.</summary>
    public static Gen<Workplace> Workplaces(WorkplaceShape shape) =>
        Candidates(shape).Where(w => w.Validate().Count == 0);

    private static Gen<Workplace> Candidates(WorkplaceShape shape) =>
        from unit in Gen.Frequency((4, Gen.Constant(1m)), (1, Gen.Constant(0.5m)))
        from workerUnits in WorkerUnits(shape)
        from taskCount in Gen.Choose(shape.MinTasks, shape.MaxTasks)
        from taskUnits in Split(workerUnits.Sum(), Math.Min(taskCount, workerUnits.Sum()))
        from skills in Skills()
        from fewRatings in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from tasks in Tasks(taskUnits, unit, skills, workerUnits.Length, fewRatings)
        from rules in Rules()
        from workers in Workers(workerUnits, unit, tasks, skills, rules)
        from weights in Gen.Frequency(
            (3, Gen.Constant(ObjectiveWeights.Default)),
            (1, Gen.Elements(OtherWeights).Select(w => new ObjectiveWeights(w.Empowerment, w.Desirability))))
        select new Workplace
        {
            Id = "generated",
            HourUnit = unit,
            Skills = skills,
            Tasks = tasks,
            Workers = workers,
            Rules = rules,
            Weights = weights,
        };

    /// <summary>Hours of each worker in units: most work full time, some part time.</summary>
    private static Gen<int[]> WorkerUnits(WorkplaceShape shape) =>
        from count in Gen.Frequency(
            Enumerable.Range(shape.MinWorkers, shape.MaxWorkers - shape.MinWorkers + 1)
                .Select(n => (n == 1 ? 1 : 3, Gen.Constant(n))))
        from fullTime in Gen.Choose(shape.MinFullTimeUnits, shape.MaxFullTimeUnits)
        from units in Gen.Frequency(
                (3, Gen.Constant(fullTime)),
                (2, Gen.Choose(Math.Max(1, fullTime / 4), fullTime)))
            .ArrayOf(count)
        select units;

    /// <summary><paramref name="total"/> split into <paramref name="parts"/> positive parts.</summary>
    private static Gen<int[]> Split(int total, int parts) =>
        Gen.Piles(parts, total - parts).Select(piles => piles.Select(p => p + 1).ToArray());

    private static Gen<Skill[]> Skills() =>
        from count in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from training in Gen.Elements(TrainingHours).ArrayOf(count)
        select training.Select((hours, i) => new Skill { Id = $"s{i + 1}", TrainingHours = hours }).ToArray();

    private static Gen<WorkTask[]> Tasks(int[] taskUnits, decimal unit, Skill[] skills, int workerCount, bool fewRatings) =>
        Gen.CollectToArray(taskUnits.Select((units, i) => Task(i, units, unit, skills, workerCount, fewRatings)));

    private static Gen<WorkTask> Task(int index, int units, decimal unit, Skill[] skills, int workerCount, bool fewRatings) =>
        from empowerment in fewRatings ? Gen.Elements(FewRatings) : Rating()
        from desirability in fewRatings ? Gen.Elements(FewRatings) : Rating()
        from skill in skills.Length == 0
            ? Gen.Constant<string?>(null)
            : Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Elements(skills).Select(s => (string?)s.Id)))
        from chunk in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(1, Math.Min(units, 4))))
        from limit in Gen.Frequency(
            (2, Gen.Constant(0)),
            (1, Gen.Choose(Math.Max(chunk, Math.Max(1, units / workerCount)), units)))
        select new WorkTask
        {
            Id = $"t{index + 1}",
            Hours = units * unit,
            Empowerment = empowerment,
            Desirability = desirability,
            Skill = skill,
            MinChunk = chunk == 0 ? null : chunk * unit,
            MaxPerWorker = limit == 0 ? null : limit * unit,
        };

    /// <summary>A rating from 1 to 10: a whole number, or one with one decimal.</summary>
    private static Gen<decimal> Rating() =>
        Gen.Frequency(
            (1, Gen.Choose(1, 10).Select(r => (decimal)r)),
            (1, Gen.Choose(10, 100).Select(r => r / 10m)));

    private static Gen<WorkplaceRules> Rules() =>
        from maxTasks in Gen.Frequency(
            (4, Gen.Constant<int?>(null)),
            (1, Gen.Constant<int?>(1)),
            (3, Gen.Choose(2, 3).Select(n => (int?)n)))
        from training in Gen.Frequency((2, Gen.Constant(false)), (1, Gen.Constant(true)))
        select new WorkplaceRules { MaxTasksPerWorker = maxTasks, AllowTraining = training };

    private static Gen<Worker[]> Workers(int[] workerUnits, decimal unit, WorkTask[] tasks, Skill[] skills, WorkplaceRules rules) =>
        Gen.CollectToArray(workerUnits.Select((units, i) => Worker(i, units, unit, tasks, skills, rules)));

    private static Gen<Worker> Worker(int index, int units, decimal unit, WorkTask[] tasks, Skill[] skills, WorkplaceRules rules) =>
        from skillSet in Gen.Choose(0, 1).ArrayOf(skills.Length)
        from excluded in Gen.Frequency((5, Gen.Constant(-1)), (1, Gen.Choose(0, tasks.Length - 1)))
        from fixedTask in Gen.Frequency((5, Gen.Constant(-1)), (1, Gen.Choose(0, tasks.Length - 1)))
        from fixedUnits in Gen.Frequency((1, Gen.Constant(1)), (2, Gen.Choose(1, units)))
        from current in Gen.Frequency(
            (3, Gen.Constant(Array.Empty<int>())),
            (2, Gen.Piles(tasks.Length, units)))
        select Build(index, units, unit, tasks, [.. skills.Where((_, s) => skillSet[s] == 1).Select(s => s.Id)], rules, excluded, fixedTask, fixedUnits, current);

    private static Worker Build(
        int index, int units, decimal unit, WorkTask[] tasks, string[] skills, WorkplaceRules rules,
        int excluded, int fixedTask, int fixedUnits, int[] current)
    {
        var fixedHours = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (fixedTask >= 0 && fixedTask != excluded)
        {
            var task = tasks[fixedTask];
            var mayHold = task.Skill is null || rules.AllowTraining || skills.Contains(task.Skill);
            var most = Math.Min(Math.Min(fixedUnits * unit, task.Hours), task.MaxPerWorker ?? decimal.MaxValue);
            if (mayHold)
            {
                fixedHours[task.Id] = most;
            }
        }

        return new Worker
        {
            Id = $"w{index + 1}",
            Hours = units * unit,
            Skills = skills,
            Excluded = excluded >= 0 ? [tasks[excluded].Id] : [],
            Fixed = fixedHours,
            Current = current.Select((u, t) => (tasks[t].Id, Hours: u * unit)).Where(p => p.Hours > 0)
                .ToDictionary(p => p.Id, p => p.Hours, StringComparer.Ordinal),
        };
    }
}
