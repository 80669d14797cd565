using System.Globalization;
using Google.OrTools.Sat;

namespace JobBalancing.Solving;

/// <summary>The outcome of one CP-SAT solve of a <see cref="CpSatModel"/>.</summary>
/// <param name="Status">CP-SAT's status.</param>
/// <param name="Plan">The best plan found (hours per pair), or <see langword="null"/>.</param>
/// <param name="Objective">The integer objective of that plan.</param>
/// <param name="Bound">CP-SAT's proven lower bound on the integer objective.</param>
internal sealed record CpSatOutcome(CpSolverStatus Status, int[]? Plan, long Objective, long Bound)
{
    public bool IsOptimal => Status == CpSolverStatus.Optimal;

    public bool IsInfeasible => Status == CpSolverStatus.Infeasible;
}

/// <summary>
/// Runs CP-SAT on a model with a time limit, threads and seed, stops it on cancellation, and reports each improving
/// solution. CP-SAT's parameters stay in here.
/// </summary>
internal static class CpSatRun
{
    public static CpSatOutcome Solve(
        CpSatModel model, int[]? incumbent, TimeSpan limit, int threads, int seed, CancellationToken cancellationToken,
        Action<long, long>? onSolution = null, bool stopAtFirst = false, TimeSpan? stall = null)
    {
        // Not solving leaves no response to read: reading the bound would throw a NullReferenceException.
        if (cancellationToken.IsCancellationRequested)
        {
            return new CpSatOutcome(CpSolverStatus.Unknown, null, long.MaxValue, 0);
        }

        // catch_sigint_signal is off because by default CP-SAT takes Ctrl+C for itself: it would end only the solve
        // under way, and the host's handler, which cancels the token and so the whole search, would never hear of it.
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, limit.TotalSeconds):0.###} num_workers:{threads} random_seed:{seed} log_search_progress:false stop_after_first_solution:{(stopAtFirst ? "true" : "false")} catch_sigint_signal:false"),
        };

        using var registration = cancellationToken.Register(solver.StopSearch);
        var callback = new ImprovementCallback(onSolution);
        using var watch = stall is { } patience ? new StallWatch(callback, patience, solver.StopSearch) : null;
        var status = solver.Solve(model.Model, callback);
        var hasPlan = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible;
        var plan = hasPlan ? model.ReadPlan(v => solver.Value(v), incumbent) : null;
        var objective = hasPlan ? (long)Math.Round(solver.ObjectiveValue) : long.MaxValue;
        var bound = (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        GC.KeepAlive(callback);
        // An infeasible model's bound means nothing: the caller reads the status (a capped model refuted bounds the
        // problem above its cap).
        return new CpSatOutcome(status, plan, objective, status switch
        {
            CpSolverStatus.Optimal => objective,
            CpSolverStatus.Infeasible => 0,
            _ => Math.Max(0, bound),
        });
    }

    private sealed class ImprovementCallback(Action<long, long>? onSolution) : CpSolverSolutionCallback
    {
        private long _lastSolution = long.MaxValue;

        /// <summary>Milliseconds since the last solution; 0 before the first (a large model's presolve is not a stall).</summary>
        public long SinceLastSolution => Math.Max(0, Environment.TickCount64 - Interlocked.Read(ref _lastSolution));

        public override void OnSolutionCallback()
        {
            Interlocked.Exchange(ref _lastSolution, Environment.TickCount64);
            onSolution?.Invoke((long)Math.Round(ObjectiveValue()), (long)Math.Ceiling(BestObjectiveBound() - 1e-6));
        }
    }

    /// <summary>Stops a search that has found nothing better for a while: CP-SAT has no such limit of its own.</summary>
    private sealed class StallWatch : IDisposable
    {
        private readonly Timer _timer;

        public StallWatch(ImprovementCallback callback, TimeSpan patience, Action stop)
        {
            var period = TimeSpan.FromMilliseconds(Math.Clamp(patience.TotalMilliseconds / 4, 10, 500));
            _timer = new Timer(_ =>
            {
                if (callback.SinceLastSolution > patience.TotalMilliseconds)
                {
                    stop();
                }
            }, null, period, period);
        }

        public void Dispose() => _timer.Dispose();
    }
}
