namespace JobBalancing.Solving;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>The plan is proven optimal: its objective equals the proven bound.</summary>
    Optimal,

    /// <summary>A plan was found; it may not be optimal, and the bound says how far from optimal it can be.</summary>
    Feasible,

    /// <summary>No plan exists; <see cref="BalancingResult.Explanation"/> says why.</summary>
    Infeasible,

    /// <summary>The input is invalid; <see cref="BalancingResult.Problems"/> lists every problem.</summary>
    Invalid,

    /// <summary>No plan was found before the time limit or cancellation, and none was proven impossible.</summary>
    Unknown,
}

/// <summary>How the balancer searches.</summary>
public enum SolveMethod
{
    /// <summary>
    /// Exact: CP-SAT on the integer model, warm-started from the LP relaxation and improved by neighbourhood search,
    /// then the tie-breaks. Proves optimality when time allows.
    /// </summary>
    Exact,

    /// <summary>
    /// Fast and approximate, for very large workplaces: the LP relaxation rounded to a plan that keeps every rule,
    /// with the LP's bound. No CP-SAT search.
    /// </summary>
    Relaxation,
}

/// <summary>A report on a running solve: the best objective so far and the best proven bound.</summary>
/// <param name="Objective">The objective of the best plan found so far, in rating points; <see langword="null"/> before the first plan.</param>
/// <param name="Bound">The best proven lower bound on the objective so far, in rating points.</param>
/// <param name="Elapsed">Time since the solve began.</param>
/// <param name="Stage">
/// What the solver is doing: <c>bound</c> (proving a bound), <c>start</c> (first plan), <c>swaps</c> (local search),
/// <c>balance</c> (CP-SAT), then the tie-breaks <c>training</c>, <c>reassignment</c>, <c>fragments</c>.
/// </param>
public sealed record SolveProgress(decimal? Objective, decimal Bound, TimeSpan Elapsed, string Stage);
