namespace JobBalancing.Solving;

/// <summary>
/// A lower bound on the objective from how a task's hours must be shared: every hour of a task goes to some row, and a
/// row that takes <c>x</c> whole units of a task far from the average can come no closer to it than when the rest of its
/// hours are in its own most compensating task. So if every row keeps within <c>Δ</c> of the average, each row takes at
/// most (and at least) so many units, and those limits must leave room for all of the task's hours. The least <c>Δ</c>
/// that does, over every task, bounds <c>Δ</c> of each dimension from below.
/// </summary>
/// <remarks>
/// Where a scarce, far-from-average task has few qualified workers, the whole units decide: on the generated L workplace
/// (engineering-1, empowerment 8.2, 172 h among 17 workers) a 40 h worker may take 11 h of it within 0.19 of the average
/// but not 12, and 11 h each is too little, so <c>Δ_E ≥ 0.19</c> where the LP relaxation, dividing hours freely, proves
/// 0.092. Each row's limits ignore the rules of its other tasks (chunks, service limits, the fragmentation limit), which
/// only widens them, so the bound stays a bound.
/// </remarks>
internal static class TaskShareBound
{
    /// <summary>The bound in the integer objective's units, from the tasks examined before <paramref name="deadline"/>.</summary>
    public static long Compute(BalancingProblem problem, DateTime deadline, CancellationToken cancellationToken)
    {
        var perDimension = new long[2];
        var extremes = new RowExtremes?[2];
        for (var t = 0; t < problem.TaskCount && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested; t++)
        {
            for (var k = 0; k < 2; k++)
            {
                if (problem.Weights[k] != 0)
                {
                    extremes[k] ??= new RowExtremes(problem, k);
                    perDimension[k] = Math.Max(perDimension[k], LeastDeviation(problem, t, k, extremes[k]!));
                }
            }
        }

        return (problem.Weights[0] * perDimension[0]) + (problem.Weights[1] * perDimension[1]);
    }

    /// <summary>
    /// The least largest deviation in dimension <paramref name="k"/> (integer units) with which the rows can share all of
    /// task <paramref name="t"/>'s hours; 0 when nothing forces one.
    /// </summary>
    private static long LeastDeviation(BalancingProblem problem, int t, int k, RowExtremes extremes)
    {
        // For each pair of the task: every amount it may take, with the least deviation its row can then have.
        var options = problem.PairsOfTask[t].Select(p => Amounts(problem, p, k, extremes)).ToArray();
        var levels = options.SelectMany(o => o.Select(a => a.Deviation)).Where(d => d > 0).Distinct().Order().ToArray();
        if (Shares(options, problem.TaskHours[t], 0))
        {
            return 0;
        }

        // The least level at which the task can be shared; feasibility only grows with the level.
        var (lo, hi) = (0, levels.Length - 1);
        if (levels.Length == 0 || !Shares(options, problem.TaskHours[t], levels[hi]))
        {
            return 0; // the task cannot be shared at all: other rules make the workplace infeasible, and say why
        }

        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = Shares(options, problem.TaskHours[t], levels[mid]) ? (lo, mid) : (mid + 1, hi);
        }

        return levels[lo];
    }

    /// <summary>Whether the task's <paramref name="hours"/> can be shared with every row within <paramref name="level"/>.</summary>
    private static bool Shares((int Units, long Deviation)[][] options, int hours, long level)
    {
        long least = 0, most = 0;
        foreach (var amounts in options)
        {
            var (min, max) = (int.MaxValue, int.MinValue);
            foreach (var (units, deviation) in amounts)
            {
                if (deviation <= level)
                {
                    (min, max) = (Math.Min(min, units), Math.Max(max, units));
                }
            }

            if (min > max)
            {
                return false; // this row cannot keep within the level whatever it takes of the task
            }

            (least, most) = (least + min, most + max);
        }

        return least <= hours && hours <= most;
    }

    /// <summary>
    /// Every amount pair <paramref name="p"/> may take (none, or between its chunk and its upper bound, and never below its
    /// fixed hours), each with the least deviation of its row in dimension <paramref name="k"/> when the rest of the row's
    /// hours are all in one other task of its: the lowest rated or the highest rated, whichever comes closer.
    /// </summary>
    private static (int Units, long Deviation)[] Amounts(BalancingProblem problem, int p, int k, RowExtremes extremes)
    {
        var pair = problem.Pairs[p];
        var row = problem.RowOfPair[p];
        var hours = problem.Rows[row].Hours;
        if (hours == 0)
        {
            return [(0, 0)]; // a row without hours takes none of the task, and has no deviation to measure
        }

        var rating = problem.Ratings[k][pair.Task];
        var alone = problem.PairsOfRow[row].Length == 1;
        var (lowest, highest) = alone ? (rating, rating) : extremes.OthersThan(row, p);
        var amounts = new List<(int, long)>();
        for (var x = pair.Fixed; x <= Math.Min(pair.Upper, hours); x++)
        {
            if (x != 0 && x < pair.Lowest)
            {
                continue;
            }

            if (alone && x != hours)
            {
                continue; // a row with no other task holds this one for all its hours
            }

            var low = (rating * x) + (lowest * (hours - x));
            var high = (rating * x) + (highest * (hours - x));
            amounts.Add((x, Closest(problem, k, row, low, high)));
        }

        return [.. amounts];
    }

    /// <summary>
    /// The least deviation of a row whose score may be anything from <paramref name="low"/> to <paramref name="high"/>: 0
    /// when the average lies between them, else that of the end nearer to it.
    /// </summary>
    private static long Closest(BalancingProblem problem, int k, int row, long low, long high) =>
        problem.Offset(k, row, low).Sign > 0 ? problem.ScaledDeviation(k, row, low)
        : problem.Offset(k, row, high).Sign < 0 ? problem.ScaledDeviation(k, row, high)
        : 0;

    /// <summary>
    /// The lowest and highest rating of each row's tasks in one dimension, with the runners-up, so that the extremes of a
    /// row's tasks other than one pair's are read in constant time.
    /// </summary>
    private sealed class RowExtremes
    {
        private readonly (long Value, int Pair, long Next)[] _lowest;
        private readonly (long Value, int Pair, long Next)[] _highest;

        public RowExtremes(BalancingProblem problem, int k)
        {
            _lowest = new (long, int, long)[problem.Rows.Length];
            _highest = new (long, int, long)[problem.Rows.Length];
            for (var row = 0; row < problem.Rows.Length; row++)
            {
                var ratings = problem.PairsOfRow[row].Select(p => (Rating: problem.Ratings[k][problem.Pairs[p].Task], Pair: p)).ToArray();
                _lowest[row] = Extreme(ratings.OrderBy(r => r.Rating).ToArray());
                _highest[row] = Extreme(ratings.OrderByDescending(r => r.Rating).ToArray());
            }
        }

        /// <summary>The lowest and highest rating of <paramref name="row"/>'s tasks besides pair <paramref name="p"/>'s (the row has another).</summary>
        public (long Lowest, long Highest) OthersThan(int row, int p) =>
            (_lowest[row].Pair == p ? _lowest[row].Next : _lowest[row].Value, _highest[row].Pair == p ? _highest[row].Next : _highest[row].Value);

        private static (long, int, long) Extreme((long Rating, int Pair)[] sorted) =>
            sorted.Length == 0 ? (0, -1, 0) : (sorted[0].Rating, sorted[0].Pair, sorted.Length > 1 ? sorted[1].Rating : sorted[0].Rating);
    }
}
