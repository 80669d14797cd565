using JobBalancing.Domain;

namespace JobBalancing.Tests.Oracle;

/// <summary>One worker's job scored exactly.</summary>
internal sealed record ExactJob(
    string Worker, Rational Empowerment, Rational Desirability, Rational EmpowermentDeviation, Rational DesirabilityDeviation,
    IReadOnlySet<string> NewSkills, decimal TrainingHours, decimal ReassignedHours, int Fragments);

/// <summary>A plan scored exactly, straight from DESIGN.md's definitions.</summary>
internal sealed record ExactScores(
    IReadOnlyList<ExactJob> Jobs, Rational EmpowermentAverage, Rational DesirabilityAverage,
    Rational EmpowermentMaxDeviation, Rational DesirabilityMaxDeviation, Rational Objective,
    decimal TrainingHours, decimal ReassignedHours, int Fragments);

/// <summary>
/// The balancing problem's contract written out once more, independently of the library: the seven rules a plan must
/// keep and the scores it has, from nothing but the hours <c>x[w,t]</c> (rows in the workplace's worker order, columns
/// in its task order). The library's own <c>PlanEvaluator</c> is deliberately not used.
/// </summary>
internal static class Contract
{
    /// <summary>The hours a plan gives each worker and task; problems with the plan's shape go to <paramref name="problems"/>.</summary>
    public static decimal[,] HoursOf(Workplace workplace, Plan plan, List<string> problems)
    {
        var x = new decimal[workplace.Workers.Count, workplace.Tasks.Count];
        var workerIndex = workplace.Workers.Select((w, i) => (w.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var taskIndex = workplace.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        if (!plan.Jobs.Select(j => j.Worker).SequenceEqual(workplace.Workers.Select(w => w.Id)))
        {
            problems.Add($"the plan's jobs [{string.Join(", ", plan.Jobs.Select(j => j.Worker))}] are not one per worker in the workplace's order");
        }

        foreach (var job in plan.Jobs)
        {
            if (!workerIndex.TryGetValue(job.Worker, out var w))
            {
                problems.Add($"job of unknown worker \"{job.Worker}\"");
                continue;
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var held in job.Tasks)
            {
                if (!taskIndex.TryGetValue(held.Task, out var t))
                {
                    problems.Add($"worker \"{job.Worker}\" holds unknown task \"{held.Task}\"");
                    continue;
                }

                if (!seen.Add(held.Task))
                {
                    problems.Add($"worker \"{job.Worker}\" lists task \"{held.Task}\" twice");
                }

                if (held.Hours <= 0)
                {
                    problems.Add($"worker \"{job.Worker}\" lists task \"{held.Task}\" with {held.Hours} h (zero-hour tasks are left out)");
                }

                x[w, t] += held.Hours;
            }
        }

        return x;
    }

    /// <summary>Every rule of DESIGN.md that the hours <paramref name="x"/> break, in words; empty when the plan is valid.</summary>
    public static List<string> BrokenRules(Workplace workplace, decimal[,] x)
    {
        var broken = new List<string>();
        var tasks = workplace.Tasks;
        var workers = workplace.Workers;
        for (var t = 0; t < tasks.Count; t++)
        {
            var covered = Enumerable.Range(0, workers.Count).Sum(w => x[w, t]);
            if (covered != tasks[t].Hours)
            {
                broken.Add($"coverage: task {tasks[t].Id} gets {covered} h of {tasks[t].Hours} h");
            }
        }

        for (var w = 0; w < workers.Count; w++)
        {
            var worker = workers[w];
            var total = Enumerable.Range(0, tasks.Count).Sum(t => x[w, t]);
            if (total != worker.Hours)
            {
                broken.Add($"capacity: worker {worker.Id} holds {total} h of {worker.Hours} h");
            }

            var held = 0;
            for (var t = 0; t < tasks.Count; t++)
            {
                var task = tasks[t];
                var hours = x[w, t];
                var where = $"{worker.Id} in {task.Id} ({hours} h)";
                if (hours < 0 || hours % workplace.HourUnit != 0)
                {
                    broken.Add($"hour unit: {where} is not a non-negative multiple of {workplace.HourUnit}");
                }

                if (hours < worker.Fixed.GetValueOrDefault(task.Id))
                {
                    broken.Add($"fixed: {where} is below the fixed {worker.Fixed[task.Id]} h");
                }

                if (hours == 0)
                {
                    continue;
                }

                held++;
                if (worker.Excluded.Contains(task.Id))
                {
                    broken.Add($"excluded: {where}");
                }

                if (task.Skill is { } skill && !worker.Skills.Contains(skill) && !workplace.Rules.AllowTraining)
                {
                    broken.Add($"qualification: {where} lacks skill {skill} and training is off");
                }

                if (hours < (task.MinChunk ?? workplace.HourUnit))
                {
                    broken.Add($"minimum chunk: {where} is below {task.MinChunk ?? workplace.HourUnit} h");
                }

                if (task.MaxPerWorker is { } limit && hours > limit)
                {
                    broken.Add($"service limit: {where} is above {limit} h");
                }
            }

            if (workplace.Rules.MaxTasksPerWorker is { } maxTasks && held > maxTasks)
            {
                broken.Add($"fragmentation: {worker.Id} holds {held} tasks, more than {maxTasks}");
            }
        }

        return broken;
    }

    /// <summary>The scores and costs of the hours <paramref name="x"/>, exactly.</summary>
    public static ExactScores Score(Workplace workplace, decimal[,] x)
    {
        var tasks = workplace.Tasks;
        var totalHours = tasks.Sum(t => t.Hours);
        var averageE = Rational.Of(tasks.Sum(t => t.Empowerment * t.Hours)) / totalHours;
        var averageD = Rational.Of(tasks.Sum(t => t.Desirability * t.Hours)) / totalHours;
        var training = workplace.Skills.ToDictionary(s => s.Id, s => s.TrainingHours, StringComparer.Ordinal);

        var jobs = new List<ExactJob>();
        for (var w = 0; w < workplace.Workers.Count; w++)
        {
            var worker = workplace.Workers[w];
            var sumE = 0m;
            var sumD = 0m;
            var reassigned = 0m;
            var fragments = 0;
            var newSkills = new HashSet<string>(StringComparer.Ordinal);
            for (var t = 0; t < tasks.Count; t++)
            {
                var hours = x[w, t];
                sumE += tasks[t].Empowerment * hours;
                sumD += tasks[t].Desirability * hours;
                if (worker.Current.Count > 0)
                {
                    reassigned += Math.Max(0, hours - worker.Current.GetValueOrDefault(tasks[t].Id));
                }

                if (hours > 0)
                {
                    fragments++;
                    if (tasks[t].Skill is { } skill && !worker.Skills.Contains(skill))
                    {
                        newSkills.Add(skill);
                    }
                }
            }

            var e = Rational.Of(sumE) / worker.Hours;
            var d = Rational.Of(sumD) / worker.Hours;
            jobs.Add(new ExactJob(worker.Id, e, d, e - averageE, d - averageD, newSkills, newSkills.Sum(s => training[s]), reassigned, fragments));
        }

        var deltaE = jobs.Select(j => Rational.Abs(j.EmpowermentDeviation)).Aggregate(Rational.Zero, Rational.Max);
        var deltaD = jobs.Select(j => Rational.Abs(j.DesirabilityDeviation)).Aggregate(Rational.Zero, Rational.Max);
        var objective = (Rational.Of(workplace.Weights.Empowerment) * deltaE) + (Rational.Of(workplace.Weights.Desirability) * deltaD);
        return new ExactScores(
            jobs, averageE, averageD, deltaE, deltaD, objective,
            jobs.Sum(j => j.TrainingHours), jobs.Sum(j => j.ReassignedHours), jobs.Sum(j => j.Fragments));
    }
}
