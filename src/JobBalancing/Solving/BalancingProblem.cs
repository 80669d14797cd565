using System.Numerics;
using JobBalancing.Analysis;
using JobBalancing.Domain;

namespace JobBalancing.Solving;

/// <summary>
/// A workplace compiled to integers: hours in hour units, ratings and weights scaled to whole numbers, and the
/// (worker, task) pairs that may carry hours with their bounds. Every solver and the model builder work on this; the
/// domain never sees it. A region or a horizon compiles to the same shape with more rows.
/// </summary>
/// <remarks>
/// The balance of worker <c>w</c> is measured exactly in integers: with <c>S_w = Σ_t e_t·x[w,t]</c> (scaled ratings),
/// <c>T</c> the total hours and <c>A = Σ_t e_t·h_t</c>, the deviation <c>|S_w/H_w − A/T|</c> equals
/// <c>|T·S_w − A·H_w|·(L/H_w) / (L·T)</c> for <c>L</c> the least common multiple of the workers' hours, so
/// <c>Δ·L·T·ratingScale</c> is a whole number. When <c>L</c> would make the numbers too large for the solver, the
/// builder measures in coarser steps and says so (<see cref="IsExact"/>).
/// </remarks>
internal sealed class BalancingProblem
{
    private BalancingProblem(Workplace workplace) => Workplace = workplace;

    public Workplace Workplace { get; }

    public int WorkerCount => WorkerHours.Length;

    public int TaskCount => TaskHours.Length;

    /// <summary><c>H_w</c> in hour units.</summary>
    public int[] WorkerHours { get; private init; } = [];

    /// <summary><c>h_t</c> in hour units.</summary>
    public int[] TaskHours { get; private init; } = [];

    /// <summary>Scaled ratings: <c>e_t·RatingScale</c> and <c>d_t·RatingScale</c>.</summary>
    public long[][] Ratings { get; private init; } = [];

    /// <summary>The factor ratings were multiplied by to make them whole: a power of ten.</summary>
    public long RatingScale { get; private init; }

    /// <summary>Scaled weights <c>wE</c>, <c>wD</c>, and the power of ten they were multiplied by.</summary>
    public long[] Weights { get; private init; } = [];

    public long WeightScale { get; private init; }

    /// <summary><c>Σ_t e_t·h_t</c> and <c>Σ_t d_t·h_t</c>, scaled.</summary>
    public long[] RatingTotals { get; private init; } = [];

    /// <summary><c>T = Σ_t h_t</c> in units.</summary>
    public long TotalHours { get; private init; }

    /// <summary>
    /// <c>Q</c>: the deviation of worker w is constrained as <c>Q·|T·S_w − A·H_w| ≤ H_w·D</c>, so that
    /// <c>Δ = D / (Q·T·RatingScale)</c>. With <c>Q = L</c> (lcm of worker hours) this is exact.
    /// </summary>
    public long DeviationScale { get; private init; }

    /// <summary>Whether <see cref="DeviationScale"/> is the lcm of worker hours, making the integer objective exact.</summary>
    public bool IsExact { get; private init; }

    /// <summary>The pairs that may carry hours, grouped by worker.</summary>
    public Pair[] Pairs { get; private init; } = [];

    /// <summary>Indexes into <see cref="Pairs"/> for each worker and each task.</summary>
    public int[][] PairsOfWorker { get; private init; } = [];

    public int[][] PairsOfTask { get; private init; } = [];

    /// <summary>Skills, with their training hours scaled to whole numbers (by a power of ten) for the tie-break.</summary>
    public Skill[] Skills { get; private init; } = [];

    public long[] TrainingCost { get; private init; } = [];

    /// <summary>The fragmentation limit, or the task count when there is none.</summary>
    public int MaxTasksPerWorker { get; private init; }

    /// <summary>Whether each worker has a current assignment that reassignment is measured against.</summary>
    public bool[] HasCurrent { get; private init; } = [];

    /// <summary>
    /// Classes of workers interchangeable for balance: same hours, skills, fixed and excluded tasks. Their current
    /// assignments may differ, which matters only to the tie-breaks, so the balance stage may order them.
    /// </summary>
    public int[][] BalanceClasses { get; private init; } = [];

    /// <summary>The denominator that turns the integer objective <c>wE'·D_E + wD'·D_D</c> into rating points.</summary>
    public BigInteger ObjectiveDenominator => (BigInteger)DeviationScale * TotalHours * RatingScale * WeightScale;

    /// <summary>
    /// An integer objective <c>wE'·D_E + wD'·D_D</c> in rating points. With inexact scaling each <c>D</c> was rounded
    /// up, so a bound gives back one step per weight to stay a proven bound.
    /// </summary>
    public decimal ToRatingPoints(long objective)
    {
        var slack = IsExact || objective == 0 ? 0 : Weights[0] + Weights[1];
        return new Fraction(Math.Max(0, objective - slack), ObjectiveDenominator).ToDecimal();
    }

    /// <summary>The current assignment as a plan (hours per pair), with hours on pairs no longer allowed dropped.</summary>
    public int[] CurrentPlan() => [.. Pairs.Select(p => p.Current)];

    /// <summary>
    /// Whether <paramref name="plan"/> keeps every rule: coverage, capacity, chunks, service limits, fixed hours and
    /// the fragmentation limit (qualification and exclusions hold by construction of the pairs).
    /// </summary>
    public bool Keeps(int[] plan)
    {
        for (var p = 0; p < Pairs.Length; p++)
        {
            var (x, pair) = (plan[p], Pairs[p]);
            if ((x != 0 || pair.Fixed > 0) && (x < pair.Lowest || x > pair.Upper))
            {
                return false;
            }
        }

        return PairsOfTask.Select((pairs, t) => pairs.Sum(p => plan[p]) == TaskHours[t]).All(covered => covered)
            && PairsOfWorker.Select((pairs, w) => pairs.Sum(p => plan[p]) == WorkerHours[w] && pairs.Count(p => plan[p] > 0) <= MaxTasksPerWorker)
                .All(kept => kept);
    }

    /// <summary>
    /// The same plan with the jobs of interchangeable workers handed out in descending order of empowerment, the order
    /// the balance model's symmetry breaking demands: as balanced, and a hint that model accepts.
    /// </summary>
    public int[] OrderedWithinClasses(int[] plan)
    {
        var ordered = (int[])plan.Clone();
        foreach (var group in BalanceClasses.Where(g => g.Length > 1))
        {
            var jobs = group.Select(w => PairsOfWorker[w].Select(p => plan[p]).ToArray())
                .OrderByDescending(job => job.Select((x, i) => Ratings[0][Pairs[PairsOfWorker[group[0]][i]].Task] * x).Sum())
                .ToArray();
            for (var i = 0; i < group.Length; i++)
            {
                var pairs = PairsOfWorker[group[i]];
                for (var j = 0; j < pairs.Length; j++)
                {
                    ordered[pairs[j]] = jobs[i][j];
                }
            }
        }

        return ordered;
    }

    /// <summary>A plan's hours per pair, in units, as hours per worker and task.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> ToHours(int[] plan)
    {
        var hours = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(WorkerCount, StringComparer.Ordinal);
        for (var w = 0; w < WorkerCount; w++)
        {
            var tasks = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var p in PairsOfWorker[w].Where(p => plan[p] > 0))
            {
                tasks[Workplace.Tasks[Pairs[p].Task].Id] = plan[p] * Workplace.HourUnit;
            }

            hours[Workplace.Workers[w].Id] = tasks;
        }

        return hours;
    }

    public static BalancingProblem Compile(Workplace workplace)
    {
        var unit = workplace.HourUnit;
        int Units(decimal hours) => checked((int)(hours / unit));

        var tasks = workplace.Tasks;
        var workers = workplace.Workers;
        var ratingDecimals = tasks.Max(t => Math.Max(Numbers.Decimals(t.Empowerment), Numbers.Decimals(t.Desirability)));
        var ratingScale = Pow10(ratingDecimals);
        long[][] ratings =
        [
            [.. tasks.Select(t => (long)(t.Empowerment * ratingScale))],
            [.. tasks.Select(t => (long)(t.Desirability * ratingScale))],
        ];
        var weightScale = Pow10(Math.Max(Numbers.Decimals(workplace.Weights.Empowerment), Numbers.Decimals(workplace.Weights.Desirability)));
        long[] weights = [(long)(workplace.Weights.Empowerment * weightScale), (long)(workplace.Weights.Desirability * weightScale)];

        var taskHours = tasks.Select(t => Units(t.Hours)).ToArray();
        var workerHours = workers.Select(w => Units(w.Hours)).ToArray();
        var total = taskHours.Sum(h => (long)h);
        long[] totals = [.. ratings.Select(r => r.Select((v, t) => v * taskHours[t]).Sum())];

        var (deviationScale, exact) = ChooseDeviationScale(workerHours, total, ratings, ratingScale);

        var skillIndex = workplace.Skills.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var pairs = new List<Pair>();
        for (var w = 0; w < workers.Count; w++)
        {
            var worker = workers[w];
            for (var t = 0; t < tasks.Count; t++)
            {
                var task = tasks[t];
                var fixedUnits = worker.Fixed.TryGetValue(task.Id, out var f) ? Units(f) : 0;
                if (worker.Excluded.Contains(task.Id))
                {
                    continue;
                }

                var needsTraining = task.Skill is { } skill && !worker.Skills.Contains(skill);
                if (needsTraining && !workplace.Rules.AllowTraining)
                {
                    continue;
                }

                var chunk = task.MinChunk is { } c ? Units(c) : 1;
                var upper = Math.Min(Math.Min(workerHours[w], taskHours[t]), task.MaxPerWorker is { } m ? Units(m) : int.MaxValue);
                if (upper < Math.Max(chunk, 1) && fixedUnits == 0)
                {
                    // Nobody could hold this pair; a fixed pair stays, empty, for FeasibilityCheck to explain.
                    continue;
                }

                pairs.Add(new Pair(
                    w, t, fixedUnits, upper, Math.Max(chunk, 1),
                    needsTraining ? skillIndex[task.Skill!] : -1,
                    worker.Current.TryGetValue(task.Id, out var cur) ? Units(cur) : 0));
            }
        }

        var pairArray = pairs.ToArray();
        return new BalancingProblem(workplace)
        {
            WorkerHours = workerHours,
            TaskHours = taskHours,
            Ratings = ratings,
            RatingScale = ratingScale,
            Weights = weights,
            WeightScale = weightScale,
            RatingTotals = totals,
            TotalHours = total,
            DeviationScale = deviationScale,
            IsExact = exact,
            Pairs = pairArray,
            PairsOfWorker = Group(pairArray, workers.Count, p => p.Worker),
            PairsOfTask = Group(pairArray, tasks.Count, p => p.Task),
            Skills = [.. workplace.Skills],
            TrainingCost = ScaledToWhole(workplace.Skills.Select(s => s.TrainingHours)),
            MaxTasksPerWorker = Math.Min(workplace.Rules.MaxTasksPerWorker ?? tasks.Count, tasks.Count),
            HasCurrent = [.. workers.Select(w => w.Current.Count > 0)],
            BalanceClasses = BalanceClassesOf(workers),
        };
    }

    /// <summary>
    /// The integer deviation of worker <paramref name="w"/> in dimension <paramref name="k"/> (0 empowerment,
    /// 1 desirability) for its scaled score sum <paramref name="score"/>: <c>⌈Q·|T·S_w − A·H_w| / H_w⌉</c>.
    /// </summary>
    public long ScaledDeviation(int k, int w, long score)
    {
        var raw = BigInteger.Abs((BigInteger)TotalHours * score - (BigInteger)RatingTotals[k] * WorkerHours[w]) * DeviationScale;
        var q = BigInteger.DivRem(raw, WorkerHours[w], out var remainder);
        return (long)(remainder.IsZero ? q : q + 1);
    }

    /// <summary>The largest coefficient magnitude the deviation rows would have, to keep CP-SAT clear of overflow.</summary>
    private static (long Scale, bool Exact) ChooseDeviationScale(int[] workerHours, long total, long[][] ratings, long ratingScale)
    {
        const double Limit = 1e15;
        long lcm = 1;
        foreach (var h in workerHours.Distinct())
        {
            lcm = lcm / (long)BigInteger.GreatestCommonDivisor(lcm, h) * h;
            if (lcm > 1e12)
            {
                return (1, false);
            }
        }

        var maxRating = ratings.SelectMany(r => r).Select(Math.Abs).DefaultIfEmpty(1).Max();
        var maxHours = workerHours.DefaultIfEmpty(1).Max();
        var magnitude = (double)lcm * total * Math.Max(maxRating, ratingScale) * maxHours;
        return magnitude < Limit ? (lcm, true) : (1, false);
    }

    /// <summary>Non-negative decimals times the least power of ten that makes them all whole.</summary>
    private static long[] ScaledToWhole(IEnumerable<decimal> values)
    {
        var list = values.ToArray();
        var scale = Pow10(list.Select(Numbers.Decimals).DefaultIfEmpty(0).Max());
        return [.. list.Select(v => checked((long)(v * scale)))];
    }

    private static long Pow10(int decimals)
    {
        long result = 1;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static int[][] Group(Pair[] pairs, int count, Func<Pair, int> key)
    {
        var lists = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < pairs.Length; i++)
        {
            lists[key(pairs[i])].Add(i);
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    private static int[][] BalanceClassesOf(IReadOnlyList<Worker> workers)
    {
        static string Signature(Worker w) => string.Join('|',
            w.Hours,
            string.Join(',', w.Skills.Order(StringComparer.Ordinal)),
            string.Join(',', w.Fixed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            string.Join(',', w.Excluded.Order(StringComparer.Ordinal)));

        return [.. workers.Select((w, i) => (Signature(w), i))
            .GroupBy(p => p.Item1, StringComparer.Ordinal)
            .Select(g => g.Select(p => p.i).ToArray())];
    }
}

/// <summary>A (worker, task) pair that may carry hours: <c>fixed ≤ x ≤ upper</c> and <c>x = 0 or x ≥ chunk</c>.</summary>
/// <param name="Worker">The worker's index.</param>
/// <param name="Task">The task's index.</param>
/// <param name="Fixed">The fixed least hours, in units.</param>
/// <param name="Upper">The most hours, in units.</param>
/// <param name="Chunk">The least nonzero hours, in units.</param>
/// <param name="TrainingSkill">The index of the skill the worker would have to learn, or -1.</param>
/// <param name="Current">The worker's current hours in the task, in units.</param>
internal readonly record struct Pair(int Worker, int Task, int Fixed, int Upper, int Chunk, int TrainingSkill, int Current)
{
    /// <summary>The values <c>x</c> may take: 0 (unless fixed) and <c>max(chunk, fixed)..upper</c>.</summary>
    public int Lowest => Math.Max(Chunk, Fixed);
}
