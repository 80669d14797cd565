using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Analysis;

/// <summary>
/// The figures of a rotation, recomputed from the hours of each period's plan alone: the horizon's averages and each
/// worker's horizon scores (exact fractions, rounded once), the worst period, task switches, training and fragments.
/// </summary>
internal static class HorizonEvaluator
{
    public static RotationResult Evaluate(RotationResult result, IReadOnlyList<Workplace> snapshots, IReadOnlyList<Plan> plans, ObjectiveWeights weights)
    {
        // Ē = Σ_p Σ_t e_t·h_t,p / Σ_p Σ_t h_t,p; E_w = Σ_p Σ_t e_t·x[w,t,p] / Σ_p H_w,p.
        var hours = Fraction.Zero;
        Fraction[] totals = [Fraction.Zero, Fraction.Zero];
        var workerHours = new Dictionary<string, Fraction>(StringComparer.Ordinal);
        var workerScores = new Dictionary<string, Fraction[]>(StringComparer.Ordinal);
        var order = new List<string>();
        Fraction[] worstPeriod = [Fraction.Zero, Fraction.Zero];
        for (var period = 0; period < snapshots.Count; period++)
        {
            var snapshot = snapshots[period];
            var ratings = snapshot.Tasks.ToDictionary(t => t.Id, t => (E: Fraction.Of(t.Empowerment), D: Fraction.Of(t.Desirability)), StringComparer.Ordinal);
            var periodHours = Fraction.Zero;
            Fraction[] periodTotals = [Fraction.Zero, Fraction.Zero];
            foreach (var task in snapshot.Tasks)
            {
                var h = Fraction.Of(task.Hours);
                periodHours += h;
                periodTotals[0] += ratings[task.Id].E * h;
                periodTotals[1] += ratings[task.Id].D * h;
            }

            hours += periodHours;
            totals[0] += periodTotals[0];
            totals[1] += periodTotals[1];
            foreach (var job in plans[period].Jobs)
            {
                Fraction[] score = [Fraction.Zero, Fraction.Zero];
                foreach (var held in job.Tasks)
                {
                    score[0] += ratings[held.Task].E * Fraction.Of(held.Hours);
                    score[1] += ratings[held.Task].D * Fraction.Of(held.Hours);
                }

                for (var k = 0; k < 2; k++)
                {
                    worstPeriod[k] = Fraction.Max(worstPeriod[k], ((score[k] / Fraction.Of(job.Hours)) - (periodTotals[k] / periodHours)).Abs());
                }
            }

            foreach (var job in plans[period].Jobs)
            {
                if (!workerHours.ContainsKey(job.Worker))
                {
                    order.Add(job.Worker);
                    workerHours[job.Worker] = Fraction.Zero;
                    workerScores[job.Worker] = [Fraction.Zero, Fraction.Zero];
                }

                workerHours[job.Worker] += Fraction.Of(job.Hours);
                foreach (var held in job.Tasks)
                {
                    var x = Fraction.Of(held.Hours);
                    workerScores[job.Worker][0] += ratings[held.Task].E * x;
                    workerScores[job.Worker][1] += ratings[held.Task].D * x;
                }
            }
        }

        Fraction[] averages = [totals[0] / hours, totals[1] / hours];
        Fraction[] maxDeviation = [Fraction.Zero, Fraction.Zero];
        var scores = new List<HorizonScore>();
        foreach (var worker in order)
        {
            Fraction[] score = [workerScores[worker][0] / workerHours[worker], workerScores[worker][1] / workerHours[worker]];
            for (var k = 0; k < 2; k++)
            {
                maxDeviation[k] = Fraction.Max(maxDeviation[k], (score[k] - averages[k]).Abs());
            }

            scores.Add(new HorizonScore(worker, workerHours[worker].ToDecimal(), score[0].ToDecimal(), score[1].ToDecimal()));
        }

        var horizon = (Fraction.Of(weights.Empowerment) * maxDeviation[0]) + (Fraction.Of(weights.Desirability) * maxDeviation[1]);
        var worst = (Fraction.Of(weights.Empowerment) * worstPeriod[0]) + (Fraction.Of(weights.Desirability) * worstPeriod[1]);
        return result with
        {
            Periods = plans,
            Workers = scores,
            AverageEmpowerment = averages[0].ToDecimal(),
            AverageDesirability = averages[1].ToDecimal(),
            HorizonObjective = horizon.ToDecimal(),
            WorstPeriodObjective = worst.ToDecimal(),
            TaskSwitches = Switches(plans),
            ReassignedHours = plans[0].Costs.ReassignedHours + Enumerable.Range(1, plans.Count - 1).Sum(period => TakenUp(plans[period - 1], plans[period])),
            TrainingHours = Training(snapshots, plans),
            Fragments = plans.Sum(p => p.Costs.Fragments),
        };
    }

    /// <summary>Tasks taken up or given up between consecutive periods, over every worker present in both.</summary>
    private static int Switches(IReadOnlyList<Plan> plans)
    {
        var switches = 0;
        for (var period = 1; period < plans.Count; period++)
        {
            var before = plans[period - 1].Jobs.ToDictionary(j => j.Worker, j => j.Tasks.Select(t => t.Task).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var job in plans[period].Jobs)
            {
                if (before.TryGetValue(job.Worker, out var held))
                {
                    var now = job.Tasks.Select(t => t.Task).ToHashSet(StringComparer.Ordinal);
                    switches += now.Count(t => !held.Contains(t)) + held.Count(t => !now.Contains(t));
                }
            }
        }

        return switches;
    }

    /// <summary>The hours each worker holds in <paramref name="now"/> above what they held in <paramref name="before"/>, task by task.</summary>
    private static decimal TakenUp(Plan before, Plan now) =>
        now.Jobs.Sum(job => job.Tasks.Sum(held => Math.Max(0, held.Hours - before.HoursOf(job.Worker, held.Task))));

    /// <summary>Each skill a worker newly needs, counted once over the horizon at its training hours.</summary>
    private static decimal Training(IReadOnlyList<Workplace> snapshots, IReadOnlyList<Plan> plans)
    {
        var skills = snapshots[0].Skills.ToDictionary(s => s.Id, s => s.TrainingHours, StringComparer.Ordinal);
        return plans.SelectMany(p => p.Jobs).SelectMany(j => j.NewSkills.Select(skill => (j.Worker, skill))).Distinct().Sum(e => skills[e.skill]);
    }
}
