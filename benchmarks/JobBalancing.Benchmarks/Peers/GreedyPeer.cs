using System.Diagnostics;
using JobBalancing.Analysis;
using JobBalancing.Domain;

namespace JobBalancing.Benchmarks.Peers;

/// <summary>Where the greedy peer's plan came from.</summary>
internal enum GreedyOutcome
{
    /// <summary>The greedy fill covered every task on its own.</summary>
    Filled,

    /// <summary>The fill left hours over and the repair moves placed them.</summary>
    Repaired,

    /// <summary>Fill and repair failed; the council started the trades from its current assignment, which keeps every rule.</summary>
    FromCurrent,

    /// <summary>Fill and repair failed and the current assignment breaks a rule: no plan.</summary>
    None,
}

/// <summary>The greedy peer's answer.</summary>
/// <param name="Plan">The plan, evaluated by <see cref="PlanEvaluator"/>; <see langword="null"/> when it found none.</param>
/// <param name="Outcome">Where its starting plan came from.</param>
/// <param name="Trades">How many trades between two jobs improved the starting plan.</param>
internal sealed record GreedyResult(Plan? Plan, GreedyOutcome Outcome, int Trades);

/// <summary>
/// A heuristic like a council's spreadsheet. Tasks are handed out most empowering first; each piece of a task goes to
/// the worker whose job it leaves most balanced, judging a job by its score so far with its unfilled hours counted at
/// the workplace average, and in the amount (between the task's chunk and what is left) that leaves it most balanced.
/// It respects skills, exclusions, fixed hours, chunks, service limits and the fragmentation limit as it goes. Hours it
/// cannot place are then placed by repair moves (directly, or through a third worker who swaps a task); if that fails
/// too, the council starts from its current assignment when that keeps every rule, and otherwise has no plan. Then, as
/// a council evens out its worst job, the least balanced job trades hours with another (gives some of one task, takes as
/// many of one of the other's) as long as a trade leaves both better balanced than the worst job was; the plan
/// returned is the more balanced of the start and the end.
/// </summary>
internal sealed class GreedyPeer
{
    private readonly Workplace _workplace;
    private readonly int _workers;
    private readonly int _tasks;
    private readonly int[] _taskUnits;
    private readonly int[] _workerUnits;
    private readonly bool[,] _allowed;
    private readonly int[,] _upper;
    private readonly int[] _chunk;
    private readonly int _maxTasks;
    private readonly double[][] _ratings;
    private readonly double[] _weights;
    private readonly double[] _average;

    private readonly int[,] _fixed;
    private readonly int[,] _x;
    private readonly List<int>[] _heldTasks;
    private readonly int[] _workerLeft;
    private readonly int[] _taskLeft;
    private readonly int[] _held;
    private readonly double[][] _score;

    private GreedyPeer(Workplace workplace)
    {
        _workplace = workplace;
        var unit = workplace.HourUnit;
        int Units(decimal hours) => (int)(hours / unit);
        var (tasks, workers) = (workplace.Tasks, workplace.Workers);
        (_workers, _tasks) = (workers.Count, tasks.Count);
        _taskUnits = [.. tasks.Select(t => Units(t.Hours))];
        _workerUnits = [.. workers.Select(w => Units(w.Hours))];
        _chunk = [.. tasks.Select(t => Math.Max(1, (int)Math.Ceiling((t.MinChunk ?? unit) / unit)))];
        _maxTasks = workplace.Rules.MaxTasksPerWorker ?? _tasks;
        _ratings = [[.. tasks.Select(t => (double)t.Empowerment)], [.. tasks.Select(t => (double)t.Desirability)]];
        _weights = [(double)workplace.Weights.Empowerment, (double)workplace.Weights.Desirability];
        var total = (double)_taskUnits.Sum();
        _average = [.. _ratings.Select(r => r.Select((v, t) => v * _taskUnits[t]).Sum() / total)];

        _allowed = new bool[_workers, _tasks];
        _upper = new int[_workers, _tasks];
        _x = new int[_workers, _tasks];
        _fixed = new int[_workers, _tasks];
        _heldTasks = [.. Enumerable.Range(0, _workers).Select(_ => new List<int>())];
        _workerLeft = (int[])_workerUnits.Clone();
        _taskLeft = (int[])_taskUnits.Clone();
        _held = new int[_workers];
        _score = [new double[_workers], new double[_workers]];
        for (var w = 0; w < _workers; w++)
        {
            var worker = workers[w];
            for (var t = 0; t < _tasks; t++)
            {
                var task = tasks[t];
                _allowed[w, t] = !worker.Excluded.Contains(task.Id)
                    && (task.Skill is not { } skill || worker.Skills.Contains(skill) || workplace.Rules.AllowTraining);
                _upper[w, t] = Math.Min(Math.Min(_workerUnits[w], _taskUnits[t]), task.MaxPerWorker is { } m ? Units(m) : int.MaxValue);
                if (worker.Fixed.TryGetValue(task.Id, out var f) && f > 0)
                {
                    _fixed[w, t] = Units(f);
                    Give(w, t, _fixed[w, t]);
                }
            }
        }
    }

    /// <summary>Runs the heuristic on <paramref name="workplace"/>, a valid workplace, trading for at most <paramref name="timeLimit"/>.</summary>
    public static GreedyResult Solve(Workplace workplace, TimeSpan timeLimit)
    {
        var clock = Stopwatch.StartNew();
        var greedy = new GreedyPeer(workplace);
        greedy.Fill();
        var outcome = GreedyOutcome.Filled;
        if (!greedy.Done())
        {
            outcome = GreedyOutcome.Repaired;
            greedy.Repair();
        }

        if (!greedy.Done())
        {
            if (PlanEvaluator.EvaluateCurrent(workplace).Violations.Count > 0)
            {
                return new GreedyResult(null, GreedyOutcome.None, 0);
            }

            outcome = GreedyOutcome.FromCurrent;
            greedy = new GreedyPeer(workplace);
            greedy.TakeCurrent();
        }

        var start = PlanEvaluator.Evaluate(workplace, greedy.Hours());
        var trades = greedy.Trade(clock, timeLimit);
        var end = trades == 0 ? start : PlanEvaluator.Evaluate(workplace, greedy.Hours());
        return new GreedyResult(end.Objective <= start.Objective ? end : start, outcome, trades);
    }

    private bool Done() => _taskLeft.All(h => h == 0);

    /// <summary>Hands out every task, most empowering first, in the pieces that leave jobs most balanced.</summary>
    private void Fill()
    {
        var order = Enumerable.Range(0, _tasks).OrderByDescending(t => _ratings[0][t]).ThenByDescending(t => _ratings[1][t]).ThenBy(t => t);
        foreach (var t in order)
        {
            while (_taskLeft[t] > 0 && BestPiece(t) is { } piece)
            {
                Give(piece.Worker, t, piece.Units);
            }
        }
    }

    /// <summary>
    /// The piece of task <paramref name="t"/> that leaves its worker's job most balanced (larger pieces first among
    /// equals, for fewer fragments); <see langword="null"/> when nobody can take any.
    /// </summary>
    private (int Worker, int Units)? BestPiece(int t)
    {
        (int Worker, int Units, double Deviation)? best = null;
        for (var w = 0; w < _workers; w++)
        {
            foreach (var units in PieceSizes(w, t))
            {
                var deviation = DeviationAfter(w, t, units);
                if (best is not { } b || deviation < b.Deviation - 1e-12 || (deviation <= b.Deviation + 1e-12 && units > b.Units))
                {
                    best = (w, units, deviation);
                }
            }
        }

        return best is { } chosen ? (chosen.Worker, chosen.Units) : null;
    }

    /// <summary>
    /// The amounts of task <paramref name="t"/> worth trying for worker <paramref name="w"/>: the least and the most it
    /// may take, and the amounts around where its job's empowerment or desirability would meet the average (the
    /// deviation is piecewise linear in the amount, so its least is at one of these).
    /// </summary>
    private IEnumerable<int> PieceSizes(int w, int t)
    {
        var holds = _x[w, t] > 0;
        if (!_allowed[w, t] || _workerLeft[w] == 0 || (!holds && _held[w] >= _maxTasks))
        {
            yield break;
        }

        var most = Math.Min(Math.Min(_taskLeft[t], _workerLeft[w]), _upper[w, t] - _x[w, t]);
        // A new task takes at least a chunk; the last one a worker may take must fill their week, as nothing can follow it.
        var least = holds ? 1 : Math.Max(_chunk[t], _held[w] == _maxTasks - 1 ? _workerLeft[w] : 0);
        // What is left of the task must still make a whole chunk for someone else.
        if (_taskLeft[t] - most is > 0 and var rest && rest < _chunk[t])
        {
            most = _taskLeft[t] - _chunk[t];
        }

        if (most < least)
        {
            yield break;
        }

        var sizes = new SortedSet<int> { least, most };
        for (var k = 0; k < 2; k++)
        {
            var perUnit = _ratings[k][t] - _average[k];
            if (Math.Abs(perUnit) > 1e-12)
            {
                var meet = -(_score[k][w] - (_average[k] * _workerUnits[w]) + (_average[k] * _workerLeft[w])) / perUnit;
                foreach (var candidate in new[] { (int)Math.Floor(meet), (int)Math.Ceiling(meet) })
                {
                    if (candidate >= least && candidate <= most)
                    {
                        sizes.Add(candidate);
                    }
                }
            }
        }

        foreach (var size in sizes)
        {
            yield return size;
        }
    }

    /// <summary>
    /// The weighted deviation of worker <paramref name="w"/>'s job after taking <paramref name="units"/> of task
    /// <paramref name="t"/>, its hours still unfilled counted at the workplace average.
    /// </summary>
    private double DeviationAfter(int w, int t, int units)
    {
        var deviation = 0.0;
        for (var k = 0; k < 2; k++)
        {
            var projected = (_score[k][w] + (_ratings[k][t] * units) + (_average[k] * (_workerLeft[w] - units))) / _workerUnits[w];
            deviation += _weights[k] * Math.Abs(projected - _average[k]);
        }

        return deviation;
    }

    /// <summary>
    /// Places the hours the fill left over: first directly with a worker who still has hours and may take the task;
    /// then through a third worker, who takes the task and hands the same hours of one of their own tasks to the worker
    /// with hours left. Stops when nothing more can be placed.
    /// </summary>
    private void Repair()
    {
        var progress = true;
        while (progress && !Done())
        {
            progress = false;
            for (var t = 0; t < _tasks; t++)
            {
                while (_taskLeft[t] > 0 && (PlaceDirectly(t) || PlaceThroughSwap(t)))
                {
                    progress = true;
                }
            }
        }
    }

    private bool PlaceDirectly(int t)
    {
        for (var w = 0; w < _workers; w++)
        {
            var units = Take(w, t, Math.Min(_taskLeft[t], _workerLeft[w]));
            if (units > 0)
            {
                Give(w, t, units);
                return true;
            }
        }

        return false;
    }

    /// <summary>Worker v takes some of task t, and gives as many hours of one of their tasks s to a worker w with hours left.</summary>
    private bool PlaceThroughSwap(int t)
    {
        for (var w = 0; w < _workers; w++)
        {
            if (_workerLeft[w] == 0)
            {
                continue;
            }

            for (var v = 0; v < _workers; v++)
            {
                for (var s = 0; s < _tasks; s++)
                {
                    if (v == w || s == t || _x[v, s] == 0)
                    {
                        continue;
                    }

                    // v gives a units of s to w and takes a units of t: v's hours stay whole, s stays covered, t gains a.
                    var a = Math.Min(Math.Min(_taskLeft[t], _workerLeft[w]), _x[v, s] - _fixed[v, s]);
                    var keep = _x[v, s] - a;
                    if (keep > 0 && keep < _chunk[s])
                    {
                        a = _x[v, s] - _chunk[s];
                    }

                    var frees = keep == 0 ? 1 : 0;
                    if (a <= 0 || !CanTake(w, s, a, 0) || !CanTake(v, t, a, frees))
                    {
                        continue;
                    }

                    Give(v, s, -a);
                    Give(w, s, a);
                    Give(v, t, a);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>How much of <paramref name="wanted"/> units of task t worker w can take directly, 0 when none.</summary>
    private int Take(int w, int t, int wanted)
    {
        var units = Math.Min(wanted, _upper[w, t] - _x[w, t]);
        return units > 0 && CanTake(w, t, units, 0) ? units : 0;
    }

    /// <summary>Whether worker w may hold <paramref name="units"/> more of task t, after giving up <paramref name="freed"/> other tasks.</summary>
    private bool CanTake(int w, int t, int units, int freed) =>
        _allowed[w, t]
        && _x[w, t] + units <= _upper[w, t]
        && (_x[w, t] > 0 || (units >= _chunk[t] && _held[w] - freed < _maxTasks));

    /// <summary>Gives every worker their current hours (on top of the fixed hours the constructor gave).</summary>
    private void TakeCurrent()
    {
        for (var w = 0; w < _workers; w++)
        {
            var current = _workplace.Workers[w].Current;
            for (var t = 0; t < _tasks; t++)
            {
                if (current.TryGetValue(_workplace.Tasks[t].Id, out var hours))
                {
                    Give(w, t, (int)(hours / _workplace.HourUnit) - _fixed[w, t]);
                }
            }
        }
    }

    /// <summary>
    /// Lets the least balanced job trade hours with another while a trade leaves both jobs better balanced than it was;
    /// stops when the least balanced job has no such trade, or at the time limit.
    /// </summary>
    /// <returns>The number of trades made.</returns>
    private int Trade(Stopwatch clock, TimeSpan timeLimit)
    {
        var trades = 0;
        while (clock.Elapsed < timeLimit)
        {
            var worst = Enumerable.Range(0, _workers).MaxBy(Deviation);
            if (BestTrade(worst) is not { } trade)
            {
                break;
            }

            var (v, s, t, a) = trade;
            Give(worst, s, -a);
            Give(v, s, a);
            Give(v, t, -a);
            Give(worst, t, a);
            trades++;
        }

        return trades;
    }

    /// <summary>
    /// The trade of worker u with another worker v (u gives a units of its task s to v and takes a units of v's task t)
    /// that leaves the worse of the two jobs most balanced, if that is better than u's job now.
    /// </summary>
    private (int V, int S, int T, int A)? BestTrade(int u)
    {
        var limit = Deviation(u) - 1e-9;
        (int V, int S, int T, int A, double Worse)? best = null;
        for (var v = 0; v < _workers; v++)
        {
            if (v == u)
            {
                continue;
            }

            foreach (var s in _heldTasks[u])
            {
                foreach (var t in _heldTasks[v])
                {
                    if (s == t || !_allowed[u, t] || !_allowed[v, s])
                    {
                        continue;
                    }

                    foreach (var a in TradeSizes(u, s, v, t))
                    {
                        var worse = Math.Max(DeviationAfterTrade(u, s, t, a), DeviationAfterTrade(v, t, s, a));
                        if (worse < (best?.Worse ?? limit) && IsLegalTrade(u, s, v, t, a))
                        {
                            best = (v, s, t, a, worse);
                        }
                    }
                }
            }
        }

        return best is { } b ? (b.V, b.S, b.T, b.A) : null;
    }

    /// <summary>
    /// The amounts worth trying: the ends of what the chunks allow, and where either job's empowerment or desirability
    /// would meet the average (each deviation is piecewise linear in the amount).
    /// </summary>
    private SortedSet<int> TradeSizes(int u, int s, int v, int t)
    {
        var sizes = new SortedSet<int> { 1, _chunk[s], _chunk[t], _x[u, s], _x[v, t], _x[u, s] - _chunk[s], _x[v, t] - _chunk[t] };
        for (var k = 0; k < 2; k++)
        {
            var perUnit = _ratings[k][t] - _ratings[k][s];
            if (Math.Abs(perUnit) > 1e-12)
            {
                foreach (var meet in new[] { ((_average[k] * _workerUnits[u]) - _score[k][u]) / perUnit, (_score[k][v] - (_average[k] * _workerUnits[v])) / perUnit })
                {
                    if (meet is > 0 and < int.MaxValue)
                    {
                        sizes.Add((int)Math.Floor(meet));
                        sizes.Add((int)Math.Ceiling(meet));
                    }
                }
            }
        }

        return sizes;
    }

    /// <summary>Whether u giving a units of s to v and taking a units of v's t keeps every rule for both.</summary>
    private bool IsLegalTrade(int u, int s, int v, int t, int a) =>
        a >= 1 && a <= _x[u, s] && a <= _x[v, t]
        && KeepsAfterGiving(u, s, a) && KeepsAfterGiving(v, t, a)
        && CanTake(u, t, a, _x[u, s] == a ? 1 : 0) && CanTake(v, s, a, _x[v, t] == a ? 1 : 0);

    /// <summary>Whether what worker w keeps of task t after giving a units is 0 or a whole chunk, and no less than the fixed hours.</summary>
    private bool KeepsAfterGiving(int w, int t, int a) =>
        _x[w, t] - a is var keep && keep >= _fixed[w, t] && (keep == 0 || keep >= _chunk[t]);

    /// <summary>Worker w's weighted deviation after giving a units of task s and taking a units of task t.</summary>
    private double DeviationAfterTrade(int w, int s, int t, int a)
    {
        var deviation = 0.0;
        for (var k = 0; k < 2; k++)
        {
            var score = (_score[k][w] + ((_ratings[k][t] - _ratings[k][s]) * a)) / _workerUnits[w];
            deviation += _weights[k] * Math.Abs(score - _average[k]);
        }

        return deviation;
    }

    /// <summary>Worker w's weighted deviation now, <c>wE·|E_w − Ē| + wD·|D_w − D̄|</c>.</summary>
    private double Deviation(int w) => DeviationAfterTrade(w, 0, 0, 0);

    /// <summary>Moves <paramref name="units"/> of task t to worker w (negative: takes them back) and keeps the tallies.</summary>
    private void Give(int w, int t, int units)
    {
        var before = _x[w, t];
        _x[w, t] += units;
        _workerLeft[w] -= units;
        _taskLeft[t] -= units;
        _held[w] += (_x[w, t] > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
        if (before == 0 && _x[w, t] > 0)
        {
            _heldTasks[w].Add(t);
        }
        else if (before > 0 && _x[w, t] == 0)
        {
            _heldTasks[w].Remove(t);
        }
        for (var k = 0; k < 2; k++)
        {
            _score[k][w] += _ratings[k][t] * units;
        }
    }

    private Dictionary<string, IReadOnlyDictionary<string, decimal>> Hours()
    {
        var hours = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        for (var w = 0; w < _workers; w++)
        {
            var tasks = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var t = 0; t < _tasks; t++)
            {
                if (_x[w, t] > 0)
                {
                    tasks[_workplace.Tasks[t].Id] = _x[w, t] * _workplace.HourUnit;
                }
            }

            hours[_workplace.Workers[w].Id] = tasks;
        }

        return hours;
    }
}
