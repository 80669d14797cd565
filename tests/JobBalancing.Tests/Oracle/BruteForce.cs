using JobBalancing.Domain;

namespace JobBalancing.Tests.Oracle;

/// <summary>What enumerating every plan of a tiny workplace found.</summary>
/// <param name="PlanCount">How many plans keep all seven rules.</param>
/// <param name="Best">
/// The least objective, and among plans with it the least training hours, then among those the least reassigned hours,
/// then the fewest fragments; <see langword="null"/> when no plan keeps every rule.
/// </param>
/// <param name="BestPlan">A plan that reaches <paramref name="Best"/>, hours in workplace order.</param>
internal sealed record BruteForceResult(int PlanCount, BruteForceOptimum? Best, decimal[,]? BestPlan);

/// <summary>The lexicographic optimum: balance, then training, reassignment and fragments.</summary>
internal sealed record BruteForceOptimum(Rational Objective, decimal TrainingHours, decimal ReassignedHours, int Fragments)
{
    /// <summary>
    /// Whether the optimum's objective is at least <paramref name="bound"/>, as every lower bound's must be: a bound equal
    /// to the optimum may read a last digit above it once rounded to a decimal.
    /// </summary>
    public bool IsAtLeast(decimal bound) => Rational.Of(bound) <= Objective || Objective.IsCloseTo(bound);
}

/// <summary>
/// The oracle for tiny workplaces: enumerates every integer assignment <c>x[w,t]</c> in hour units that keeps the seven
/// rules and scores each one exactly. It knows nothing of the solver's model; it only reads DESIGN.md's contract.
/// </summary>
internal static class BruteForce
{
    /// <summary>Enumerating beyond this many candidate plans means the workplace is not tiny.</summary>
    private const long MaxCandidates = 5_000_000;

    public static BruteForceResult Solve(Workplace workplace)
    {
        var search = new Enumeration(workplace, visit: null);
        search.Run();
        return new BruteForceResult(search.PlanCount, search.Best, search.BestPlan);
    }

    /// <summary>Every plan that keeps the seven rules: hours in workplace order (<c>[worker, task]</c>).</summary>
    public static List<decimal[,]> AllPlans(Workplace workplace)
    {
        var plans = new List<decimal[,]>();
        new Enumeration(workplace, plans.Add).Run();
        return plans;
    }

    private sealed class Enumeration
    {
        private readonly Workplace _workplace;
        private readonly int _workers;
        private readonly int _tasks;
        private readonly int[] _workerUnits;
        private readonly int[] _taskUnits;
        private readonly bool[,] _zeroAllowed;
        private readonly int[,] _lowest;
        private readonly int[,] _highest;
        private readonly int _maxTasks;
        private readonly int[,] _x;
        private readonly int[] _left;
        private readonly Action<decimal[,]>? _visit;
        private long _candidates;

        public Enumeration(Workplace workplace, Action<decimal[,]>? visit)
        {
            _visit = visit;
            _workplace = workplace;
            _workers = workplace.Workers.Count;
            _tasks = workplace.Tasks.Count;
            _workerUnits = [.. workplace.Workers.Select(w => Units(w.Hours))];
            _taskUnits = [.. workplace.Tasks.Select(t => Units(t.Hours))];
            _maxTasks = workplace.Rules.MaxTasksPerWorker ?? _tasks;
            _zeroAllowed = new bool[_workers, _tasks];
            _lowest = new int[_workers, _tasks];
            _highest = new int[_workers, _tasks];
            for (var w = 0; w < _workers; w++)
            {
                var worker = workplace.Workers[w];
                for (var t = 0; t < _tasks; t++)
                {
                    var task = workplace.Tasks[t];
                    var fixedUnits = Units(worker.Fixed.GetValueOrDefault(task.Id));

                    // Rule 7 (fixed): x ≥ fixed, so 0 only when nothing is fixed.
                    _zeroAllowed[w, t] = fixedUnits == 0;

                    // Rules 3 (qualification) and 7 (excluded) forbid any hours; rule 4 (chunk) and 5 (service limit) bound them.
                    var mayHold = !worker.Excluded.Contains(task.Id)
                        && (task.Skill is null || worker.Skills.Contains(task.Skill) || workplace.Rules.AllowTraining);
                    _lowest[w, t] = Math.Max(Math.Max(1, Units(task.MinChunk ?? workplace.HourUnit)), fixedUnits);
                    _highest[w, t] = mayHold ? (task.MaxPerWorker is { } limit ? Units(limit) : int.MaxValue) : 0;
                }
            }

            _x = new int[_workers, _tasks];
            _left = (int[])_taskUnits.Clone();
        }

        public int PlanCount { get; private set; }

        public BruteForceOptimum? Best { get; private set; }

        public decimal[,]? BestPlan { get; private set; }

        public void Run() => FillWorker(0, 0, _workers > 0 ? _workerUnits[0] : 0, 0);

        private int Units(decimal hours) => checked((int)(hours / _workplace.HourUnit));

        private bool Allowed(int w, int t, int units) =>
            units == 0 ? _zeroAllowed[w, t] : units >= _lowest[w, t] && units <= _highest[w, t];

        /// <summary>Chooses <c>x[w,t]</c> for t onwards, with <paramref name="need"/> units of the worker still to place.</summary>
        private void FillWorker(int w, int t, int need, int held)
        {
            if (++_candidates > MaxCandidates)
            {
                throw new InvalidOperationException("The workplace is too large to enumerate.");
            }

            if (w == _workers)
            {
                Score();
                return;
            }

            if (w == _workers - 1)
            {
                // The last worker takes whatever each task still needs (rule 1); totals balance, so that fills their hours (rule 2).
                var count = 0;
                for (var task = 0; task < _tasks; task++)
                {
                    if (!Allowed(w, task, _left[task]))
                    {
                        return;
                    }

                    count += _left[task] > 0 ? 1 : 0;
                }

                if (count > _maxTasks)
                {
                    return;
                }

                for (var task = 0; task < _tasks; task++)
                {
                    _x[w, task] = _left[task];
                }

                Score();
                return;
            }

            if (t == _tasks)
            {
                if (need == 0)
                {
                    FillWorker(w + 1, 0, _workerUnits[w + 1], 0);
                }

                return;
            }

            var most = Math.Min(need, _left[t]);
            for (var units = 0; units <= most; units++)
            {
                if (!Allowed(w, t, units) || (t == _tasks - 1 && units != need))
                {
                    continue;
                }

                var nowHeld = held + (units > 0 ? 1 : 0);
                if (nowHeld > _maxTasks)
                {
                    continue;
                }

                _x[w, t] = units;
                _left[t] -= units;
                FillWorker(w, t + 1, need - units, nowHeld);
                _left[t] += units;
                _x[w, t] = 0;
            }
        }

        private void Score()
        {
            PlanCount++;
            var hours = new decimal[_workers, _tasks];
            for (var w = 0; w < _workers; w++)
            {
                for (var t = 0; t < _tasks; t++)
                {
                    hours[w, t] = _x[w, t] * _workplace.HourUnit;
                }
            }

            _visit?.Invoke(hours);
            var scores = Contract.Score(_workplace, hours);
            var candidate = new BruteForceOptimum(scores.Objective, scores.TrainingHours, scores.ReassignedHours, scores.Fragments);
            if (Best is null || IsBetter(candidate, Best))
            {
                (Best, BestPlan) = (candidate, hours);
            }
        }

        private static bool IsBetter(BruteForceOptimum a, BruteForceOptimum b)
        {
            var objective = a.Objective.CompareTo(b.Objective);
            if (objective != 0)
            {
                return objective < 0;
            }

            if (a.TrainingHours != b.TrainingHours)
            {
                return a.TrainingHours < b.TrainingHours;
            }

            return a.ReassignedHours != b.ReassignedHours ? a.ReassignedHours < b.ReassignedHours : a.Fragments < b.Fragments;
        }
    }
}
