using System.Numerics;
using JobBalancing.Analysis;
using JobBalancing.Domain;

namespace JobBalancing.Solving;

/// <summary>
/// A <see cref="BalancingSpec"/> compiled to integers: hours in hour units, ratings and weights scaled to whole numbers,
/// and the (worker, task) pairs that may carry hours with their bounds. Every solver and the model builder work on this;
/// the domain never sees it.
/// </summary>
/// <remarks>
/// <para>
/// A "task" here is one task of one site in one period (a cell); a worker holds hours in a period's tasks up to their
/// hours in that period, at most <c>maxTasksPerWorker</c> of them per period. A single workplace is one site over one
/// period, and then the cells are its tasks.
/// </para>
/// <para>
/// Balance is measured on <em>rows</em>: a row is one worker's hours in one balance group (all cells for
/// <see cref="BalanceMeasure.OverHorizon"/>, one period's for <see cref="BalanceMeasure.EveryPeriod"/>), and every pair
/// belongs to exactly one row. The deviation of row <c>r</c> in group <c>g</c>, <c>|S_r/H_r − A_g/T_g|</c>, is measured
/// exactly in integers: with <c>M</c> a common multiple of every <c>T_g·H_r</c> and <c>c_g = M/T_g</c>,
/// <c>Δ·M·ratingScale = c_g·|T_g·S_r − A_g·H_r| / H_r</c> is a whole number. When <c>M</c> would make the numbers too large
/// for the solver, the builder measures in coarser steps (<c>c_g = ⌊M/T_g⌋</c>, which never overstates a deviation) and
/// says so (<see cref="IsExact"/>).
/// </para>
/// </remarks>
internal sealed class BalancingProblem
{
    private BalancingProblem(BalancingSpec spec) => Spec = spec;

    public BalancingSpec Spec { get; }

    public int WorkerCount => WorkerHours.Length;

    public int TaskCount => TaskHours.Length;

    public int PeriodCount { get; private init; }

    public int SiteCount => Spec.Sites.Count;

    /// <summary>The hour unit every site shares: one unit of the integer model.</summary>
    public decimal HourUnit { get; private init; }

    /// <summary><c>h_t</c> in hour units, for every task of every site and period.</summary>
    public int[] TaskHours { get; private init; } = [];

    /// <summary>Each task's site and period, and its index in that site's snapshot of that period.</summary>
    public int[] TaskSite { get; private init; } = [];

    public int[] TaskPeriod { get; private init; } = [];

    private int[] TaskIndex { get; init; } = [];

    /// <summary>Scaled ratings: <c>e_t·RatingScale</c> and <c>d_t·RatingScale</c>.</summary>
    public long[][] Ratings { get; private init; } = [];

    /// <summary>The factor ratings were multiplied by to make them whole: a power of ten.</summary>
    public long RatingScale { get; private init; }

    /// <summary>Scaled weights <c>wE</c>, <c>wD</c>, and the power of ten they were multiplied by.</summary>
    public long[] Weights { get; private init; } = [];

    public long WeightScale { get; private init; }

    /// <summary><c>H_w</c> over all periods, in units.</summary>
    public int[] WorkerHours { get; private init; } = [];

    /// <summary>Each worker's hours in each period, in units: what their tasks in that period must add up to.</summary>
    public int[][] WorkerPeriodHours { get; private init; } = [];

    /// <summary>Each worker's home site.</summary>
    public int[] WorkerHome { get; private init; } = [];

    /// <summary>Each worker as the domain knows them: their home site's snapshot of the first period they work in.</summary>
    private Worker[] WorkerRecords { get; init; } = [];

    /// <summary>The most tasks each worker may hold in one period: their home site's rule, or no limit.</summary>
    public int[] MaxTasks { get; private init; } = [];

    /// <summary>The pairs that may carry hours, grouped by worker.</summary>
    public Pair[] Pairs { get; private init; } = [];

    /// <summary>Indexes into <see cref="Pairs"/> for each worker, each (worker, period), and each task.</summary>
    public int[][] PairsOfWorker { get; private init; } = [];

    public int[][][] PairsOfWorkerPeriod { get; private init; } = [];

    public int[][] PairsOfTask { get; private init; } = [];

    /// <summary>Whether each pair is at a site other than the worker's home.</summary>
    public bool[] IsSecondary { get; private init; } = [];

    /// <summary>The balance rows: a worker's hours in one balance group (see the remarks).</summary>
    public BalanceRow[] Rows { get; private init; } = [];

    /// <summary>The row each pair counts in; the rows of each worker; the pairs of each row.</summary>
    public int[] RowOfPair { get; private init; } = [];

    public int[][] RowsOfWorker { get; private init; } = [];

    public int[][] PairsOfRow { get; private init; } = [];

    /// <summary>Each balance group's <c>A_g = Σ e_t·h_t</c> and <c>Σ d_t·h_t</c> (scaled), as <c>[dimension][group]</c>.</summary>
    public long[][] GroupTotals { get; private init; } = [];

    /// <summary>Each balance group's <c>T_g = Σ h_t</c>, in units.</summary>
    public long[] GroupHours { get; private init; } = [];

    /// <summary><c>c_g</c>: the deviation row of group g is <c>c_g·|T_g·S_r − A_g·H_r| ≤ H_r·D</c>.</summary>
    public long[] GroupFactor { get; private init; } = [];

    /// <summary><c>M</c>: the integer objective is <c>Δ·M·RatingScale</c> per dimension.</summary>
    public long DeviationScale { get; private init; }

    /// <summary>Whether the integer deviations are exact (<c>c_g = M/T_g</c> with <c>M</c> a multiple of every <c>T_g·H_r</c>).</summary>
    public bool IsExact { get; private init; }

    /// <summary>Service limits: for each, the most consecutive periods and the tasks it covers in each period.</summary>
    public ServiceWindow[] ServiceWindows { get; private init; } = [];

    /// <summary>
    /// Least stays, per worker: for each task (by site and id) the worker would be trained for, the pair in each period
    /// (-1 where there is none); and the least number of consecutive periods once started.
    /// </summary>
    public int[][][] StayChains { get; private init; } = [];

    public int MinStayPeriods { get; private init; }

    /// <summary>
    /// With a period tolerance, the most <c>|T_p·S_wp − A_p·H_wp|</c> may be for each worker and period, as
    /// <c>[w][period]</c> (scaled like the ratings); <see langword="null"/> without one.
    /// </summary>
    public long[][]? ToleranceCaps { get; private init; }

    /// <summary>Each period's <c>T_p</c> and <c>A_p</c> per dimension (scaled), for the period tolerance.</summary>
    public long[] PeriodHours { get; private init; } = [];

    public long[][] PeriodTotals { get; private init; } = [];

    /// <summary>Whether any rule ties a worker's periods together or limits a period's balance.</summary>
    /// <remarks>Set once at compile time: the swap search asks it on every move.</remarks>
    public bool HasRotationRules { get; private init; }

    /// <summary>Skills by id over every site, with their training hours scaled to whole numbers (by a power of ten) for the tie-break.</summary>
    public Skill[] Skills { get; private init; } = [];

    public long[] TrainingCost { get; private init; } = [];

    /// <summary>Whether each worker has a current assignment that reassignment in the first period is measured against.</summary>
    public bool[] HasCurrent { get; private init; } = [];

    /// <summary>For each pair in a later period, the same worker's pair of the same task in the period before; -1 when none.</summary>
    public int[] PreviousPair { get; private init; } = [];

    /// <summary>
    /// The hours pair p takes up that its worker did not hold before: above the current assignment in the first period
    /// (nothing for a worker without one), above the period before in later periods.
    /// </summary>
    public int Reassigned(int p, int[] plan) => Math.Max(0, plan[p] - HeldBefore(p, plan));

    /// <summary>
    /// The hours of pair p's task its worker held before, which <see cref="Reassigned"/> counts against: the current
    /// assignment's in the first period, the plan's in the period before in later periods (0 without such a pair). A
    /// worker without a current assignment counts nothing as reassigned in the first period, so there it is
    /// <see cref="int.MaxValue"/>: more than any pair may hold.
    /// </summary>
    public int HeldBefore(int p, int[] plan)
    {
        if (TaskPeriod[Pairs[p].Task] > 0)
        {
            return PreviousPair[p] is var previous && previous >= 0 ? plan[previous] : 0;
        }

        return HasCurrent[Pairs[p].Worker] ? Pairs[p].Current : int.MaxValue;
    }

    /// <summary>
    /// Classes of workers interchangeable for balance: same home, hours, skills, fixed and excluded tasks in every period.
    /// Their current assignments may differ, which matters only to the tie-breaks, so the balance stage may order them.
    /// </summary>
    public int[][] BalanceClasses { get; private init; } = [];

    /// <summary>The denominator that turns the integer objective <c>wE'·D_E + wD'·D_D</c> into rating points.</summary>
    public BigInteger ObjectiveDenominator => (BigInteger)DeviationScale * RatingScale * WeightScale;

    /// <summary>The workplace of a single-site, single-period problem.</summary>
    public Workplace Workplace => Spec.Sites[0][0];

    /// <summary>The domain task behind task <paramref name="t"/>.</summary>
    public WorkTask Task(int t) => Snapshot(TaskSite[t], TaskPeriod[t]).Tasks[TaskIndex[t]];

    /// <summary>The domain worker behind worker <paramref name="w"/>.</summary>
    public Worker Worker(int w) => WorkerRecords[w];

    /// <summary>A site's workplace in a period.</summary>
    public Workplace Snapshot(int site, int period) => Spec.Sites[site][period];

    /// <summary>
    /// An integer objective <c>wE'·D_E + wD'·D_D</c> in rating points. With inexact scaling each <c>D</c> was rounded
    /// up, so a bound gives back one step per weight to stay a proven bound.
    /// </summary>
    public decimal ToRatingPoints(long objective)
    {
        var slack = IsExact || objective == 0 ? 0 : Weights[0] + Weights[1];
        return new Fraction(Math.Max(0, objective - slack), ObjectiveDenominator).ToDecimal();
    }

    /// <summary>
    /// The largest integer objective whose value in rating points is at most <paramref name="points"/>: a cap that keeps
    /// every plan it admits within that level (exactly so when <see cref="IsExact"/>).
    /// </summary>
    public long FromRatingPoints(decimal points)
    {
        var level = Fraction.Of(points);
        var units = level.Numerator * ObjectiveDenominator / level.Denominator;
        return units > long.MaxValue ? long.MaxValue : (long)units;
    }

    /// <summary>The current assignment as a plan (hours per pair), with hours on pairs no longer allowed dropped.</summary>
    public int[] CurrentPlan() => [.. Pairs.Select(p => p.Current)];

    /// <summary>
    /// Whether <paramref name="plan"/> keeps every rule: coverage, capacity, chunks, service limits, fixed hours, the
    /// fragmentation limit and the rules of work at other sites (qualification and exclusions hold by construction).
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

        if (!PairsOfTask.Select((pairs, t) => pairs.Sum(p => plan[p]) == TaskHours[t]).All(covered => covered))
        {
            return false;
        }

        for (var w = 0; w < WorkerCount; w++)
        {
            for (var period = 0; period < PeriodCount; period++)
            {
                var pairs = PairsOfWorkerPeriod[w][period];
                if (pairs.Sum(p => plan[p]) != WorkerPeriodHours[w][period] || pairs.Count(p => plan[p] > 0) > MaxTasks[w])
                {
                    return false;
                }
            }
        }

        return (Spec.Mixing is null || KeepsMixing(plan))
            && Enumerable.Range(0, WorkerCount).All(w => KeepsRotation(w, p => plan[p]));
    }

    /// <summary>
    /// Whether worker w keeps the rotation rules with hours <paramref name="x"/> per pair: no more consecutive periods
    /// of service than each limit allows, the least stay in each task they were trained for, and the period tolerance.
    /// </summary>
    public bool KeepsRotation(int w, Func<int, int> x)
    {
        foreach (var window in ServiceWindows)
        {
            var run = 0;
            for (var period = 0; period < PeriodCount; period++)
            {
                var serves = PairsOfWorkerPeriod[w][period].Any(p => x(p) > 0 && window.Covers(Pairs[p].Task));
                run = serves ? run + 1 : 0;
                if (run > window.MaxConsecutive)
                {
                    return false;
                }
            }
        }

        foreach (var chain in StayChains[w])
        {
            for (var period = 0; period < PeriodCount; period++)
            {
                var starts = Holds(chain, period, x) && (period == 0 || !Holds(chain, period - 1, x));
                for (var later = period + 1; starts && later < period + MinStayPeriods && later < PeriodCount && chain[later] >= 0; later++)
                {
                    if (!Holds(chain, later, x))
                    {
                        return false;
                    }
                }
            }
        }

        if (ToleranceCaps is { } caps)
        {
            for (var period = 0; period < PeriodCount; period++)
            {
                for (var k = 0; k < 2; k++)
                {
                    long score = 0;
                    foreach (var p in PairsOfWorkerPeriod[w][period])
                    {
                        score += Ratings[k][Pairs[p].Task] * x(p);
                    }

                    var gap = BigInteger.Abs(((BigInteger)PeriodHours[period] * score) - ((BigInteger)PeriodTotals[k][period] * WorkerPeriodHours[w][period]));
                    if (gap > caps[w][period])
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    private static bool Holds(int[] chain, int period, Func<int, int> x) => chain[period] >= 0 && x(chain[period]) > 0;

    /// <summary>Whether worker w holds any hours away from their home site in <paramref name="plan"/>.</summary>
    public bool IsAway(int[] plan, int w) => PairsOfWorker[w].Any(p => IsSecondary[p] && plan[p] > 0);

    /// <summary>The most hours worker w may hold at other sites in a period.</summary>
    public int SecondaryCap(int w, int period) =>
        Spec.Mixing is { WholeWorkers: false } mixing ? (int)Math.Floor(WorkerPeriodHours[w][period] * mixing.MaxSecondaryShare) : WorkerPeriodHours[w][period];

    /// <summary>The least hours, in units, at another site in a period where a worker works there at all.</summary>
    public int MinSecondaryUnits => Spec.Mixing is { } mixing ? (int)Math.Ceiling(mixing.MinSecondaryHours / HourUnit) : 0;

    /// <summary>The hours of worker w at each site in each period: <c>[site][period]</c>.</summary>
    public int[][] SiteHours(int[] plan, int w)
    {
        var hours = new int[SiteCount][];
        for (var s = 0; s < SiteCount; s++)
        {
            hours[s] = new int[PeriodCount];
        }

        foreach (var p in PairsOfWorker[w])
        {
            hours[TaskSite[Pairs[p].Task]][TaskPeriod[Pairs[p].Task]] += plan[p];
        }

        return hours;
    }

    private bool KeepsMixing(int[] plan)
    {
        var mixing = Spec.Mixing!;
        var moved = 0;
        for (var w = 0; w < WorkerCount; w++)
        {
            var hours = SiteHours(plan, w);
            var home = WorkerHome[w];
            if (mixing.WholeWorkers)
            {
                // One site per period; a worker with any hours away from home counts as moved, as the model counts them.
                if (Enumerable.Range(0, PeriodCount).Any(period => Enumerable.Range(0, SiteCount).Count(s => hours[s][period] > 0) > 1))
                {
                    return false;
                }

                moved += IsAway(plan, w) ? 1 : 0;
                continue;
            }

            var sites = 0;
            for (var s = 0; s < SiteCount; s++)
            {
                if (s == home || hours[s].All(h => h == 0))
                {
                    continue;
                }

                sites++;
                if (hours[s].Any(h => h > 0 && h < MinSecondaryUnits))
                {
                    return false;
                }
            }

            var overShare = Enumerable.Range(0, PeriodCount)
                .Any(period => Enumerable.Range(0, SiteCount).Where(s => s != home).Sum(s => hours[s][period]) > SecondaryCap(w, period));
            if (sites > mixing.MaxSecondarySites || overShare)
            {
                return false;
            }
        }

        return moved <= (mixing.MaxMovedWorkers ?? int.MaxValue);
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

    /// <summary>A plan's hours in one site and period, as hours per worker (by id) and task (by id); every worker of the snapshot appears.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> ToHours(int[] plan, int site = 0, int period = 0)
    {
        var hours = new Dictionary<string, Dictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (var worker in Snapshot(site, period).Workers)
        {
            hours[worker.Id] = new Dictionary<string, decimal>(StringComparer.Ordinal);
        }

        for (var p = 0; p < Pairs.Length; p++)
        {
            var pair = Pairs[p];
            if (plan[p] > 0 && TaskSite[pair.Task] == site && TaskPeriod[pair.Task] == period)
            {
                var worker = Worker(pair.Worker).Id;
                if (!hours.TryGetValue(worker, out var tasks))
                {
                    hours[worker] = tasks = new Dictionary<string, decimal>(StringComparer.Ordinal);
                }

                tasks[Task(pair.Task).Id] = plan[p] * HourUnit;
            }
        }

        return hours.ToDictionary(h => h.Key, h => (IReadOnlyDictionary<string, decimal>)h.Value, StringComparer.Ordinal);
    }

    /// <summary>
    /// Group <paramref name="group"/>'s average rating in dimension <paramref name="k"/>, in rating points, as a double:
    /// for the local searches' guidance, never for a figure that is reported.
    /// </summary>
    public double AverageRating(int k, int group) => (double)GroupTotals[k][group] / RatingScale / Math.Max(1, GroupHours[group]);

    /// <summary>
    /// The integer deviation of row <paramref name="row"/> in dimension <paramref name="k"/> (0 empowerment,
    /// 1 desirability) for its scaled score sum <paramref name="score"/>: <c>⌈c_g·|T_g·S_r − A_g·H_r| / H_r⌉</c>.
    /// </summary>
    public long ScaledDeviation(int k, int row, long score)
    {
        var raw = BigInteger.Abs(Offset(k, row, score)) * GroupFactor[Rows[row].Group];
        var q = BigInteger.DivRem(raw, Rows[row].Hours, out var remainder);
        return (long)(remainder.IsZero ? q : q + 1);
    }

    /// <summary>
    /// <c>T_g·S_r − A_g·H_r</c> for row <paramref name="row"/>'s scaled score sum <paramref name="score"/>: positive when the
    /// row is above its group's average in dimension <paramref name="k"/>, negative below, 0 on it.
    /// </summary>
    public BigInteger Offset(int k, int row, long score)
    {
        var (hours, group) = (Rows[row].Hours, Rows[row].Group);
        return ((BigInteger)GroupHours[group] * score) - ((BigInteger)GroupTotals[k][group] * hours);
    }

    /// <summary>
    /// The objective <c>wE·Δ_E + wD·Δ_D</c> of <paramref name="plan"/> in rating points, computed exactly from the rows
    /// (not from the integer model's rounded deviations) and rounded once.
    /// </summary>
    public decimal Objective(int[] plan)
    {
        var objective = Fraction.Zero;
        for (var k = 0; k < 2; k++)
        {
            var max = Fraction.Zero;
            for (var r = 0; r < Rows.Length; r++)
            {
                var (hours, group) = (Rows[r].Hours, Rows[r].Group);
                var deviation = new Fraction(Offset(k, r, Score(k, r, plan)), (BigInteger)GroupHours[group] * hours * RatingScale).Abs();
                max = Fraction.Max(max, deviation);
            }

            objective += new Fraction(Weights[k], WeightScale) * max;
        }

        return objective.ToDecimal();
    }

    /// <summary>The scaled score sum <c>S_r</c> of row <paramref name="row"/> in dimension <paramref name="k"/>.</summary>
    public long Score(int k, int row, int[] plan)
    {
        long score = 0;
        foreach (var p in PairsOfRow[row])
        {
            score += Ratings[k][Pairs[p].Task] * plan[p];
        }

        return score;
    }

    public static BalancingProblem Compile(Workplace workplace) => Compile(BalancingSpec.Of(workplace));

    public static BalancingProblem Compile(BalancingSpec spec) => Compile(spec, keep: null);

    /// <summary>
    /// This problem with only the pairs <paramref name="keep"/> (indexed as here): the same workers, tasks, rows and
    /// scales, so that its plans are plans here with the same objective. The swap search runs on it to search within a
    /// set of pairs (the whole jobs' mix, see <see cref="WholeJobBound.Mix"/>).
    /// </summary>
    public RestrictedProblem Restrict(bool[] keep)
    {
        if (keep.Length != Pairs.Length)
        {
            throw new ArgumentException($"The mask has {keep.Length} entries for {Pairs.Length} pairs.", nameof(keep));
        }

        return new RestrictedProblem(Compile(Spec, keep), this, [.. Enumerable.Range(0, keep.Length).Where(p => keep[p])]);
    }

    /// <summary>Compiles the spec, keeping of the pairs it gives only those <paramref name="keep"/> names (all when null).</summary>
    private static BalancingProblem Compile(BalancingSpec spec, bool[]? keep)
    {
        var sites = spec.Sites;
        var periods = sites[0].Count;
        var unit = sites[0][0].HourUnit;
        if (sites.Any(s => s.Count != periods) || sites.Any(s => s.Any(snapshot => snapshot.HourUnit != unit)))
        {
            throw new ArgumentException("Every site needs a snapshot for every period, all with the same hour unit.", nameof(spec));
        }

        int Units(decimal hours) => checked((int)(hours / unit));

        // Tasks: every task of every site in every period.
        var taskSite = new List<int>();
        var taskPeriod = new List<int>();
        var taskIndex = new List<int>();
        var cellOf = new Dictionary<(int Site, int Period, string Task), int>();
        for (var s = 0; s < sites.Count; s++)
        {
            for (var period = 0; period < periods; period++)
            {
                var tasks = sites[s][period].Tasks;
                for (var i = 0; i < tasks.Count; i++)
                {
                    cellOf[(s, period, tasks[i].Id)] = taskSite.Count;
                    taskSite.Add(s);
                    taskPeriod.Add(period);
                    taskIndex.Add(i);
                }
            }
        }

        WorkTask TaskAt(int t) => sites[taskSite[t]][taskPeriod[t]].Tasks[taskIndex[t]];
        var taskCount = taskSite.Count;
        var allTasks = Enumerable.Range(0, taskCount).Select(TaskAt).ToArray();
        var targets = spec.GroupTargets;
        var ratingDecimals = allTasks.Max(t => Math.Max(Numbers.Decimals(t.Empowerment), Numbers.Decimals(t.Desirability)));
        if (targets is not null)
        {
            // A target's totals, in hour units, are whole once scaled like the ratings of the tasks they sum.
            ratingDecimals = Math.Max(ratingDecimals, targets.Max(t => Math.Max(Numbers.Decimals(t.EmpowermentHours / unit), Numbers.Decimals(t.DesirabilityHours / unit))));
        }

        var ratingScale = Pow10(ratingDecimals);
        long[][] ratings =
        [
            [.. allTasks.Select(t => (long)(t.Empowerment * ratingScale))],
            [.. allTasks.Select(t => (long)(t.Desirability * ratingScale))],
        ];
        var objectiveWeights = spec.Weights ?? sites[0][0].Weights;
        var weightScale = Pow10(Math.Max(Numbers.Decimals(objectiveWeights.Empowerment), Numbers.Decimals(objectiveWeights.Desirability)));
        long[] weights = [(long)(objectiveWeights.Empowerment * weightScale), (long)(objectiveWeights.Desirability * weightScale)];
        var taskHours = allTasks.Select(t => Units(t.Hours)).ToArray();

        // Workers: every worker of every site, the same person in every period of their home site.
        var workerHome = new List<int>();
        var workerRecords = new List<Worker>();
        var snapshots = new List<Worker?[]>();
        for (var s = 0; s < sites.Count; s++)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var period = 0; period < periods; period++)
            {
                foreach (var worker in sites[s][period].Workers)
                {
                    if (!index.TryGetValue(worker.Id, out var w))
                    {
                        index[worker.Id] = w = workerHome.Count;
                        workerHome.Add(s);
                        workerRecords.Add(worker);
                        snapshots.Add(new Worker?[periods]);
                    }

                    snapshots[w][period] = worker;
                }
            }
        }

        var workerCount = workerHome.Count;
        var periodHours = snapshots.Select(byPeriod => byPeriod.Select(worker => worker is null ? 0 : Units(worker.Hours)).ToArray()).ToArray();

        var skills = sites.SelectMany(s => s).SelectMany(snapshot => snapshot.Skills).DistinctBy(skill => skill.Id, StringComparer.Ordinal).ToArray();
        var skillIndex = skills.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var mixing = spec.Mixing;
        var (pairs, candidate) = (new List<Pair>(), 0);
        for (var w = 0; w < workerCount; w++)
        {
            var home = workerHome[w];
            for (var period = 0; period < periods; period++)
            {
                if (snapshots[w][period] is not { } worker || periodHours[w][period] == 0)
                {
                    continue;
                }

                for (var s = 0; s < sites.Count; s++)
                {
                    var secondary = s != home;
                    if (secondary && (mixing is null || mixing.Group[s] != mixing.Group[home]))
                    {
                        continue;
                    }

                    var snapshot = sites[s][period];
                    foreach (var task in snapshot.Tasks)
                    {
                        var t = cellOf[(s, period, task.Id)];
                        var fixedUnits = !secondary && worker.Fixed.TryGetValue(task.Id, out var f) ? Units(f) : 0;
                        if (!secondary && worker.Excluded.Contains(task.Id))
                        {
                            continue;
                        }

                        var needsTraining = task.Skill is { } skill && !worker.Skills.Contains(skill);
                        if (needsTraining && !snapshot.Rules.AllowTraining)
                        {
                            continue;
                        }

                        var chunk = Math.Max(task.MinChunk is { } c ? Units(c) : 1, 1);
                        var upper = Math.Min(Math.Min(periodHours[w][period], taskHours[t]), task.MaxPerWorker is { } m ? Units(m) : int.MaxValue);
                        if (upper < chunk && fixedUnits == 0)
                        {
                            // Nobody could hold this pair; a fixed pair stays, empty, for FeasibilityCheck to explain.
                            continue;
                        }

                        if (keep is not null && !keep[candidate++])
                        {
                            continue;
                        }

                        pairs.Add(new Pair(
                            w, t, fixedUnits, upper, chunk,
                            needsTraining ? skillIndex[task.Skill!] : -1,
                            !secondary && worker.Current.TryGetValue(task.Id, out var cur) ? Units(cur) : 0));
                    }
                }
            }
        }

        var pairArray = pairs.ToArray();
        var pairsOfWorker = Group(pairArray.Length, workerCount, p => pairArray[p].Worker);

        // Balance groups and rows.
        var groupOfPeriod = Enumerable.Range(0, periods).Select(period => spec.Measure == BalanceMeasure.EveryPeriod ? period : 0).ToArray();
        var groupCount = groupOfPeriod.Max() + 1;
        var groupHours = new long[groupCount];
        long[][] groupTotals = [new long[groupCount], new long[groupCount]];
        for (var t = 0; t < taskCount; t++)
        {
            var g = groupOfPeriod[taskPeriod[t]];
            groupHours[g] += taskHours[t];
            groupTotals[0][g] += ratings[0][t] * taskHours[t];
            groupTotals[1][g] += ratings[1][t] * taskHours[t];
        }

        if (targets is not null)
        {
            if (targets.Count != groupCount || targets.Any(t => t.Hours <= 0))
            {
                throw new ArgumentException($"The spec needs a target with positive hours for each of its {groupCount} balance groups.", nameof(spec));
            }

            for (var g = 0; g < groupCount; g++)
            {
                groupHours[g] = checked((long)(targets[g].Hours / unit));
                groupTotals[0][g] = checked((long)(targets[g].EmpowermentHours / unit * ratingScale));
                groupTotals[1][g] = checked((long)(targets[g].DesirabilityHours / unit * ratingScale));
            }
        }

        var rows = new List<BalanceRow>();
        var rowOf = new Dictionary<(int Worker, int Group), int>();
        for (var w = 0; w < workerCount; w++)
        {
            for (var g = 0; g < groupCount; g++)
            {
                var hours = Enumerable.Range(0, periods).Where(period => groupOfPeriod[period] == g).Sum(period => periodHours[w][period]);
                if (hours > 0)
                {
                    rowOf[(w, g)] = rows.Count;
                    rows.Add(new BalanceRow(w, g, hours));
                }
            }
        }

        var rowArray = rows.ToArray();
        var rowOfPair = pairArray.Select(p => rowOf[(p.Worker, groupOfPeriod[taskPeriod[p.Task]])]).ToArray();
        var (deviationScale, factors, exact) = ChooseDeviationScale(rowArray, groupHours, groupTotals, ratings, ratingScale);

        var pairOf = new Dictionary<(int Worker, int Site, int Period, string Task), int>();
        for (var p = 0; p < pairArray.Length; p++)
        {
            var t = pairArray[p].Task;
            pairOf[(pairArray[p].Worker, taskSite[t], taskPeriod[t], allTasks[t].Id)] = p;
        }

        var previousPair = pairArray.Select(pair => pairOf.GetValueOrDefault(
            (pair.Worker, taskSite[pair.Task], taskPeriod[pair.Task] - 1, allTasks[pair.Task].Id), -1)).ToArray();

        var pairsOfWorkerPeriod = new int[workerCount][][];
        for (var w = 0; w < workerCount; w++)
        {
            var lists = Enumerable.Range(0, periods).Select(_ => new List<int>()).ToArray();
            foreach (var p in pairsOfWorker[w])
            {
                lists[taskPeriod[pairArray[p].Task]].Add(p);
            }

            pairsOfWorkerPeriod[w] = [.. lists.Select(l => l.ToArray())];
        }

        var rotation = spec.Rotation ?? RotationRules.Default;
        var windows = rotation.ServiceLimits.Select(limit =>
        {
            var covered = new bool[taskCount];
            for (var t = 0; t < taskCount; t++)
            {
                covered[t] = limit.Tasks.Contains(allTasks[t].Id, StringComparer.Ordinal);
            }

            return new ServiceWindow(limit.MaxConsecutivePeriods, covered);
        }).Where(window => window.MaxConsecutive < periods).ToArray();

        var minStay = rotation.MinStayPeriods ?? 1;
        var chains = new int[workerCount][][];
        for (var w = 0; w < workerCount; w++)
        {
            chains[w] = minStay <= 1 || periods == 1 ? [] : [.. pairsOfWorker[w]
                .Select(p => (pair: pairArray[p], p))
                .Where(e => e.pair.TrainingSkill >= 0)
                .GroupBy(e => (taskSite[e.pair.Task], allTasks[e.pair.Task].Id))
                .Select(chain =>
                {
                    var byPeriod = Enumerable.Repeat(-1, periods).ToArray();
                    foreach (var (pair, p) in chain)
                    {
                        byPeriod[taskPeriod[pair.Task]] = p;
                    }

                    return byPeriod;
                })];
        }

        var periodHoursTotal = new long[periods];
        long[][] periodTotals = [new long[periods], new long[periods]];
        for (var t = 0; t < taskCount; t++)
        {
            periodHoursTotal[taskPeriod[t]] += taskHours[t];
            periodTotals[0][taskPeriod[t]] += ratings[0][t] * taskHours[t];
            periodTotals[1][taskPeriod[t]] += ratings[1][t] * taskHours[t];
        }

        // |T_p·S − A_p·H| ≤ τ·T_p·H·ratingScale, a whole number on the left, so the bound may be rounded down.
        var toleranceCaps = rotation.PeriodTolerance is { } tolerance
            ? periodHours.Select(byPeriod => byPeriod.Select((h, period) =>
                (long)Math.Min(long.MaxValue, decimal.Floor(tolerance * ratingScale * periodHoursTotal[period] * h))).ToArray()).ToArray()
            : null;

        return new BalancingProblem(spec)
        {
            HasRotationRules = windows.Length > 0 || chains.Any(c => c.Length > 0) || toleranceCaps is not null,
            ServiceWindows = windows,
            StayChains = chains,
            MinStayPeriods = minStay,
            ToleranceCaps = toleranceCaps,
            PeriodHours = periodHoursTotal,
            PeriodTotals = periodTotals,
            PeriodCount = periods,
            HourUnit = unit,
            TaskHours = taskHours,
            TaskSite = [.. taskSite],
            TaskPeriod = [.. taskPeriod],
            TaskIndex = [.. taskIndex],
            Ratings = ratings,
            RatingScale = ratingScale,
            Weights = weights,
            WeightScale = weightScale,
            WorkerHours = [.. periodHours.Select(h => h.Sum())],
            WorkerPeriodHours = periodHours,
            WorkerHome = [.. workerHome],
            WorkerRecords = [.. workerRecords],
            MaxTasks = [.. workerHome.Select(home => sites[home][0].Rules.MaxTasksPerWorker ?? int.MaxValue)],
            Pairs = pairArray,
            PairsOfWorker = pairsOfWorker,
            PairsOfWorkerPeriod = pairsOfWorkerPeriod,
            PairsOfTask = Group(pairArray.Length, taskCount, p => pairArray[p].Task),
            IsSecondary = [.. pairArray.Select(p => taskSite[p.Task] != workerHome[p.Worker])],
            Rows = rowArray,
            RowOfPair = rowOfPair,
            RowsOfWorker = Group(rowArray.Length, workerCount, r => rowArray[r].Worker),
            PairsOfRow = Group(pairArray.Length, rowArray.Length, p => rowOfPair[p]),
            GroupTotals = groupTotals,
            GroupHours = groupHours,
            GroupFactor = factors,
            DeviationScale = deviationScale,
            IsExact = exact,
            Skills = skills,
            TrainingCost = ScaledToWhole(skills.Select(s => s.TrainingHours)),
            PreviousPair = previousPair,
            HasCurrent = [.. snapshots.Select(byPeriod => byPeriod.Any(worker => worker is { Current.Count: > 0 }))],
            BalanceClasses = BalanceClassesOf(snapshots, workerHome),
        };
    }

    /// <summary>
    /// <c>M</c> and each group's <c>c_g</c>: exact (<c>M = lcm(T_g)·lcm(H_r)</c>) when the largest coefficient of a deviation
    /// row stays clear of CP-SAT's overflow; otherwise as fine as that allows, with <c>c_g = ⌊M/T_g⌋</c>.
    /// </summary>
    private static (long Scale, long[] Factors, bool Exact) ChooseDeviationScale(
        BalanceRow[] rows, long[] groupHours, long[][] groupTotals, long[][] ratings, long ratingScale)
    {
        const double Limit = 1e15;

        // A fixed target's average may lie beyond the spec's own ratings; the offsets c_g·A_g·H_r grow with it.
        var maxAverage = groupTotals.SelectMany(totals => totals.Select((total, g) => groupHours[g] > 0 ? (Math.Abs(total) + groupHours[g] - 1) / groupHours[g] : 0));
        var maxRating = ratings.SelectMany(r => r).Select(Math.Abs).Concat(maxAverage).DefaultIfEmpty(1).Max();
        var maxHours = rows.Select(r => (long)r.Hours).DefaultIfEmpty(1).Max();
        var perUnit = (double)Math.Max(maxRating, ratingScale) * maxHours;

        var lcm = Lcm(groupHours.Where(h => h > 0).Concat(rows.Select(r => (long)r.Hours)));
        if (lcm is { } m && m * perUnit < Limit)
        {
            return (m, [.. groupHours.Select(t => t > 0 ? m / t : 0)], true);
        }

        var scale = (long)Math.Max(groupHours.DefaultIfEmpty(1).Max(), Math.Min(Limit / perUnit, 1e12));
        return (scale, [.. groupHours.Select(t => t > 0 ? Math.Max(1, scale / t) : 0)], false);
    }

    /// <summary>The least common multiple of <paramref name="values"/>, or <see langword="null"/> when it passes 10^12.</summary>
    private static long? Lcm(IEnumerable<long> values)
    {
        long lcm = 1;
        foreach (var v in values.Distinct())
        {
            lcm = lcm / (long)BigInteger.GreatestCommonDivisor(lcm, v) * v;
            if (lcm > 1e12)
            {
                return null;
            }
        }

        return lcm;
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

    private static int[][] Group(int itemCount, int groupCount, Func<int, int> key)
    {
        var lists = Enumerable.Range(0, groupCount).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < itemCount; i++)
        {
            lists[key(i)].Add(i);
        }

        return [.. lists.Select(l => l.ToArray())];
    }

    private static int[][] BalanceClassesOf(List<Worker?[]> snapshots, List<int> homes)
    {
        static string Signature(Worker? w) => w is null ? "-" : string.Join('|',
            w.Hours,
            string.Join(',', w.Skills.Order(StringComparer.Ordinal)),
            string.Join(',', w.Fixed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")),
            string.Join(',', w.Excluded.Order(StringComparer.Ordinal)));

        return [.. snapshots.Select((byPeriod, i) => (homes[i] + "/" + string.Join('/', byPeriod.Select(Signature)), i))
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

/// <summary>A problem with only some of another's pairs (<see cref="BalancingProblem.Restrict"/>), and the way between their plans.</summary>
/// <param name="Problem">The problem with only the pairs kept.</param>
/// <param name="Whole">The problem they were kept from.</param>
/// <param name="PairInWhole">For each pair of <paramref name="Problem"/>, the same pair's index in <paramref name="Whole"/>.</param>
internal sealed record RestrictedProblem(BalancingProblem Problem, BalancingProblem Whole, int[] PairInWhole)
{
    /// <summary>A plan of the restricted problem as a plan of the whole one: no hours on the pairs left out.</summary>
    public int[] ToWhole(int[] plan)
    {
        var whole = new int[Whole.Pairs.Length];
        for (var i = 0; i < PairInWhole.Length; i++)
        {
            whole[PairInWhole[i]] = plan[i];
        }

        return whole;
    }

    /// <summary>A plan of the whole problem, read on the pairs kept alone (its hours elsewhere are dropped).</summary>
    public int[] FromWhole(int[] plan) => [.. PairInWhole.Select(p => plan[p])];
}

/// <summary>A limit on consecutive periods of service in the tasks it covers.</summary>
/// <param name="MaxConsecutive">The most consecutive periods a worker may hold any covered task.</param>
/// <param name="Covered">Whether each task (of every site and period) is covered.</param>
internal sealed record ServiceWindow(int MaxConsecutive, bool[] Covered)
{
    public bool Covers(int task) => Covered[task];
}

/// <summary>One worker's hours in one balance group, whose scores are measured against the group's averages.</summary>
/// <param name="Worker">The worker's index.</param>
/// <param name="Group">The balance group: 0 over the horizon, or the period when balance is measured in every period.</param>
/// <param name="Hours">The worker's hours in the group's periods, in units: <c>H_r</c>.</param>
internal readonly record struct BalanceRow(int Worker, int Group, int Hours);
