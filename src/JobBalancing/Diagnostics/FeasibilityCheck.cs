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
        var workplace = problem.Workplace;
        var unit = workplace.HourUnit;
        var training = workplace.Rules.AllowTraining ? "training is allowed" : "training is off";
        foreach (var pair in problem.Pairs.Where(p => p.Fixed > 0 && p.Lowest > p.Upper))
        {
            var worker = workplace.Workers[pair.Worker];
            var task = workplace.Tasks[pair.Task];
            return $"{worker.DisplayName} has {Hours(pair.Fixed * unit)} of {task.DisplayName} fixed, but holding it at all takes at least "
                + $"{Hours(pair.Lowest * unit)} (minChunk) and {worker.DisplayName} can hold at most {Hours(pair.Upper * unit)} of it";
        }

        for (var t = 0; t < problem.TaskCount; t++)
        {
            var task = workplace.Tasks[t];
            var pairs = problem.PairsOfTask[t];
            var need = problem.TaskHours[t] * unit;
            var who = task.Skill is { } skill && !workplace.Rules.AllowTraining ? $"with the {skill} skill" : "who may hold it";
            if (pairs.Length == 0)
            {
                return $"{task.DisplayName} needs {Hours(need)}; no worker may hold it ({Reasons(task)}; {training})";
            }

            var available = pairs.Sum(p => (long)problem.Pairs[p].Upper) * unit;
            if (available < need)
            {
                var limit = task.MaxPerWorker is { } m ? $" (maxPerWorker {Format(m)})" : "";
                var workers = pairs.Length == 1 ? "the only worker" : $"the {pairs.Length} workers";
                return $"{task.DisplayName} needs {Hours(need)}; {workers} {who} can give at most {Hours(available)}{limit}; {training}";
            }
        }

        for (var w = 0; w < problem.WorkerCount; w++)
        {
            var worker = workplace.Workers[w];
            var uppers = problem.PairsOfWorker[w].Select(p => (long)problem.Pairs[p].Upper).OrderDescending().ToArray();
            var reachable = uppers.Take(problem.MaxTasksPerWorker).Sum() * unit;
            if (reachable < worker.Hours)
            {
                var limit = problem.MaxTasksPerWorker < uppers.Length ? $" in at most {problem.MaxTasksPerWorker} tasks (maxTasksPerWorker)" : "";
                return $"{worker.DisplayName} has {Hours(worker.Hours)}, but the tasks they may hold{limit} take at most {Hours(reachable)}; {training}";
            }
        }

        return null;
    }

    private static string Reasons(Domain.WorkTask task) =>
        task.Skill is { } skill ? $"it needs the {skill} skill, or is excluded for those who have it" : "every worker is excluded from it";
}
