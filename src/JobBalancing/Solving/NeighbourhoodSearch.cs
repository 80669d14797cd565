using Google.OrTools.Sat;
using Microsoft.Extensions.Logging;

namespace JobBalancing.Solving;

/// <summary>
/// Large-neighbourhood search: re-optimises a few workers at a time with CP-SAT while everyone else keeps the
/// incumbent plan, and keeps a change only when it improves the stage (lexicographically with the later ones).
/// The neighbourhood always holds the workers that set the stage's value, so that each step can improve it.
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
            var outcome = CpSatRun.Solve(model, incumbent, limit, Math.Min(threads, 2), _random.Next(), cancellationToken);
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

            _size = outcome.Status == CpSolverStatus.Optimal
                ? Math.Min(MaxSize, _size + 1 + (stale / 4))
                : Math.Max(MinSize, _size - 2);
            _size = Math.Min(_size, problem.WorkerCount);
        }

        return incumbent;
    }

    /// <summary>
    /// The workers that set the stage's value, then random others, preferring those whose deviation runs the other
    /// way (they can trade hours) in the balance stage.
    /// </summary>
    private int[] ChooseScope(int[] incumbent, Stage stage)
    {
        var size = Math.Min(_size, problem.WorkerCount);
        var cost = Enumerable.Range(0, problem.WorkerCount).Select(w => WorkerCost(incumbent, stage, w)).ToArray();
        var order = Enumerable.Range(0, problem.WorkerCount).OrderByDescending(w => cost[w]).ThenBy(_ => _random.Next()).ToArray();
        var worst = Math.Max(1, Math.Min(size / 2, order.TakeWhile(w => cost[w] >= cost[order[0]]).Count()));
        var scope = new HashSet<int>(order.Take(worst));
        var others = order.Skip(worst).ToArray();
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

    /// <summary>The worker's share of the stage's value: weighted deviation (of their furthest row), training, reassignment or fragments.</summary>
    private double WorkerCost(int[] plan, Stage stage, int w)
    {
        if (stage != Stage.Balance)
        {
            return StageValues.Of(problem, plan, [w]).Of(stage);
        }

        var cost = 0.0;
        foreach (var r in problem.RowsOfWorker[w])
        {
            var row = 0.0;
            for (var k = 0; k < 2; k++)
            {
                row += problem.Weights[k] * (double)problem.ScaledDeviation(k, r, problem.Score(k, r, plan));
            }

            cost = Math.Max(cost, row);
        }

        return cost;
    }
}
