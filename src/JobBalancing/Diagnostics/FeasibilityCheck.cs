using JobBalancing.Solving;
using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Diagnostics;

/// <summary>
/// Arithmetic checks that find the plain reasons a workplace has no plan, before any search: a task that too few
/// workers may hold, a worker who cannot fill their hours.
/// </summary>
internal static class FeasibilityCheck
{
    /// <summary>The first plain reason there can be no plan, in words; <see langword="null"/> when none is found.</summary>
    public static string? Explain(BalancingProblem problem)
    {
        var unit = problem.HourUnit;
        static string Training(bool allowed) => allowed ? "training is allowed" : "training is off";
        string When(int period) => problem.PeriodCount > 1 ? $" in period {period + 1}" : "";
        foreach (var pair in problem.Pairs.Where(p => p.Fixed > 0 && p.Lowest > p.Upper))
        {
            var worker = problem.Worker(pair.Worker);
            var task = problem.Task(pair.Task);
            return $"{worker.DisplayName} has {Hours(pair.Fixed * unit)} of {task.DisplayName} fixed{When(problem.TaskPeriod[pair.Task])}, but holding it at all takes at least "
                + $"{Hours(pair.Lowest * unit)} (minChunk) and {worker.DisplayName} can hold at most {Hours(pair.Upper * unit)} of it";
        }

        for (var t = 0; t < problem.TaskCount; t++)
        {
            var task = problem.Task(t);
            var pairs = problem.PairsOfTask[t];
            var need = problem.TaskHours[t] * unit;
            var allowsTraining = problem.Snapshot(problem.TaskSite[t], problem.TaskPeriod[t]).Rules.AllowTraining;
            var training = Training(allowsTraining);
            var who = task.Skill is { } skill && !allowsTraining ? $"with the {skill} skill" : "who may hold it";
            if (pairs.Length == 0)
            {
                return $"{task.DisplayName} needs {Hours(need)}{When(problem.TaskPeriod[t])}; no worker may hold it ({Reasons(task)}; {training})";
            }

            var available = pairs.Sum(p => (long)problem.Pairs[p].Upper) * unit;
            if (available < need)
            {
                var limit = task.MaxPerWorker is { } m ? $" (maxPerWorker {Format(m)})" : "";
                var workers = pairs.Length == 1 ? "the only worker" : $"the {pairs.Length} workers";
                return $"{task.DisplayName} needs {Hours(need)}{When(problem.TaskPeriod[t])}; {workers} {who} can give at most {Hours(available)}{limit}; {training}";
            }
        }

        for (var w = 0; w < problem.WorkerCount; w++)
        {
            var worker = problem.Worker(w);
            var home = Training(problem.Snapshot(problem.WorkerHome[w], 0).Rules.AllowTraining);
            for (var period = 0; period < problem.PeriodCount; period++)
            {
                var hours = problem.WorkerPeriodHours[w][period] * unit;
                var uppers = problem.PairsOfWorkerPeriod[w][period].Select(p => (long)problem.Pairs[p].Upper).OrderDescending().ToArray();
                var reachable = uppers.Take(problem.MaxTasks[w]).Sum() * unit;
                if (reachable < hours)
                {
                    var limit = problem.MaxTasks[w] < uppers.Length ? $" in at most {problem.MaxTasks[w]} tasks (maxTasksPerWorker)" : "";
                    return $"{worker.DisplayName} has {Hours(hours)}{When(period)}, but the tasks they may hold{limit} take at most {Hours(reachable)}; {home}";
                }
            }
        }

        return null;
    }

    private static string Reasons(Domain.WorkTask task) =>
        task.Skill is { } skill ? $"it needs the {skill} skill, or is excluded for those who have it" : "every worker is excluded from it";
}
