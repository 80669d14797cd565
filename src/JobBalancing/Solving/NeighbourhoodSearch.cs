using Google.OrTools.Sat;
using Microsoft.Extensions.Logging;

namespace JobBalancing.Solving;

/// <summary>
/// Large-neighbourhood search: re-optimises a few workers at a time with CP-SAT while everyone else keeps the
/// incumbent plan, and keeps a change only when it improves the stage (lexicographically with the later ones; in the
/// balance stage, the total deviation breaks ties). The neighbourhood always holds the workers that set the stage's
/// value, so that each step can improve it, and in the balance stage the partners who can trade with them.
/// </summary>
internal sealed class NeighbourhoodSearch(BalancingProblem problem, int threads, int seed, ILogger logger, Action<Stage, int[]> onImproved)
{
    private const int MinSize = 4;
    private const int MaxSize = 48;
    private readonly Random _random = new(seed);
    private int _size = 10;

    /// <summary>
    /// Improves <paramref name="incumbent"/> in <paramref name="stage"/> until <paramref name="deadline"/>, or until
    /// nothing better has been found for <paramref name="stall"/>.
    /// </summary>
    public int[] Improve(int[] incumbent, Stage stage, StageCaps caps, DateTime deadline, CancellationToken cancellationToken, TimeSpan? stall = null)
    {
        var values = StageValues.Of(problem, incumbent);
        var stale = 0;
        var lastImprovement = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested && values.Of(stage) > 0
               && (stall is null || DateTime.UtcNow - lastImprovement < stall))
        {
            var scope = ChooseScope(incumbent, stage);
            var model = CpSatModel.Build(problem, stage, caps with { Balance = caps.Balance ?? values.Balance }, scope, incumbent);
            model.Hint(incumbent);
            var remaining = deadline - DateTime.UtcNow;
            var limit = TimeSpan.FromSeconds(Math.Min(remaining.TotalSeconds, 0.5 + (0.05 * _size)));
            var started = DateTime.UtcNow;
            // A neighbourhood that has found nothing better for a third of its time rarely will.
            var outcome = CpSatRun.Solve(model, incumbent, limit, Math.Min(threads, 2), _random.Next(), cancellationToken, stall: limit / 3);
            var improved = outcome.Plan is { } plan && StageValues.Of(problem, plan).IsBetterThan(values, stage);
            if (improved)
            {
                (incumbent, values, stale, lastImprovement) = (outcome.Plan!, StageValues.Of(problem, outcome.Plan!), 0, DateTime.UtcNow);
                onImproved(stage, incumbent);
            }
            else
            {
                stale++;
            }

            Log.NeighbourhoodSolved(logger, scope.Length, outcome.Status.ToString(), (DateTime.UtcNow - started).TotalSeconds, stage.ToString(), values.Of(stage), improved);

            // A neighbourhood that improved, or ended before its time (solved, or stalled), may grow; one that ran out of
            // time without improving, shrinks.
            var ranOut = DateTime.UtcNow - started >= limit * 0.9;
            _size = improved || !ranOut
                ? Math.Min(MaxSize, _size + 1 + (stale / 4))
                : Math.Max(MinSize, _size - 2);
            _size = Math.Min(_size, problem.WorkerCount);
        }

        return incumbent;
    }

    /// <summary>
    /// The workers that set the stage's value, then, in the balance stage, partners who can trade with them (see
    /// <see cref="BalanceScope"/>), then random others.
    /// </summary>
    private int[] ChooseScope(int[] incumbent, Stage stage)
    {
        var size = Math.Min(_size, problem.WorkerCount);
        if (stage == Stage.Balance)
        {
            return BalanceScope(incumbent, size);
        }

        var cost = Enumerable.Range(0, problem.WorkerCount).Select(w => StageValues.Of(problem, incumbent, [w]).Of(stage)).ToArray();
        var order = Enumerable.Range(0, problem.WorkerCount).OrderByDescending(w => cost[w]).ThenBy(_ => _random.Next()).ToArray();
        var worst = Math.Max(1, Math.Min(size / 2, order.TakeWhile(w => cost[w] >= cost[order[0]]).Count()));
        return Fill(new HashSet<int>(order.Take(worst)), [], size);
    }

    /// <summary>
    /// The balance neighbourhood. The objective is <c>wE·Δ_E + wD·Δ_D</c>, so it falls only when the workers furthest in
    /// each dimension (often different people) all move: they are in it. Then partners: holders of the tasks that would
    /// pull the furthest workers back towards the averages, and workers qualified for the tasks that pull them away,
    /// those who would gain most from the trade first; the rest at random, so that every worker is reachable.
    /// </summary>
    private int[] BalanceScope(int[] incumbent, int size)
    {
        var deviation = SignedDeviations(incumbent);
        var furthest = new HashSet<int>();
        for (var k = 0; k < 2; k++)
        {
            if (problem.Weights[k] == 0)
            {
                continue;
            }

            var max = deviation[k].Max(Math.Abs);
            var rows = Enumerable.Range(0, problem.Rows.Length).Where(r => Math.Abs(deviation[k][r]) >= max - 1e-12).ToArray();
            _random.Shuffle(rows);
            foreach (var r in rows.Take(Math.Max(1, size / 4)))
            {
                furthest.Add(problem.Rows[r].Worker);
            }
        }

        // A worker's pull in dimension k is the deviation of their furthest row; a task's the distance of its rating
        // from the average. Taking task t helps worker w by −Σ_k w_k·d_k(w)·(r_k(t) − ā_k); giving it away helps its
        // holder h by Σ_k w_k·d_k(h)·(r_k(t) − ā_k).
        var pull = new double[problem.WorkerCount][];
        for (var w = 0; w < problem.WorkerCount; w++)
        {
            pull[w] = new double[2];
            foreach (var r in problem.RowsOfWorker[w])
            {
                for (var k = 0; k < 2; k++)
                {
                    if (Math.Abs(deviation[k][r]) > Math.Abs(pull[w][k]))
                    {
                        pull[w][k] = deviation[k][r];
                    }
                }
            }
        }

        // Partners of two kinds: those who hold a task a furthest worker should take more of, and those qualified for a
        // task a furthest worker should give away (the second kind spreads a crowded task over more people).
        var gain = new Dictionary<int, double>();
        foreach (var w in furthest)
        {
            foreach (var p in problem.PairsOfWorker[w])
            {
                var t = problem.Pairs[p].Task;
                var offset = Offset(t, problem.Rows[problem.RowOfPair[p]].Group);
                var help = -Weighted(pull[w], offset);
                var giveAway = incumbent[p] > 0 && help < 0;
                if (help <= 0 && !giveAway)
                {
                    continue;
                }

                foreach (var q in problem.PairsOfTask[t])
                {
                    var partner = problem.Pairs[q].Worker;
                    if (furthest.Contains(partner) || (!giveAway && incumbent[q] == 0))
                    {
                        continue;
                    }

                    // A holder gains by giving the task away, a taker by taking it.
                    var relief = giveAway ? -Weighted(pull[partner], offset) : Weighted(pull[partner], offset);
                    var value = Math.Abs(help) * (1 + _random.NextDouble()) + Math.Max(0, relief);
                    gain[partner] = Math.Max(gain.GetValueOrDefault(partner), value);
                }
            }
        }

        var partners = gain.OrderByDescending(g => g.Value).Select(g => g.Key).Take(Math.Max(0, (size * 3 / 4) - furthest.Count));
        return Fill(furthest, partners, size);
    }

    /// <summary><paramref name="scope"/>, then <paramref name="partners"/>, then random workers, up to <paramref name="size"/>, in order.</summary>
    private int[] Fill(HashSet<int> scope, IEnumerable<int> partners, int size)
    {
        foreach (var w in partners)
        {
            scope.Add(w);
        }

        var others = Enumerable.Range(0, problem.WorkerCount).Where(w => !scope.Contains(w)).ToArray();
        _random.Shuffle(others);
        foreach (var w in others)
        {
            if (scope.Count >= size)
            {
                break;
            }

            scope.Add(w);
        }

        return [.. scope.Order()];
    }

    /// <summary>Each balance row's signed deviation from its group's average in each dimension, in rating points.</summary>
    private double[][] SignedDeviations(int[] plan)
    {
        var deviation = new[] { new double[problem.Rows.Length], new double[problem.Rows.Length] };
        for (var r = 0; r < problem.Rows.Length; r++)
        {
            var (hours, group) = (problem.Rows[r].Hours, problem.Rows[r].Group);
            for (var k = 0; k < 2; k++)
            {
                deviation[k][r] = ((double)problem.Score(k, r, plan) / hours / problem.RatingScale) - problem.AverageRating(k, group);
            }
        }

        return deviation;
    }

    /// <summary>How far task <paramref name="t"/>'s ratings lie from group <paramref name="group"/>'s averages, in rating points.</summary>
    private double[] Offset(int t, int group) =>
        [.. Enumerable.Range(0, 2).Select(k => ((double)problem.Ratings[k][t] / problem.RatingScale) - problem.AverageRating(k, group))];

    private double Weighted(double[] a, double[] b) => (problem.Weights[0] * a[0] * b[0]) + (problem.Weights[1] * a[1] * b[1]);
}
