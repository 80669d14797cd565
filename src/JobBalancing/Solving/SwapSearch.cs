namespace JobBalancing.Solving;

/// <summary>
/// A fast local search for balance: worker a gives δ hours of task t to worker b and takes δ hours of task u (of the same
/// period) from b, which keeps every task covered and every worker's hours in every period. A move must keep chunks,
/// service limits, fixed hours, the fragmentation limit and the rules of work at other sites, must not raise the
/// objective, and must lower it or <c>Σ_r (wE·d_E)⁴ + (wD·d_D)⁴</c> over the balance rows, a sum that leans hardest on
/// the rows furthest from the averages. Each move is scored in constant time, so
/// millions can be tried where a CP-SAT neighbourhood tries one; CP-SAT then takes over from the plan it leaves. Once
/// single moves grow scarce, a random move that lacks only a free task slot is tried as an exchange of whole holdings
/// between two workers at their task limit. When random moves stall, every move of the furthest row is tried, then
/// chains of two moves (the furthest worker's, and its partner's passing the excess on), then every exchange of the
/// furthest rows, between two workers and then with a third. The same moves, scored on reassigned hours and fragments
/// within a cap on the objective, serve the tie-breaks (<see cref="LowerCosts"/>).
/// </summary>
internal sealed class SwapSearch
{
    /// <summary>How many first moves a chain tries from a row: those that bring the row closest to the averages.</summary>
    private const int ChainFirstMoves = 20;

    /// <summary>
    /// Failed tries in a row after which a random move that lacks only a free task slot is tried as an exchange of
    /// holdings, then as an uptake of part of a task (<see cref="TryUptake"/>). Where every worker is at the task limit,
    /// these are the only moves that change which tasks a worker holds, and the exchanges of the furthest rows alone were
    /// too few: on the generated XL workplace (limit 3) the random ones took the plan at 60 s from 1.357–1.427 to
    /// 1.187–1.252 (balancer seeds 1–3). An exchange takes about 3 µs a try
    /// (scratch instrumentation, 200 × 60), so while single moves still succeed, exchanges wait: tried after every
    /// failure, they left 200 × 60 (limit 4) at 0.104–0.147 after 60 s (seeds 1–5), against 0.101–0.116 without and
    /// 0.111–0.115 with the wait (seeds 1–3).
    /// </summary>
    private const int ExchangesAfterFailures = 100;

    /// <summary>
    /// Rounds of <see cref="Centre"/> in a row that leave the next sweep nothing to lower, after a sweep that lowered
    /// nothing, before <see cref="LowerCosts"/> ends.
    /// On the generated XL workplace (a plan of 60 s, 63,425 h reassigned) the sweeps alone ended at 56,745 h in 1.3 s;
    /// with the rounds of centring between them, 55,406 h after 10 s, 53,563 h after 30 s, and 51,427 h when they ended, at
    /// 107 s (scratch program, one thread). Plans nearer the optimum leave less room: L 9,536 → 9,310 h, 200 × 60 6,579 →
    /// 6,530 h, M 1,940 → 1,926 h, each within a second.
    /// </summary>
    private const int CentringRounds = 3;

    /// <summary>The random tries of a round of <see cref="Centre"/>, per row.</summary>
    private const int CentringTries = 20;

    private readonly BalancingProblem _problem;
    private readonly Random _random;
    private readonly int[,] _pairOf;
    private readonly double[][] _rating;
    private readonly double[][] _average = new double[2][];
    private readonly double[] _weight = new double[2];
    private readonly int[] _plan;

    /// <summary>The best plan the search has seen, its objective, and the fruitless shakes in a row since.</summary>
    private readonly int[] _best;
    private double _bestObjective = double.PositiveInfinity;
    private int _fruitless;

    /// <summary>Each balance row's deviation from its group's average, per dimension.</summary>
    private readonly double[][] _deviation;

    /// <summary>Each balance row's score sum <c>S_r</c> in the problem's integers, per dimension: the tie-breaks' exact check of the balance.</summary>
    private readonly long[][] _score;

    /// <summary>
    /// The pairs each worker holds hours of in each period, at <c>w·periods + period</c>, in the order of the pairs (their
    /// count is the number of tasks held, which the task limit caps): a worker may hold any of hundreds of tasks and
    /// holds a few, so the moves are drawn and enumerated among these.
    /// </summary>
    private readonly List<int>[] _heldPairs;

    /// <summary>The pairs each balance row holds hours of, in no order, and where each held pair stands in its row's list.</summary>
    private readonly List<int>[] _heldOfRow;
    private readonly int[] _placeInRow;

    /// <summary>The pairs of each task that hold hours of it, in no order, and where each held pair stands in its task's list.</summary>
    private readonly List<int>[] _holdersOfTask;
    private readonly int[] _placeInTask;
    private readonly int[][] _workersOfTask;

    /// <summary>For the tie-breaks (<see cref="LowerCosts"/>): the largest scaled deviation in each dimension, or more.</summary>
    private readonly long[] _largest = new long[2];

    /// <summary>For the tie-breaks (<see cref="LowerCosts"/>): each pair's successor in the next period, each task's in the period before, and each first-period task's former holders.</summary>
    private int[]? _nextPair;
    private int[]? _previousTask;
    private int[][]? _formerHolders;

    /// <summary>With work at other sites, each worker's hours at each site in each period, at <c>(w·sites + site)·periods + period</c>.</summary>
    private readonly int[]? _siteHours;

    /// <summary>The three rows furthest from the average in each dimension, furthest first.</summary>
    private readonly int[][] _furthest = [new int[3], new int[3]];

    /// <summary>
    /// The rows at the largest deviation in each dimension (the first <see cref="_largestCount"/> of each array), found
    /// with <see cref="_furthest"/>: drawn from for every other try, they are read, not searched for.
    /// </summary>
    private readonly int[][] _atLargest;
    private readonly int[] _largestCount = new int[2];

    /// <summary>The largest deviations while a step of two moves is half made (its first move scored them already).</summary>
    private readonly double[] _scratchMax = new double[2];

    /// <summary>
    /// Whether the search tries exchanges of whole holdings (after the chains when a descent stalls, and with random
    /// draws after <see cref="ExchangesAfterFailures"/>) and uptakes of part of a task (with the random exchanges). The
    /// stalled descent's exchanges are its slowest step: on a 200 × 60 workplace about 16 ms a call against 5 ms for a
    /// chain, and 45 % of 30 s of the search alone (scratch instrumentation, benchmarks/RESULTS.md); where the search is
    /// only a hint for CP-SAT, a hint sooner is worth more.
    /// </summary>
    public bool TriesExchanges { get; init; } = true;

    public SwapSearch(BalancingProblem problem, int[] plan, int seed)
    {
        _problem = problem;
        _random = new Random(seed);
        _plan = (int[])plan.Clone();
        _best = (int[])plan.Clone();
        _pairOf = new int[problem.WorkerCount, problem.TaskCount];
        for (var w = 0; w < problem.WorkerCount; w++)
        {
            for (var t = 0; t < problem.TaskCount; t++)
            {
                _pairOf[w, t] = -1;
            }
        }

        for (var p = 0; p < problem.Pairs.Length; p++)
        {
            _pairOf[problem.Pairs[p].Worker, problem.Pairs[p].Task] = p;
        }

        _workersOfTask = [.. problem.PairsOfTask.Select(pairs => pairs.Select(p => problem.Pairs[p].Worker).ToArray())];
        _rating = [.. problem.Ratings.Select(r => r.Select(v => (double)v / problem.RatingScale).ToArray())];
        for (var k = 0; k < 2; k++)
        {
            _average[k] = [.. Enumerable.Range(0, problem.GroupHours.Length).Select(g => problem.AverageRating(k, g))];
            _weight[k] = (double)problem.Weights[k] / problem.WeightScale;
        }

        _deviation = [new double[problem.Rows.Length], new double[problem.Rows.Length]];
        _score = [new long[problem.Rows.Length], new long[problem.Rows.Length]];
        _atLargest = [new int[problem.Rows.Length], new int[problem.Rows.Length]];
        _heldPairs = [.. Enumerable.Range(0, problem.WorkerCount * problem.PeriodCount).Select(_ => new List<int>())];
        _heldOfRow = [.. Enumerable.Range(0, problem.Rows.Length).Select(_ => new List<int>())];
        _placeInRow = new int[problem.Pairs.Length];
        _holdersOfTask = [.. Enumerable.Range(0, problem.TaskCount).Select(_ => new List<int>())];
        _placeInTask = new int[problem.Pairs.Length];
        _siteHours = problem.Spec.Mixing is { WholeWorkers: false } ? new int[problem.WorkerCount * problem.SiteCount * problem.PeriodCount] : null;
        Load(plan);
    }

    /// <summary>Makes <paramref name="plan"/> the search's state: its hours, held-task counts and deviations.</summary>
    private void Load(int[] plan)
    {
        Array.Copy(plan, _plan, plan.Length);
        foreach (var pairs in _heldPairs.Concat(_heldOfRow).Concat(_holdersOfTask))
        {
            pairs.Clear();
        }

        if (_siteHours is not null)
        {
            Array.Clear(_siteHours);
        }

        for (var p = 0; p < plan.Length; p++)
        {
            if (plan[p] > 0)
            {
                var (w, t) = (_problem.Pairs[p].Worker, _problem.Pairs[p].Task);
                _heldPairs[HeldIndex(w, t)].Add(p);
                Add(_heldOfRow[_problem.RowOfPair[p]], _placeInRow, p);
                Add(_holdersOfTask[t], _placeInTask, p);
                if (_siteHours is not null)
                {
                    _siteHours[SiteIndex(w, _problem.TaskSite[t], _problem.TaskPeriod[t])] += plan[p];
                }
            }
        }

        for (var r = 0; r < _problem.Rows.Length; r++)
        {
            var (h, g) = (_problem.Rows[r].Hours, _problem.Rows[r].Group);
            for (var k = 0; k < 2; k++)
            {
                _score[k][r] = _problem.Score(k, r, _plan);
                _deviation[k][r] = ((double)_score[k][r] / _problem.RatingScale / h) - _average[k][g];
            }
        }
    }

    private int HeldIndex(int w, int t) => (w * _problem.PeriodCount) + _problem.TaskPeriod[t];

    private int SiteIndex(int w, int site, int period) => (((w * _problem.SiteCount) + site) * _problem.PeriodCount) + period;

    /// <summary>
    /// Whether the last call of <see cref="Improve"/> ended because the search stalled (more fruitless shakes in a row than
    /// it allowed), not at its deadline.
    /// </summary>
    public bool Stalled { get; private set; }

    /// <summary>
    /// Iterated local search until <paramref name="deadline"/>: descends until <paramref name="patience"/> tries in a
    /// row fail, keeps the best plan seen, then shakes the best with a few random moves that keep the rules and descends
    /// again. Stops early after <paramref name="rounds"/> shakes in a row that found nothing better. Called again, it goes
    /// on where it stopped: a descent the deadline cut short goes on from the same state, not from a shaken one.
    /// </summary>
    /// <param name="deadline">When to stop.</param>
    /// <param name="patience">Failed tries in a row that end a descent.</param>
    /// <param name="rounds">Fruitless shakes in a row that end the search.</param>
    /// <param name="onBest">Receives each new best plan.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The best plan found (hours per pair).</returns>
    public int[] Improve(DateTime deadline, int patience, int rounds, Action<int[]> onBest, CancellationToken cancellationToken)
    {
        // The state, when it is the best yet, becomes the best and is reported: after each descent, and every half
        // second within a long one, so that a large workplace's first plans show while the descent goes on.
        void OfferState()
        {
            var objective = Objective();
            if (objective < _bestObjective - 1e-12)
            {
                _bestObjective = objective;
                Array.Copy(_plan, _best, _best.Length);
                onBest((int[])_best.Clone());
            }
        }

        while (_fruitless <= rounds && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            var before = _bestObjective;
            var ended = Descend(deadline, patience, OfferState, cancellationToken);
            OfferState();
            if (!ended)
            {
                break;
            }

            if (_bestObjective < before)
            {
                _fruitless = 0;
            }
            else
            {
                _fruitless++;
                Load(_best);
            }

            Shake(3 + _random.Next(8));
        }

        Stalled = _fruitless > rounds;
        return (int[])_best.Clone();
    }

    /// <summary>
    /// Goes on from <paramref name="plan"/> (found elsewhere, and better than this search's best) as its state and best,
    /// with its patience for fruitless shakes renewed.
    /// </summary>
    public void Adopt(int[] plan)
    {
        Load(plan);
        Array.Copy(plan, _best, _best.Length);
        (_bestObjective, _fruitless) = (Objective(), 0);
    }

    /// <summary>
    /// Lowers the tie-breaks' costs by swaps: hours reassigned (taken up beyond the current assignment, or beyond the
    /// period before), then task fragments, lexicographically. A move is kept when it keeps every rule, does not raise
    /// training, keeps the plan's objective within <paramref name="balanceCap"/> (checked exactly, in the problem's
    /// integers), and lowers the costs. Sweeps every row, from each the best of: giving hours of a task the worker took up
    /// to a worker who held it before (<see cref="GivingBackOf"/>), and handing hours to a worker who holds another of
    /// their tasks, taking that back (<see cref="ReturnsOf"/>: no one takes up a task, and one may be given up). Between
    /// sweeps, a round of <see cref="Centre"/>; ends when a sweep lowers nothing after <see cref="CentringRounds"/> rounds
    /// of it that did not help, or at the deadline.
    /// </summary>
    /// <param name="balanceCap">The most the plan's objective may be, in the problem's integers; at least the objective of the plan the search holds.</param>
    /// <param name="deadline">When to stop.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The plan it ends with.</returns>
    public int[] LowerCosts(long balanceCap, DateTime deadline, CancellationToken cancellationToken)
    {
        if (_nextPair is null)
        {
            IndexPeriods();
        }

        _formerHolders ??= FormerHoldersInFirstPeriod();
        var rows = Enumerable.Range(0, _problem.Rows.Length).ToArray();
        for (var fruitless = 0; fruitless <= CentringRounds;)
        {
            FindLargest();
            var lowered = false;
            _random.Shuffle(rows);
            foreach (var row in rows)
            {
                if (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested)
                {
                    return (int[])_plan.Clone();
                }

                while (TryLowerCostOf(row, balanceCap))
                {
                    lowered = true;
                }
            }

            fruitless = lowered ? 0 : fruitless + 1;
            if (fruitless <= CentringRounds)
            {
                Centre(balanceCap, CentringTries * rows.Length, deadline, cancellationToken);
            }
        }

        return (int[])_plan.Clone();
    }

    /// <summary>
    /// Random moves that cost nothing and bring their rows closer to the averages (lower the fourth-power sum), within the
    /// cap; one that lowers the costs is taken too. Most moves that would give hours back take a row beyond the cap (on
    /// the generated L and XL workplaces, 99 % of those the first sweeps found): rows nearer the averages leave the next
    /// sweep room.
    /// </summary>
    private void Centre(long balanceCap, int tries, DateTime deadline, CancellationToken cancellationToken)
    {
        Span<int> deltas = stackalloc int[8];
        for (var i = 0; i < tries; i++)
        {
            if ((i & 1023) == 0 && (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested))
            {
                return;
            }

            if (Draw(_random.Next(_problem.Rows.Length)) is not { } move)
            {
                continue;
            }

            var (best, bestChange, bestDrop) = (0, 0L, 1e-12);
            foreach (var delta in Candidates(move, deltas))
            {
                var (change, drop) = (CostChange(move, delta), FourthDrop(move, delta));
                if ((change < bestChange || (change == bestChange && drop > bestDrop)) && WithinCap(move, delta, balanceCap) && !RaisesTraining(move, delta))
                {
                    (best, bestChange, bestDrop) = (delta, change, drop);
                }
            }

            if (best > 0)
            {
                ApplyWithinCap(move, best);
            }
        }
    }

    /// <summary>The largest scaled deviation of any row in each dimension, exactly, into <see cref="_largest"/>.</summary>
    private void FindLargest()
    {
        Array.Clear(_largest);
        for (var r = 0; r < _problem.Rows.Length; r++)
        {
            for (var k = 0; k < 2; k++)
            {
                _largest[k] = Math.Max(_largest[k], _problem.ScaledDeviation(k, r, _score[k][r]));
            }
        }
    }

    /// <summary>
    /// Whether the plan's objective stays within <paramref name="cap"/> after the move: its two rows' new deviations
    /// against the largest of the others, exactly (<see cref="_largest"/> may stand above the true largest when a row has
    /// since come closer, never below it). A cap above the objective is room either dimension may take.
    /// </summary>
    private bool WithinCap(in Move m, int delta, long cap)
    {
        long objective = 0;
        for (var k = 0; k < 2; k++)
        {
            objective += _problem.Weights[k] * LargestAfter(k, m, delta);
        }

        return objective <= cap;
    }

    /// <summary>The largest deviation in dimension k after the move, as far as <see cref="_largest"/> knows.</summary>
    private long LargestAfter(int k, in Move m, int delta)
    {
        var perHour = _problem.Ratings[k][m.U] - _problem.Ratings[k][m.T];
        return perHour == 0
            ? _largest[k]
            : Math.Max(
                _largest[k],
                Math.Max(_problem.ScaledDeviation(k, m.RowA, _score[k][m.RowA] + (delta * perHour)), _problem.ScaledDeviation(k, m.RowB, _score[k][m.RowB] - (delta * perHour))));
    }

    /// <summary>Applies a move of the costs' search, keeping <see cref="_largest"/> up to date.</summary>
    private void ApplyWithinCap(in Move m, int delta)
    {
        for (var k = 0; k < 2; k++)
        {
            _largest[k] = LargestAfter(k, m, delta);
        }

        Apply(m, delta);
    }

    /// <summary>Applies the move from <paramref name="row"/> that lowers the costs most (<see cref="LowerCosts"/>); returns whether there was one.</summary>
    private bool TryLowerCostOf(int row, long balanceCap)
    {
        Span<int> deltas = stackalloc int[12];
        Span<int> extra = stackalloc int[4];
        var (best, bestDelta, bestChange, bestDrop) = ((Move?)null, 0, 0L, 0.0);
        foreach (var move in CostMovesOf(row))
        {
            extra[0] = Excess(move.PAt);
            extra[1] = -Excess(move.PBt);
            extra[2] = Excess(move.PBu);
            extra[3] = -Excess(move.PAu);
            foreach (var delta in Candidates(move, deltas, extra: extra))
            {
                // Of two that lower the costs as much, the one that brings its rows closer to the averages.
                var change = CostChange(move, delta);
                if (change < 0 && change <= bestChange && FourthDrop(move, delta) is var drop && (change < bestChange || drop > bestDrop)
                    && WithinCap(move, delta, balanceCap) && !RaisesTraining(move, delta))
                {
                    (best, bestDelta, bestChange, bestDrop) = (move, delta, change, drop);
                }
            }
        }

        if (best is not { } chosen)
        {
            return false;
        }

        ApplyWithinCap(chosen, bestDelta);
        return true;
    }

    /// <summary>The moves <see cref="LowerCosts"/> tries from a row: <see cref="GivingBackOf"/>, and <see cref="ReturnsOf"/> in each period the row holds tasks in.</summary>
    private IEnumerable<Move> CostMovesOf(int row)
    {
        foreach (var move in GivingBackOf(row))
        {
            yield return move;
        }

        foreach (var t in _heldOfRow[row].Select(p => _problem.Pairs[p].Task).DistinctBy(t => _problem.TaskPeriod[t]))
        {
            foreach (var move in ReturnsOf(row, t))
            {
                yield return move;
            }
        }
    }

    /// <summary>
    /// The moves in which the worker of <paramref name="row"/> gives hours of a task they hold more of than before to a
    /// worker b who held more of it before than now, taking hours of any of b's tasks in return.
    /// </summary>
    private IEnumerable<Move> GivingBackOf(int row)
    {
        var a = _problem.Rows[row].Worker;
        foreach (var pAt in _heldOfRow[row])
        {
            if (Excess(pAt) <= 0)
            {
                continue;
            }

            var t = _problem.Pairs[pAt].Task;
            foreach (var pBt in FormerHolders(t))
            {
                var b = _problem.Pairs[pBt].Worker;
                if (b == a || Excess(pBt) >= 0)
                {
                    continue;
                }

                foreach (var pBu in _heldPairs[HeldIndex(b, t)])
                {
                    if (MoveOf(row, pAt, b, pBu) is { } move)
                    {
                        yield return move;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The pairs of task <paramref name="t"/> whose workers held it before: in the first period those with current hours
    /// in it (and every worker without a current assignment), later those who held it in the period before.
    /// </summary>
    private IEnumerable<int> FormerHolders(int t)
    {
        if (_problem.TaskPeriod[t] == 0)
        {
            return _formerHolders![t];
        }

        return _previousTask![t] < 0 ? [] : _holdersOfTask[_previousTask[t]].Select(q => _nextPair![q]).Where(n => n >= 0);
    }

    /// <summary>
    /// How much more pair <paramref name="p"/> holds than its worker held before (negative when less): the hours it counts
    /// as reassigned, when positive (<see cref="BalancingProblem.HeldBefore"/>).
    /// </summary>
    private int Excess(int p) => _plan[p] - _problem.HeldBefore(p, _plan);

    /// <summary>
    /// What the move does to the costs: the change in reassigned hours (of its four pairs and of the pairs that follow them
    /// in the next period) times 8, plus the change in fragments (at most 4 either way), so that a negative value is a
    /// lexicographic gain.
    /// </summary>
    private long CostChange(in Move m, int delta) =>
        (8L * (ReassignedChange(m.PAt, -delta) + ReassignedChange(m.PBu, -delta) + ReassignedChange(m.PBt, delta) + ReassignedChange(m.PAu, delta)))
        + FragmentChange(m.PAt, -delta) + FragmentChange(m.PBu, -delta) + FragmentChange(m.PBt, delta) + FragmentChange(m.PAu, delta);

    /// <summary>The change in reassigned hours when pair <paramref name="p"/> changes by <paramref name="change"/>, its own and its successor's in the next period.</summary>
    private long ReassignedChange(int p, int change)
    {
        static int Reassigned(int excess) => Math.Max(0, excess);
        var excess = Excess(p);
        long total = Reassigned(excess + change) - Reassigned(excess);
        if (_nextPair![p] is var next and >= 0)
        {
            var after = Excess(next);
            total += Reassigned(after - change) - Reassigned(after);
        }

        return total;
    }

    private int FragmentChange(int p, int change) => (_plan[p] == 0, _plan[p] + change == 0) switch
    {
        (true, false) => 1,
        (false, true) => -1,
        _ => 0,
    };

    /// <summary>Whether the move has a worker take up a task that needs a skill they hold no other task of (in any period), and so learn it.</summary>
    private bool RaisesTraining(in Move m, int delta)
    {
        bool Learns(int p, int given)
        {
            var (w, skill) = (_problem.Pairs[p].Worker, _problem.Pairs[p].TrainingSkill);
            if (_plan[p] > 0 || skill < 0)
            {
                return false;
            }

            for (var period = 0; period < _problem.PeriodCount; period++)
            {
                foreach (var q in _heldPairs[(w * _problem.PeriodCount) + period])
                {
                    if (_problem.Pairs[q].TrainingSkill == skill && (q != given || _plan[q] > delta))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        return Learns(m.PBt, m.PBu) || Learns(m.PAu, m.PAt);
    }

    /// <summary>
    /// Indexes the periods for <see cref="LowerCosts"/>: <see cref="_nextPair"/>, each pair's successor (the same worker's
    /// pair of the same task in the next period, -1 when none), and <see cref="_previousTask"/>, each task's predecessor.
    /// </summary>
    private void IndexPeriods()
    {
        _nextPair = new int[_problem.Pairs.Length];
        _previousTask = new int[_problem.TaskCount];
        Array.Fill(_nextPair, -1);
        Array.Fill(_previousTask, -1);
        for (var p = 0; p < _problem.PreviousPair.Length; p++)
        {
            if (_problem.PreviousPair[p] is var previous && previous >= 0)
            {
                _nextPair[previous] = p;
                _previousTask[_problem.Pairs[p].Task] = _problem.Pairs[previous].Task;
            }
        }
    }

    /// <summary>For each task, its pairs whose workers held it before the first period: current hours in it, or no current assignment at all.</summary>
    private int[][] FormerHoldersInFirstPeriod() =>
        [.. _problem.PairsOfTask.Select(pairs => pairs.Where(p => _problem.TaskPeriod[_problem.Pairs[p].Task] == 0 && _problem.HeldBefore(p, _plan) > 0).ToArray())];

    /// <summary>Applies <paramref name="moves"/> random moves that keep the rules, whatever they do to balance.</summary>
    private void Shake(int moves)
    {
        Span<int> deltas = stackalloc int[8];
        for (var done = 0; done < moves * 50 && moves > 0; done++)
        {
            if (Draw(_random.Next(_problem.Rows.Length)) is not { } move)
            {
                continue;
            }

            var candidates = Candidates(move, deltas);
            if (candidates.Length > 0)
            {
                Apply(move, candidates[_random.Next(candidates.Length)]);
                moves--;
            }
        }
    }

    /// <summary>
    /// Tries improving moves until <paramref name="deadline"/> or until <paramref name="patience"/> tries in a row fail;
    /// returns whether they did (the descent ended), not the deadline or cancellation.
    /// </summary>
    private bool Descend(DateTime deadline, int patience, Action offerState, CancellationToken cancellationToken)
    {
        var max = new double[2];
        FindFurthest(max);
        var failures = 0;
        var nextOffer = DateTime.UtcNow.AddSeconds(0.5);
        for (var tries = 0L; failures < patience; tries++)
        {
            if ((tries & 1023) == 0)
            {
                var now = DateTime.UtcNow;
                if (now >= deadline || cancellationToken.IsCancellationRequested)
                {
                    return false;
                }

                if (now >= nextOffer)
                {
                    offerState();
                    nextOffer = now.AddSeconds(0.5);
                }
            }

            if (TryMove(max, orExchange: TriesExchanges && failures >= ExchangesAfterFailures) || (failures + 1 == patience && (TryBestMoveOfFurthest(max) || TryChainOfFurthest(max) || (TriesExchanges && (TryExchangeOfFurthest(max) || TryThirdPartyExchangeOfFurthest(max))))))
            {
                failures = 0;
                FindFurthest(max);
            }
            else
            {
                failures++;
            }
        }

        return true;
    }

    /// <summary>
    /// When random draws stall: every move of the row furthest from the average — each task it holds, each worker who
    /// may take it, each task of theirs in return — and the best that improves, applied. On a large workplace the few
    /// moves that help the worst job are too rare for random draws to find.
    /// </summary>
    private bool TryBestMoveOfFurthest(double[] max)
    {
        var k = _weight[0] * max[0] >= _weight[1] * max[1] ? 0 : 1;
        var row = _furthest[k][0];
        return row >= 0 && TryBestOf(MovesOf(row), 0, max);
    }

    /// <summary>
    /// When no single move helps the furthest row: a chain of two, from each of the three furthest rows of each dimension
    /// in turn, the dimension that weighs more first. The row's worker a makes a move that brings
    /// a closer to the averages but pushes its partner b beyond the largest deviation, and b then passes the excess on
    /// to a third worker c; the pair is applied when together they keep the objective and lower the fourth-power sum.
    /// The first moves tried are those that help a most.
    /// </summary>
    private bool TryChainOfFurthest(double[] max)
    {
        Span<int> deltas = stackalloc int[8];
        var scratch = new double[2];
        foreach (var row in FurthestRows(max))
        {
            var firsts = new List<(Move Move, int Delta, double Help)>();
            foreach (var move in MovesOf(row))
            {
                foreach (var delta in Candidates(move, deltas))
                {
                    var help = RowHelp(move, delta, max);
                    if (help > 1e-12)
                    {
                        firsts.Add((move, delta, help));
                    }
                }
            }

            foreach (var (first, delta, _) in firsts.OrderByDescending(f => f.Help).Take(ChainFirstMoves))
            {
                var firstDrop = FourthDrop(first, delta);
                Apply(first, delta);
                FindFurthest(scratch);

                // Not the first move undone, in part or in whole: that is a single move the search tried already.
                if (TryBestOf(MovesOf(first.RowB).Where(second => second.PAt != first.PBt || second.PBu != first.PAu), firstDrop, max))
                {
                    return true;
                }

                Apply(Reversed(first), delta);
                FindFurthest(scratch);
            }
        }

        return false;
    }

    /// <summary>
    /// When no chain helps either: two workers at their task limit trade whole holdings. The row's worker a gives all of a
    /// task t to b for part of b's task u (or all of u for part of t), which leaves one of them a task over the limit for
    /// a moment; a second move between the same two then frees that slot, the one over the limit giving up the rest of a
    /// task. Only a and b change, so the pair is scored as one move: applied when it keeps the objective and lowers the
    /// fourth-power sum. Where every worker is at the limit, no single move or chain lets a worker take up a new task:
    /// a worker who holds too much of a scarce, skilled task can shed it only this way.
    /// </summary>
    private bool TryExchangeOfFurthest(double[] max)
    {
        foreach (var row in FurthestRows(max))
        {
            // Listed first: an exchange changes the held pairs, which MovesOf reads (each is undone before the next).
            foreach (var first in MovesOf(row).ToList())
            {
                if (TryExchange(first, max))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// When no exchange between two workers helps either: the first half of an exchange from a furthest row, one of the
    /// <see cref="ChainFirstMoves"/> that bring the row closest to the averages, then the best move of the worker it
    /// leaves over the limit with anyone, which frees the slot: a third worker takes the rest of one of their tasks. A
    /// worker at the limit who should take up part of a task held by someone also at the limit needs both of them to give
    /// up a whole task, and the two rarely hold one of each other's. On the generated XL workplace, with the random
    /// exchanges, 0.742 after 300 s in two runs, against 0.807–0.879 without this step.
    /// </summary>
    private bool TryThirdPartyExchangeOfFurthest(double[] max)
    {
        foreach (var row in FurthestRows(max))
        {
            var firsts = new List<(Move Move, int Delta, double Help)>();
            foreach (var move in MovesOf(row))
            {
                if (ExchangeAmount(move) is var delta and > 0 && RowHelp(move, delta, max) is var help && help > 1e-12)
                {
                    firsts.Add((move, delta, help));
                }
            }

            foreach (var (first, delta, _) in firsts.OrderByDescending(f => f.Help).Take(ChainFirstMoves))
            {
                if (TryFreeingSlot(first, delta, max))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The exchange of holdings that begins with <paramref name="first"/> at the whole of the smaller holding, which leaves
    /// a worker a task over the limit for a moment, then the best second move between the same two workers that frees the
    /// slot: applied when together they keep the objective and lower the fourth-power sum; returns whether they were. A
    /// first move that needs no slot is a single move, and one that breaks another rule is out: neither is tried.
    /// </summary>
    private bool TryExchange(in Move first, double[] max)
    {
        var delta = ExchangeAmount(first);
        if (delta == 0)
        {
            return false;
        }

        // Both moves change rows a and b alone, so the furthest rows besides them stay as they were.
        var firstDrop = FourthDrop(first, delta);
        Apply(first, delta);

        // Not the first trade undone, nor a trade in another period, where no slot is over the limit.
        var (t, u, period) = (first.T, first.U, _problem.TaskPeriod[first.T]);
        if (TryBestOf(MovesBetween(first.RowA, first.B).Where(second => (second.T != u || second.U != t) && _problem.TaskPeriod[second.T] == period), firstDrop, max))
        {
            return true;
        }

        Apply(Reversed(first), delta);
        return false;
    }

    /// <summary>
    /// The amount at which <paramref name="m"/> begins an exchange of holdings: the whole of the smaller of the two
    /// holdings, when that leaves a worker a task over the limit and keeps every other rule; 0 when it begins none.
    /// </summary>
    private int ExchangeAmount(in Move m)
    {
        var delta = Math.Min(_plan[m.PAt], _plan[m.PBu]);
        return _plan[m.PAt] != _plan[m.PBu] && !Keeps(m, delta) && Keeps(m, delta, slack: 1) ? delta : 0;
    }

    /// <summary>
    /// Applies the best of <paramref name="moves"/>, each at each amount worth trying, by its gain plus
    /// <paramref name="firstDrop"/>, when that is positive; returns whether it did. For the second move of a step of two,
    /// the first already applied, <paramref name="firstDrop"/> is what the first did to the fourth-power sum, so the
    /// two are kept only when together they keep the objective and lower the sum.
    /// </summary>
    private bool TryBestOf(IEnumerable<Move> moves, double firstDrop, double[] max)
    {
        Span<int> deltas = stackalloc int[8];
        Move? best = null;
        var (bestDelta, bestGain) = (0, 1e-12);
        foreach (var move in moves)
        {
            foreach (var delta in Candidates(move, deltas))
            {
                var gain = Gain(move, delta, max) + firstDrop;
                if (gain > bestGain)
                {
                    (best, bestDelta, bestGain) = (move, delta, gain);
                }
            }
        }

        if (best is not { } chosen)
        {
            return false;
        }

        Apply(chosen, bestDelta);
        return true;
    }

    /// <summary>The three furthest rows of each dimension, the dimension that weighs more first, each row once.</summary>
    private int[] FurthestRows(double[] max)
    {
        var dominant = _weight[0] * max[0] >= _weight[1] * max[1] ? 0 : 1;
        return [.. _furthest[dominant].Concat(_furthest[1 - dominant]).Where(r => r >= 0).Distinct()];
    }

    /// <summary>The move that undoes <paramref name="m"/>: b gives the δ hours of t back to a and takes back the δ of u.</summary>
    private static Move Reversed(in Move m) => new(m.B, m.A, m.T, m.U, m.PBt, m.PAu, m.PAt, m.PBu, m.RowB, m.RowA);

    /// <summary>Every swap open to the worker of <paramref name="row"/>: each task the row holds, each other worker who may hold it, each task of theirs in return.</summary>
    private IEnumerable<Move> MovesOf(int row)
    {
        var a = _problem.Rows[row].Worker;
        foreach (var pAt in _heldOfRow[row])
        {
            foreach (var b in _workersOfTask[_problem.Pairs[pAt].Task])
            {
                if (b != a)
                {
                    foreach (var move in MovesWith(row, pAt, b))
                    {
                        yield return move;
                    }
                }
            }
        }
    }

    /// <summary>Every swap between the worker of <paramref name="row"/> and worker <paramref name="b"/>, a giving the task it holds in every pair of the row.</summary>
    private IEnumerable<Move> MovesBetween(int row, int b)
    {
        foreach (var pAt in _heldOfRow[row])
        {
            if (_pairOf[b, _problem.Pairs[pAt].Task] >= 0)
            {
                foreach (var move in MovesWith(row, pAt, b))
                {
                    yield return move;
                }
            }
        }
    }

    /// <summary>Every swap in which the worker of <paramref name="row"/> gives hours of pair <paramref name="pAt"/> to worker <paramref name="b"/>, who may hold its task.</summary>
    private IEnumerable<Move> MovesWith(int row, int pAt, int b)
    {
        foreach (var pBu in _heldPairs[HeldIndex(b, _problem.Pairs[pAt].Task)])
        {
            if (MoveOf(row, pAt, b, pBu) is { } move)
            {
                yield return move;
            }
        }
    }

    /// <summary>
    /// How much the move brings a's row (the first) closer to the averages, in the fourth-power sum, when it leaves a's
    /// row within the largest deviations in both dimensions; zero or less otherwise. What it does to b does not count.
    /// </summary>
    private double RowHelp(in Move m, int delta, double[] max)
    {
        var help = 0.0;
        for (var k = 0; k < 2; k++)
        {
            var newA = _deviation[k][m.RowA] + (delta * (_rating[k][m.U] - _rating[k][m.T]) / _problem.Rows[m.RowA].Hours);
            if (Math.Abs(newA) > max[k] + 1e-12)
            {
                return 0;
            }

            help += Fourth(_weight[k] * _deviation[k][m.RowA]) - Fourth(_weight[k] * newA);
        }

        return help;
    }

    /// <summary>How much the move lowers <c>Σ (w·d)⁴</c> over the two rows it changes.</summary>
    private double FourthDrop(in Move m, int delta)
    {
        var drop = 0.0;
        for (var k = 0; k < 2; k++)
        {
            var perHour = _rating[k][m.U] - _rating[k][m.T];
            var newA = _deviation[k][m.RowA] + (delta * perHour / _problem.Rows[m.RowA].Hours);
            var newB = _deviation[k][m.RowB] - (delta * perHour / _problem.Rows[m.RowB].Hours);
            drop += Fourth(_weight[k] * _deviation[k][m.RowA]) + Fourth(_weight[k] * _deviation[k][m.RowB])
                    - Fourth(_weight[k] * newA) - Fourth(_weight[k] * newB);
        }

        return drop;
    }

    /// <summary>
    /// Tries a random move at the best amount; with <paramref name="orExchange"/>, when no amount helps and the move lacks
    /// only a free task slot, tries it as the first half of an exchange of holdings (<see cref="TryExchange"/>).
    /// </summary>
    private bool TryMove(double[] max, bool orExchange)
    {
        if (Draw(PickRow(max)) is not { } move)
        {
            return false;
        }

        Span<int> deltas = stackalloc int[8];
        var best = 0;
        var bestGain = 1e-12;
        foreach (var delta in Candidates(move, deltas))
        {
            var gain = Gain(move, delta, max);
            if (gain > bestGain)
            {
                (best, bestGain) = (delta, gain);
            }
        }

        if (best > 0)
        {
            Apply(move, best);
            return true;
        }

        return orExchange && (TryExchange(move, max) || TryUptake(move, max));
    }

    /// <summary>
    /// Takes up part of a task: <paramref name="first"/> at the amount that brings a's row closest to the averages though it
    /// leaves one of the two workers a task over the limit, then the best move in which that worker gives all of one of
    /// their tasks to a worker who holds another of theirs and takes that back in return (a third worker, or the other
    /// of the two). A worker at the limit who should hold a little of a task they do not hold must give up a whole task
    /// for it, and the partner who has the task rarely holds the rest.
    /// </summary>
    private bool TryUptake(in Move first, double[] max)
    {
        Span<int> deltas = stackalloc int[8];
        var (amount, help) = (0, 1e-12);
        foreach (var delta in Candidates(first, deltas, slack: 1))
        {
            if (!Keeps(first, delta) && OneOver(first, delta) && RowHelp(first, delta, max) is var h && h > help)
            {
                (amount, help) = (delta, h);
            }
        }

        return amount > 0 && TryFreeingSlot(first, amount, max);
    }

    /// <summary>
    /// Applies <paramref name="first"/> at <paramref name="delta"/>, which leaves one of its two workers a task over the
    /// limit, then the best move that frees the slot: that worker gives all of one of their tasks to a worker who holds
    /// another of theirs and takes that back (<see cref="ReturnsOf"/>), the first trade not undone. The two are kept when
    /// together they keep the objective and lower the fourth-power sum, against the furthest rows found again after the
    /// first; otherwise the first is undone. Returns whether they were kept.
    /// </summary>
    private bool TryFreeingSlot(in Move first, int delta, double[] max)
    {
        var firstDrop = FourthDrop(first, delta);
        Apply(first, delta);
        FindFurthest(_scratchMax);
        var (over, other) = _heldPairs[HeldIndex(first.A, first.T)].Count > _problem.MaxTasks[first.A] ? (first.RowA, first.B) : (first.RowB, first.A);
        var (t, u) = (first.T, first.U);
        bool UndoesFirst(Move second) => second.B == other && ((second.T == t && second.U == u) || (second.T == u && second.U == t));
        if (TryBestOf(ReturnsOf(over, t).Where(second => !UndoesFirst(second)), firstDrop, max))
        {
            return true;
        }

        Apply(Reversed(first), delta);
        FindFurthest(_scratchMax);
        return false;
    }

    /// <summary>
    /// The moves in which the worker of <paramref name="row"/> gives hours of a task they hold to a worker who holds
    /// another task of theirs, and takes hours of that one back: found through the holders of each task, not by walking
    /// every worker who may hold it. In the period of task <paramref name="task"/> alone. For a worker a task over the limit
    /// these are all the moves that may bring them back to it: any other gives them no free slot, or takes up a task.
    /// </summary>
    private IEnumerable<Move> ReturnsOf(int row, int task)
    {
        var a = _problem.Rows[row].Worker;
        var held = _heldPairs[HeldIndex(a, task)];
        foreach (var pAu in held)
        {
            foreach (var pBu in _holdersOfTask[_problem.Pairs[pAu].Task])
            {
                var b = _problem.Pairs[pBu].Worker;
                if (b == a)
                {
                    continue;
                }

                foreach (var pAt in held)
                {
                    if (pAt != pAu && _pairOf[b, _problem.Pairs[pAt].Task] >= 0 && MoveOf(row, pAt, b, pBu) is { } move)
                    {
                        yield return move;
                    }
                }
            }
        }
    }

    /// <summary>
    /// A random swap for the worker of row <paramref name="row"/>, a: a task t of the row that a holds, a worker b who may
    /// hold t, a task u of t's period that b holds and a may hold; <see langword="null"/> when the draw does not make one.
    /// </summary>
    private Move? Draw(int row)
    {
        var fromA = _heldOfRow[row];
        if (fromA.Count == 0)
        {
            return null;
        }

        var pAt = fromA[_random.Next(fromA.Count)];
        var t = _problem.Pairs[pAt].Task;
        var takers = _workersOfTask[t];
        var b = takers[_random.Next(takers.Length)];
        var fromB = _heldPairs[HeldIndex(b, t)];
        return b == _problem.Rows[row].Worker || fromB.Count == 0 ? null : MoveOf(row, pAt, b, fromB[_random.Next(fromB.Count)]);
    }

    /// <summary>
    /// The swap in which the worker of <paramref name="row"/> gives hours of pair <paramref name="pAt"/> to worker
    /// <paramref name="b"/> (who may hold its task) and takes hours of b's pair <paramref name="pBu"/>; <see langword="null"/>
    /// when b holds none of it, it is the same task, the row's worker may not hold it, or it lies at another site where
    /// whole workers move.
    /// </summary>
    private Move? MoveOf(int row, int pAt, int b, int pBu)
    {
        var (a, t, u) = (_problem.Rows[row].Worker, _problem.Pairs[pAt].Task, _problem.Pairs[pBu].Task);
        var pAu = _pairOf[a, u];
        if (_plan[pBu] == 0 || u == t || pAu < 0
            || (_problem.Spec.Mixing is { WholeWorkers: true } && _problem.TaskSite[t] != _problem.TaskSite[u]))
        {
            return null;
        }

        var pBt = _pairOf[b, t];
        return new Move(a, b, t, u, pAt, pBu, pBt, pAu, row, _problem.RowOfPair[pBt]);
    }

    /// <summary>A row at a largest deviation half of the time, any row otherwise.</summary>
    private int PickRow(double[] max)
    {
        var k = _weight[0] * max[0] >= _weight[1] * max[1] ? 0 : 1;
        return _random.Next(2) == 0 || _largestCount[k] == 0
            ? _random.Next(_problem.Rows.Length)
            : _atLargest[k][_random.Next(_largestCount[k])];
    }

    /// <summary>The amounts worth trying: whole holdings (which free a task), one chunk, the amounts that would
    /// bring a's or b's row to the average in either dimension, and any <paramref name="extra"/>; only those that keep
    /// every rule, written into <paramref name="deltas"/> (room for 8 and the extra ones).</summary>
    private Span<int> Candidates(in Move m, Span<int> deltas, int slack = 0, ReadOnlySpan<int> extra = default)
    {
        var xAt = _plan[m.PAt];
        var xBu = _plan[m.PBu];
        var limit = Math.Min(Math.Min(xAt, xBu), Math.Min(_problem.Pairs[m.PBt].Upper - _plan[m.PBt], _problem.Pairs[m.PAu].Upper - _plan[m.PAu]));
        if (limit <= 0)
        {
            return [];
        }

        var n = 0;
        var move = m;
        void Consider(int delta, Span<int> into)
        {
            if (delta > 0 && delta <= limit && !into[..n].Contains(delta) && Keeps(move, delta, slack))
            {
                into[n++] = delta;
            }
        }

        Consider(xAt, deltas);
        Consider(xBu, deltas);
        Consider(Math.Max(_problem.Pairs[m.PBt].Lowest, _problem.Pairs[m.PAu].Lowest), deltas);
        Consider(1, deltas);
        for (var k = 0; k < 2; k++)
        {
            var perHour = _rating[k][m.U] - _rating[k][m.T];
            if (Math.Abs(perHour) > 1e-12)
            {
                Consider((int)Math.Round(-_deviation[k][m.RowA] * _problem.Rows[m.RowA].Hours / perHour), deltas);
                Consider((int)Math.Round(_deviation[k][m.RowB] * _problem.Rows[m.RowB].Hours / perHour), deltas);
            }
        }

        foreach (var delta in extra)
        {
            Consider(delta, deltas);
        }

        return deltas[..n];
    }

    /// <summary>Whether the move leaves exactly one of its two workers over the task limit (by one: see <see cref="Keeps"/>).</summary>
    private bool OneOver(in Move m, int delta)
    {
        var heldA = _heldPairs[HeldIndex(m.A, m.T)].Count - (_plan[m.PAt] == delta ? 1 : 0) + (_plan[m.PAu] == 0 ? 1 : 0);
        var heldB = _heldPairs[HeldIndex(m.B, m.T)].Count - (_plan[m.PBu] == delta ? 1 : 0) + (_plan[m.PBt] == 0 ? 1 : 0);
        return (heldA > _problem.MaxTasks[m.A]) != (heldB > _problem.MaxTasks[m.B]);
    }

    /// <summary>
    /// Whether the move keeps every rule; with <paramref name="slack"/>, a worker may end that many tasks over their limit
    /// (for the first half of an exchange of holdings, which the second half puts right).
    /// </summary>
    private bool Keeps(in Move m, int delta, int slack = 0)
    {
        bool Valid(int p, int x) => x == 0 ? _problem.Pairs[p].Fixed == 0 : x >= _problem.Pairs[p].Lowest && x <= _problem.Pairs[p].Upper;

        int At(int p, int change) => _plan[p] + change;
        if (!Valid(m.PAt, At(m.PAt, -delta)) || !Valid(m.PBu, At(m.PBu, -delta)) || !Valid(m.PBt, At(m.PBt, delta)) || !Valid(m.PAu, At(m.PAu, delta)))
        {
            return false;
        }

        var heldA = _heldPairs[HeldIndex(m.A, m.T)].Count - (At(m.PAt, -delta) == 0 ? 1 : 0) + (_plan[m.PAu] == 0 ? 1 : 0);
        var heldB = _heldPairs[HeldIndex(m.B, m.T)].Count - (At(m.PBu, -delta) == 0 ? 1 : 0) + (_plan[m.PBt] == 0 ? 1 : 0);
        return heldA - slack <= _problem.MaxTasks[m.A] && heldB - slack <= _problem.MaxTasks[m.B]
            && (_siteHours is null || (KeepsSites(m.A, m.T, m.U, delta) && KeepsSites(m.B, m.U, m.T, delta)))
            && (!_problem.HasRotationRules || KeepsRotation(m, delta));
    }

    /// <summary>Whether both workers of the move keep the rotation rules after it: checked on the whole of their horizon.</summary>
    private bool KeepsRotation(Move m, int delta)
    {
        int After(int p) => p == m.PAt || p == m.PBu ? _plan[p] - delta : p == m.PBt || p == m.PAu ? _plan[p] + delta : _plan[p];
        return _problem.KeepsRotation(m.A, After) && _problem.KeepsRotation(m.B, After);
    }

    /// <summary>
    /// Whether worker w, giving δ hours at the site of task <paramref name="from"/> and taking δ at the site of task
    /// <paramref name="to"/> (same period), keeps the rules of work at other sites: the secondary share, the least
    /// secondary hours, and the number of other sites.
    /// </summary>
    private bool KeepsSites(int w, int from, int to, int delta)
    {
        var (siteFrom, siteTo, period) = (_problem.TaskSite[from], _problem.TaskSite[to], _problem.TaskPeriod[from]);
        if (siteFrom == siteTo)
        {
            return true;
        }

        var home = _problem.WorkerHome[w];
        var hours = _siteHours!;
        int After(int site, int p) =>
            hours[SiteIndex(w, site, p)] + (p != period ? 0 : site == siteTo ? delta : site == siteFrom ? -delta : 0);

        var secondary = 0;
        var sites = 0;
        for (var site = 0; site < _problem.SiteCount; site++)
        {
            if (site == home)
            {
                continue;
            }

            var here = After(site, period);
            if (here > 0 && here < _problem.MinSecondaryUnits)
            {
                return false;
            }

            secondary += here;
            var anyPeriod = false;
            for (var p = 0; p < _problem.PeriodCount && !anyPeriod; p++)
            {
                anyPeriod = After(site, p) > 0;
            }

            sites += anyPeriod ? 1 : 0;
        }

        return secondary <= _problem.SecondaryCap(w, period) && sites <= _problem.Spec.Mixing!.MaxSecondarySites;
    }

    /// <summary>
    /// How much better the move makes the plan: first by the objective <c>Σ_k w_k·max|d_k|</c>, with the new largest
    /// deviations found exactly from the three furthest rows, then by the fourth-power sum. Zero or negative when it
    /// is no better. A move may so raise one largest deviation when it lowers the other by more.
    /// </summary>
    private double Gain(in Move m, int delta, double[] max)
    {
        var objectiveDrop = 0.0;
        for (var k = 0; k < 2; k++)
        {
            if (_weight[k] == 0)
            {
                continue;
            }

            var perHour = _rating[k][m.U] - _rating[k][m.T];
            var newA = _deviation[k][m.RowA] + (delta * perHour / _problem.Rows[m.RowA].Hours);
            var newB = _deviation[k][m.RowB] - (delta * perHour / _problem.Rows[m.RowB].Hours);
            var newMax = Math.Max(Math.Max(Math.Abs(newA), Math.Abs(newB)), FurthestBesides(k, m.RowA, m.RowB));
            objectiveDrop += _weight[k] * (max[k] - newMax);
        }

        return objectiveDrop < -1e-12 ? double.NegativeInfinity : (objectiveDrop * 1e6) + FourthDrop(m, delta);
    }

    /// <summary>The largest deviation in dimension k of any row but rows a and b.</summary>
    private double FurthestBesides(int k, int rowA, int rowB)
    {
        foreach (var r in _furthest[k])
        {
            if (r >= 0 && r != rowA && r != rowB)
            {
                return Math.Abs(_deviation[k][r]);
            }
        }

        return 0;
    }

    /// <summary>Finds the three furthest rows in each dimension, the largest deviations, and the rows at them.</summary>
    private void FindFurthest(double[] max)
    {
        for (var k = 0; k < 2; k++)
        {
            var top = _furthest[k];
            Array.Fill(top, -1);
            for (var r = 0; r < _problem.Rows.Length; r++)
            {
                var d = Math.Abs(_deviation[k][r]);
                for (var i = 0; i < top.Length; i++)
                {
                    if (top[i] < 0 || d > Math.Abs(_deviation[k][top[i]]))
                    {
                        Array.Copy(top, i, top, i + 1, top.Length - i - 1);
                        top[i] = r;
                        break;
                    }
                }
            }

            max[k] = top[0] < 0 ? 0 : Math.Abs(_deviation[k][top[0]]);
            _largestCount[k] = 0;
            for (var r = 0; r < _problem.Rows.Length; r++)
            {
                if (Math.Abs(_deviation[k][r]) >= max[k] - 1e-9)
                {
                    _atLargest[k][_largestCount[k]++] = r;
                }
            }
        }
    }

    private void Apply(in Move m, int delta)
    {
        Track(m.PAt, -delta);
        Track(m.PBu, -delta);
        Track(m.PBt, delta);
        Track(m.PAu, delta);
        if (_siteHours is not null)
        {
            var (siteT, siteU, period) = (_problem.TaskSite[m.T], _problem.TaskSite[m.U], _problem.TaskPeriod[m.T]);
            _siteHours[SiteIndex(m.A, siteT, period)] -= delta;
            _siteHours[SiteIndex(m.A, siteU, period)] += delta;
            _siteHours[SiteIndex(m.B, siteT, period)] += delta;
            _siteHours[SiteIndex(m.B, siteU, period)] -= delta;
        }

        for (var k = 0; k < 2; k++)
        {
            var perHour = _rating[k][m.U] - _rating[k][m.T];
            _deviation[k][m.RowA] += delta * perHour / _problem.Rows[m.RowA].Hours;
            _deviation[k][m.RowB] -= delta * perHour / _problem.Rows[m.RowB].Hours;
            var scorePerHour = _problem.Ratings[k][m.U] - _problem.Ratings[k][m.T];
            _score[k][m.RowA] += delta * scorePerHour;
            _score[k][m.RowB] -= delta * scorePerHour;
        }
    }

    /// <summary>Changes pair <paramref name="p"/>'s hours by <paramref name="change"/>, and the held pairs' lists when it is taken up or given up.</summary>
    private void Track(int p, int change)
    {
        var before = _plan[p];
        _plan[p] += change;
        if ((before == 0) != (_plan[p] == 0))
        {
            var pairs = _heldPairs[HeldIndex(_problem.Pairs[p].Worker, _problem.Pairs[p].Task)];
            var at = pairs.BinarySearch(p);
            var (ofRow, ofTask) = (_heldOfRow[_problem.RowOfPair[p]], _holdersOfTask[_problem.Pairs[p].Task]);
            if (before == 0)
            {
                pairs.Insert(~at, p);
                Add(ofRow, _placeInRow, p);
                Add(ofTask, _placeInTask, p);
            }
            else
            {
                pairs.RemoveAt(at);
                Remove(ofRow, _placeInRow, p);
                Remove(ofTask, _placeInTask, p);
            }
        }
    }

    /// <summary>Adds pair <paramref name="p"/> to an unordered list of pairs that records where each stands in it.</summary>
    private static void Add(List<int> pairs, int[] place, int p)
    {
        place[p] = pairs.Count;
        pairs.Add(p);
    }

    /// <summary>Removes pair <paramref name="p"/> from an unordered list of pairs, moving the last into its place.</summary>
    private static void Remove(List<int> pairs, int[] place, int p)
    {
        var last = pairs[^1];
        pairs[place[p]] = last;
        place[last] = place[p];
        pairs.RemoveAt(pairs.Count - 1);
    }

    /// <summary>The objective of the state, <c>Σ_k w_k·max|d_k|</c>.</summary>
    private double Objective() => (_weight[0] * MaxAbs(_deviation[0])) + (_weight[1] * MaxAbs(_deviation[1]));

    private static double Fourth(double value)
    {
        var square = value * value;
        return square * square;
    }

    private static double MaxAbs(double[] values)
    {
        var max = 0.0;
        foreach (var v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    /// <summary>a gives δ of t to b and takes δ of u from b; the p's are the four pairs' indexes, the rows a's and b's balance rows.</summary>
    private readonly record struct Move(int A, int B, int T, int U, int PAt, int PBu, int PBt, int PAu, int RowA, int RowB);
}
