namespace JobBalancing.Solving;

/// <summary>
/// A fast local search for balance: worker a gives δ hours of task t to worker b and takes δ hours of task u from b,
/// which keeps every task covered and every worker's hours. A move must keep chunks, service limits, fixed hours and
/// the fragmentation limit, must not raise the objective, and must lower it or <c>Σ_w (wE·d_E)⁴ + (wD·d_D)⁴</c>, a sum
/// that leans hardest on the workers furthest from the averages. Each move is scored in constant time, so
/// millions can be tried where a CP-SAT neighbourhood tries one; CP-SAT then takes over from the plan it leaves.
/// </summary>
internal sealed class SwapSearch
{
    private readonly BalancingProblem _problem;
    private readonly Random _random;
    private readonly int[,] _pairOf;
    private readonly double[][] _rating;
    private readonly double[] _average = new double[2];
    private readonly double[] _weight = new double[2];
    private readonly int[] _plan;
    private readonly double[][] _deviation;
    private readonly int[] _held;
    private readonly int[][] _workersOfTask;

    /// <summary>The three workers furthest from the average in each dimension, furthest first.</summary>
    private readonly int[][] _furthest = [new int[3], new int[3]];

    public SwapSearch(BalancingProblem problem, int[] plan, int seed)
    {
        _problem = problem;
        _random = new Random(seed);
        _plan = (int[])plan.Clone();
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
            _average[k] = (double)problem.RatingTotals[k] / problem.RatingScale / problem.TotalHours;
            _weight[k] = (double)problem.Weights[k] / problem.WeightScale;
        }

        _deviation = [new double[problem.WorkerCount], new double[problem.WorkerCount]];
        _held = new int[problem.WorkerCount];
        Load(plan);
    }

    /// <summary>Makes <paramref name="plan"/> the search's state: its hours, held-task counts and deviations.</summary>
    private void Load(int[] plan)
    {
        Array.Copy(plan, _plan, plan.Length);
        for (var w = 0; w < _problem.WorkerCount; w++)
        {
            var score = new double[2];
            _held[w] = 0;
            foreach (var p in _problem.PairsOfWorker[w].Where(p => _plan[p] > 0))
            {
                _held[w]++;
                score[0] += _rating[0][_problem.Pairs[p].Task] * _plan[p];
                score[1] += _rating[1][_problem.Pairs[p].Task] * _plan[p];
            }

            for (var k = 0; k < 2; k++)
            {
                _deviation[k][w] = (score[k] / _problem.WorkerHours[w]) - _average[k];
            }
        }
    }

    /// <summary>
    /// Iterated local search until <paramref name="deadline"/>: descends until <paramref name="patience"/> tries in a
    /// row fail, keeps the best plan seen, then shakes the best with a few random moves that keep the rules and descends
    /// again. Stops early after <paramref name="rounds"/> shakes in a row that found nothing better.
    /// </summary>
    /// <param name="deadline">When to stop.</param>
    /// <param name="patience">Failed tries in a row that end a descent.</param>
    /// <param name="rounds">Fruitless shakes in a row that end the search.</param>
    /// <param name="onBest">Receives each new best plan.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The best plan found (hours per pair).</returns>
    public int[] Improve(DateTime deadline, int patience, int rounds, Action<int[]> onBest, CancellationToken cancellationToken)
    {
        var best = (int[])_plan.Clone();
        var bestObjective = double.PositiveInfinity;
        for (var fruitless = 0; fruitless <= rounds && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested;)
        {
            Descend(deadline, patience, cancellationToken);
            var objective = (_weight[0] * MaxAbs(_deviation[0])) + (_weight[1] * MaxAbs(_deviation[1]));
            if (objective < bestObjective - 1e-12)
            {
                (bestObjective, fruitless) = (objective, 0);
                Array.Copy(_plan, best, best.Length);
                onBest((int[])best.Clone());
            }
            else
            {
                fruitless++;
                Load(best);
            }

            Shake(3 + _random.Next(8));
        }

        return best;
    }

    /// <summary>Applies <paramref name="moves"/> random moves that keep the rules, whatever they do to balance.</summary>
    private void Shake(int moves)
    {
        Span<int> deltas = stackalloc int[8];
        for (var done = 0; done < moves * 50 && moves > 0; done++)
        {
            if (Draw(_random.Next(_problem.WorkerCount)) is not { } move)
            {
                continue;
            }

            var candidates = Candidates(move.A, move.B, move.T, move.U, move.PAt, move.PBu, move.PBt, move.PAu, deltas);
            if (candidates.Length > 0)
            {
                Apply(move.A, move.B, move.T, move.U, move.PAt, move.PBu, move.PBt, move.PAu, candidates[_random.Next(candidates.Length)]);
                moves--;
            }
        }
    }

    /// <summary>Tries improving moves until <paramref name="deadline"/> or until <paramref name="patience"/> tries in a row fail.</summary>
    private void Descend(DateTime deadline, int patience, CancellationToken cancellationToken)
    {
        var max = new double[2];
        FindFurthest(max);
        var failures = 0;
        for (var tries = 0L; failures < patience; tries++)
        {
            if ((tries & 1023) == 0 && (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested))
            {
                break;
            }

            if (TryMove(max))
            {
                failures = 0;
                FindFurthest(max);
            }
            else
            {
                failures++;
            }
        }
    }

    private bool TryMove(double[] max)
    {
        if (Draw(PickWorker(max)) is not { } move)
        {
            return false;
        }

        var (a, b, t, u, pAt, pBu, pBt, pAu) = move;
        Span<int> deltas = stackalloc int[8];
        var best = 0;
        var bestGain = 1e-12;
        foreach (var delta in Candidates(a, b, t, u, pAt, pBu, pBt, pAu, deltas))
        {
            var gain = Gain(a, b, t, u, delta, max);
            if (gain > bestGain)
            {
                (best, bestGain) = (delta, gain);
            }
        }

        if (best == 0)
        {
            return false;
        }

        Apply(a, b, t, u, pAt, pBu, pBt, pAu, best);
        return true;
    }

    /// <summary>
    /// A random swap for worker a: a task t that a holds, a worker b who may hold t, a task u that b holds and a may
    /// hold; <see langword="null"/> when the draw does not make one.
    /// </summary>
    private Move? Draw(int a)
    {
        var fromA = _problem.PairsOfWorker[a];
        var pAt = fromA[_random.Next(fromA.Length)];
        if (_plan[pAt] == 0)
        {
            return null;
        }

        var t = _problem.Pairs[pAt].Task;
        var takers = _workersOfTask[t];
        var b = takers[_random.Next(takers.Length)];
        if (b == a)
        {
            return null;
        }

        var fromB = _problem.PairsOfWorker[b];
        var pBu = fromB[_random.Next(fromB.Length)];
        var u = _problem.Pairs[pBu].Task;
        var pAu = _pairOf[a, u];
        return _plan[pBu] == 0 || u == t || pAu < 0 ? null : new Move(a, b, t, u, pAt, pBu, _pairOf[b, t], pAu);
    }

    /// <summary>A worker at a largest deviation half of the time, any worker otherwise.</summary>
    private int PickWorker(double[] max)
    {
        if (_random.Next(2) == 0)
        {
            return _random.Next(_problem.WorkerCount);
        }

        var k = _weight[0] * max[0] >= _weight[1] * max[1] ? 0 : 1;
        var start = _random.Next(_problem.WorkerCount);
        for (var i = 0; i < _problem.WorkerCount; i++)
        {
            var w = (start + i) % _problem.WorkerCount;
            if (Math.Abs(_deviation[k][w]) >= max[k] - 1e-9)
            {
                return w;
            }
        }

        return start;
    }

    /// <summary>The amounts worth trying: whole holdings (which free a task), one chunk, and the amounts that would
    /// bring a or b to the average in either dimension; only those that keep every rule, written into
    /// <paramref name="deltas"/>.</summary>
    private Span<int> Candidates(int a, int b, int t, int u, int pAt, int pBu, int pBt, int pAu, Span<int> deltas)
    {
        var xAt = _plan[pAt];
        var xBu = _plan[pBu];
        var limit = Math.Min(Math.Min(xAt, xBu), Math.Min(_problem.Pairs[pBt].Upper - _plan[pBt], _problem.Pairs[pAu].Upper - _plan[pAu]));
        if (limit <= 0)
        {
            return [];
        }

        var n = 0;
        void Consider(int delta, Span<int> into)
        {
            if (delta > 0 && delta <= limit && !into[..n].Contains(delta) && Keeps(a, b, pAt, pBu, pBt, pAu, delta))
            {
                into[n++] = delta;
            }
        }

        Consider(xAt, deltas);
        Consider(xBu, deltas);
        Consider(Math.Max(_problem.Pairs[pBt].Lowest, _problem.Pairs[pAu].Lowest), deltas);
        Consider(1, deltas);
        for (var k = 0; k < 2; k++)
        {
            var perHour = _rating[k][u] - _rating[k][t];
            if (Math.Abs(perHour) > 1e-12)
            {
                Consider((int)Math.Round(-_deviation[k][a] * _problem.WorkerHours[a] / perHour), deltas);
                Consider((int)Math.Round(_deviation[k][b] * _problem.WorkerHours[b] / perHour), deltas);
            }
        }

        return deltas[..n];
    }

    private bool Keeps(int a, int b, int pAt, int pBu, int pBt, int pAu, int delta)
    {
        bool Valid(int p, int x) => x == 0 ? _problem.Pairs[p].Fixed == 0 : x >= _problem.Pairs[p].Lowest && x <= _problem.Pairs[p].Upper;

        int At(int p, int change) => _plan[p] + change;
        if (!Valid(pAt, At(pAt, -delta)) || !Valid(pBu, At(pBu, -delta)) || !Valid(pBt, At(pBt, delta)) || !Valid(pAu, At(pAu, delta)))
        {
            return false;
        }

        var heldA = _held[a] - (At(pAt, -delta) == 0 ? 1 : 0) + (_plan[pAu] == 0 ? 1 : 0);
        var heldB = _held[b] - (At(pBu, -delta) == 0 ? 1 : 0) + (_plan[pBt] == 0 ? 1 : 0);
        return heldA <= _problem.MaxTasksPerWorker && heldB <= _problem.MaxTasksPerWorker;
    }

    /// <summary>
    /// How much better the move makes the plan: first by the objective <c>Σ_k w_k·max|d_k|</c>, with the new largest
    /// deviations found exactly from the three furthest workers, then by the fourth-power sum. Zero or negative when it
    /// is no better. A move may so raise one largest deviation when it lowers the other by more.
    /// </summary>
    private double Gain(int a, int b, int t, int u, int delta, double[] max)
    {
        var objectiveDrop = 0.0;
        var fourthDrop = 0.0;
        for (var k = 0; k < 2; k++)
        {
            if (_weight[k] == 0)
            {
                continue;
            }

            var perHour = _rating[k][u] - _rating[k][t];
            var newA = _deviation[k][a] + (delta * perHour / _problem.WorkerHours[a]);
            var newB = _deviation[k][b] - (delta * perHour / _problem.WorkerHours[b]);
            var newMax = Math.Max(Math.Max(Math.Abs(newA), Math.Abs(newB)), FurthestBesides(k, a, b));
            objectiveDrop += _weight[k] * (max[k] - newMax);
            fourthDrop += Fourth(_weight[k] * _deviation[k][a]) + Fourth(_weight[k] * _deviation[k][b])
                          - Fourth(_weight[k] * newA) - Fourth(_weight[k] * newB);
        }

        return objectiveDrop < -1e-12 ? double.NegativeInfinity : (objectiveDrop * 1e6) + fourthDrop;
    }

    /// <summary>The largest deviation in dimension k of any worker but a and b.</summary>
    private double FurthestBesides(int k, int a, int b)
    {
        foreach (var w in _furthest[k])
        {
            if (w >= 0 && w != a && w != b)
            {
                return Math.Abs(_deviation[k][w]);
            }
        }

        return 0;
    }

    /// <summary>Finds the three furthest workers in each dimension, and the largest deviations.</summary>
    private void FindFurthest(double[] max)
    {
        for (var k = 0; k < 2; k++)
        {
            var top = _furthest[k];
            Array.Fill(top, -1);
            for (var w = 0; w < _problem.WorkerCount; w++)
            {
                var d = Math.Abs(_deviation[k][w]);
                for (var i = 0; i < top.Length; i++)
                {
                    if (top[i] < 0 || d > Math.Abs(_deviation[k][top[i]]))
                    {
                        Array.Copy(top, i, top, i + 1, top.Length - i - 1);
                        top[i] = w;
                        break;
                    }
                }
            }

            max[k] = top[0] < 0 ? 0 : Math.Abs(_deviation[k][top[0]]);
        }
    }

    private void Apply(int a, int b, int t, int u, int pAt, int pBu, int pBt, int pAu, int delta)
    {
        _held[a] += (_plan[pAu] == 0 ? 1 : 0) - (_plan[pAt] == delta ? 1 : 0);
        _held[b] += (_plan[pBt] == 0 ? 1 : 0) - (_plan[pBu] == delta ? 1 : 0);
        _plan[pAt] -= delta;
        _plan[pBu] -= delta;
        _plan[pBt] += delta;
        _plan[pAu] += delta;
        for (var k = 0; k < 2; k++)
        {
            var perHour = _rating[k][u] - _rating[k][t];
            _deviation[k][a] += delta * perHour / _problem.WorkerHours[a];
            _deviation[k][b] -= delta * perHour / _problem.WorkerHours[b];
        }
    }

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

    /// <summary>a gives δ of t to b and takes δ of u from b; the p's are the four pairs' indexes.</summary>
    private readonly record struct Move(int A, int B, int T, int U, int PAt, int PBu, int PBt, int PAu);
}
