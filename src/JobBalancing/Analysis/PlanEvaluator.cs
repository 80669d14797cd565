using JobBalancing.Domain;
using MathNet.Numerics.Statistics;
using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Analysis;

/// <summary>
/// Computes a plan's scores, balance, costs and spread from nothing but the hours it gives each worker, and lists the
/// rules those hours break. Every figure a solver reports comes from here, so it is the plan's own, not the model's.
/// </summary>
public static class PlanEvaluator
{
    /// <summary>Evaluates the hours <paramref name="hours"/> (worker → task → hours) as a plan for <paramref name="workplace"/>.</summary>
    /// <param name="workplace">A valid workplace.</param>
    /// <param name="hours">Hours per worker and task; missing entries are 0.</param>
    /// <returns>The plan, with <see cref="Plan.Violations"/> naming every rule the hours break.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid.</exception>
    public static Plan Evaluate(Workplace workplace, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> hours)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentNullException.ThrowIfNull(hours);
        workplace.EnsureValid();

        var violations = new List<string>();
        var taskIds = workplace.Tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (worker, tasks) in hours)
        {
            if (workplace.Workers.All(w => w.Id != worker))
            {
                violations.Add($"worker \"{worker}\" is not a member of the workplace");
            }

            violations.AddRange(tasks.Keys.Where(t => !taskIds.Contains(t)).Select(t => $"task \"{t}\" of worker \"{worker}\" is not a task of the workplace"));
        }

        decimal HoursOf(Worker worker, WorkTask task) =>
            hours.TryGetValue(worker.Id, out var tasks) && tasks.TryGetValue(task.Id, out var h) ? h : 0;

        // Exact: Ē = A/T, and a job's deviation (S_w·T − A·H_w) / (H_w·T), each rounded once, so that a plan's figures
        // and a solver's bound meet exactly when they are equal.
        var totalHours = Fraction.Of(workplace.Tasks.Sum(t => t.Hours));
        var averageE = Fraction.Of(workplace.Tasks.Sum(t => t.Empowerment * t.Hours)) / totalHours;
        var averageD = Fraction.Of(workplace.Tasks.Sum(t => t.Desirability * t.Hours)) / totalHours;
        Fraction maxE = Fraction.Zero, maxD = Fraction.Zero;
        var skillHours = workplace.Skills.ToDictionary(s => s.Id, s => s.TrainingHours, StringComparer.Ordinal);

        var jobs = new List<JobComplex>(workplace.Workers.Count);
        foreach (var worker in workplace.Workers)
        {
            var held = new List<TaskHours>();
            decimal sumE = 0, sumD = 0, total = 0, reassigned = 0;
            var newSkills = new List<string>();
            foreach (var task in workplace.Tasks)
            {
                var x = HoursOf(worker, task);
                CheckPair(workplace, worker, task, x, violations);
                if (x == 0)
                {
                    continue;
                }

                held.Add(new TaskHours(task.Id, x));
                sumE += task.Empowerment * x;
                sumD += task.Desirability * x;
                total += x;
                if (worker.Current.Count > 0)
                {
                    reassigned += Math.Max(0, x - worker.Current.GetValueOrDefault(task.Id));
                }

                if (task.Skill is { } skill && !worker.Skills.Contains(skill) && !newSkills.Contains(skill))
                {
                    newSkills.Add(skill);
                }
            }

            if (total != worker.Hours)
            {
                violations.Add($"worker \"{worker.Id}\" holds {Hours(total)} but has {Hours(worker.Hours)}");
            }

            if (workplace.Rules.MaxTasksPerWorker is { } maxTasks && held.Count > maxTasks)
            {
                violations.Add($"worker \"{worker.Id}\" holds {held.Count} tasks, more than maxTasksPerWorker {maxTasks}");
            }

            var e = Fraction.Of(sumE) / Fraction.Of(worker.Hours);
            var d = Fraction.Of(sumD) / Fraction.Of(worker.Hours);
            maxE = Fraction.Max(maxE, (e - averageE).Abs());
            maxD = Fraction.Max(maxD, (d - averageD).Abs());
            jobs.Add(new JobComplex
            {
                Worker = worker.Id,
                Hours = worker.Hours,
                Tasks = held,
                Empowerment = e.ToDecimal(),
                Desirability = d.ToDecimal(),
                EmpowermentDeviation = (e - averageE).ToDecimal(),
                DesirabilityDeviation = (d - averageD).ToDecimal(),
                NewSkills = newSkills,
                TrainingHours = newSkills.Sum(s => skillHours.GetValueOrDefault(s)),
                ReassignedHours = reassigned,
            });
        }

        foreach (var task in workplace.Tasks)
        {
            var covered = workplace.Workers.Sum(w => HoursOf(w, task));
            if (covered != task.Hours)
            {
                violations.Add($"task \"{task.Id}\" is covered {Hours(covered)} but needs {Hours(task.Hours)}");
            }
        }

        var objective = (Fraction.Of(workplace.Weights.Empowerment) * maxE) + (Fraction.Of(workplace.Weights.Desirability) * maxD);
        return new Plan
        {
            Workplace = workplace.Id,
            Jobs = jobs,
            EmpowermentAverage = averageE.ToDecimal(),
            DesirabilityAverage = averageD.ToDecimal(),
            EmpowermentMaxDeviation = maxE.ToDecimal(),
            DesirabilityMaxDeviation = maxD.ToDecimal(),
            Objective = objective.ToDecimal(),
            Costs = new PlanCosts(jobs.Sum(j => j.TrainingHours), jobs.Sum(j => j.ReassignedHours), jobs.Sum(j => j.Tasks.Count)),
            EmpowermentSpread = Spread(jobs.Select(j => j.Empowerment)),
            DesirabilitySpread = Spread(jobs.Select(j => j.Desirability)),
            Violations = violations,
        };
    }

    /// <summary>Evaluates the workplace's current assignment, as its council holds it now.</summary>
    /// <param name="workplace">A valid workplace whose workers have current assignments.</param>
    /// <returns>The current plan; its <see cref="Plan.Violations"/> say where it breaks the rules.</returns>
    public static Plan EvaluateCurrent(Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        return Evaluate(workplace, workplace.Workers.ToDictionary(w => w.Id, w => w.Current, StringComparer.Ordinal));
    }

    /// <summary>The spread of a set of scores: range, population standard deviation and Gini coefficient.</summary>
    /// <param name="scores">Job scores.</param>
    /// <returns>The spread; all zero for no scores.</returns>
    public static ScoreSpread Spread(IEnumerable<decimal> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var values = scores.ToArray();
        if (values.Length == 0)
        {
            return new ScoreSpread(0, 0, 0);
        }

        var doubles = values.Select(v => (double)v).ToArray();
        return new ScoreSpread(values.Max() - values.Min(), doubles.PopulationStandardDeviation(), Gini(doubles));
    }

    /// <summary>
    /// The Gini coefficient, <c>Σ_i Σ_j |x_i − x_j| / (2·n²·mean)</c>, from the sorted values; 0 when the mean is not
    /// positive (a rating scale reaching below zero), where the coefficient means nothing.
    /// </summary>
    private static double Gini(double[] values)
    {
        var sorted = values.Order().ToArray();
        var n = sorted.Length;
        var sum = sorted.Sum();
        if (sum <= 0)
        {
            return 0;
        }

        var weighted = 0.0;
        for (var i = 0; i < n; i++)
        {
            weighted += (2.0 * (i + 1) - n - 1) * sorted[i];
        }

        return Math.Max(0, weighted / (n * sum));
    }

    internal static void CheckPair(Workplace workplace, Worker worker, WorkTask task, decimal x, List<string> violations)
    {
        var pair = $"worker \"{worker.Id}\" in task \"{task.Id}\"";
        var fixedHours = worker.Fixed.GetValueOrDefault(task.Id);
        if (x < fixedHours)
        {
            violations.Add($"{pair} holds {Hours(x)}, below the {Hours(fixedHours)} fixed");
        }

        if (x < 0)
        {
            violations.Add($"{pair} holds negative hours {Format(x)}");
        }

        if (x <= 0)
        {
            return;
        }

        if (!IsMultipleOf(x, workplace.HourUnit))
        {
            violations.Add($"{pair} holds {Hours(x)}, not a multiple of the hour unit {Format(workplace.HourUnit)}");
        }

        if (x < (task.MinChunk ?? workplace.HourUnit))
        {
            violations.Add($"{pair} holds {Hours(x)}, below the minChunk {Hours(task.MinChunk ?? workplace.HourUnit)}");
        }

        if (task.MaxPerWorker is { } limit && x > limit)
        {
            violations.Add($"{pair} holds {Hours(x)}, above the maxPerWorker {Hours(limit)}");
        }

        if (worker.Excluded.Contains(task.Id))
        {
            violations.Add($"{pair} holds {Hours(x)} of an excluded task");
        }

        if (task.Skill is { } skill && !worker.Skills.Contains(skill) && !workplace.Rules.AllowTraining)
        {
            violations.Add($"{pair} lacks skill \"{skill}\" and training is off");
        }
    }
}
