using JobBalancing.Domain;

namespace JobBalancing.Benchmarks.Runners;

/// <summary>The solvers the harness compares, by the names <c>--solvers</c> takes.</summary>
internal enum SolverKind
{
    /// <summary>This library's <see cref="Solving.Balancer"/>.</summary>
    Balancer,

    /// <summary>The same model handed to a general MIP solver (<see cref="Peers.MipPeer"/>).</summary>
    Mip,

    /// <summary>A council's spreadsheet heuristic (<see cref="Peers.GreedyPeer"/>).</summary>
    Greedy,
}

/// <summary>One solver's measured run on one instance. Every objective in it was recomputed by <c>PlanEvaluator</c>.</summary>
/// <param name="Solver">Which solver.</param>
/// <param name="Timeline">Plans and bounds over time, the final answer included.</param>
/// <param name="Plan">The final plan, evaluated by <c>PlanEvaluator</c>; <see langword="null"/> without one.</param>
/// <param name="Bound">The solver's proven bound in rating points (0 when it proves none).</param>
/// <param name="BoundSource">Where the bound comes from.</param>
/// <param name="Status">The solver's final status, in its own words.</param>
/// <param name="OptimalAt">When the solver proved its plan optimal; <see langword="null"/> if it did not.</param>
/// <param name="SolveTime">The final answer's time on the solver's clock.</param>
/// <param name="Memory">Peak resident memory (for a sampled solver, of its most demanding run).</param>
/// <param name="Findings">What looked wrong in this run alone.</param>
internal sealed record SolverRun(
    SolverKind Solver, SolveTimeline Timeline, Plan? Plan, decimal Bound, string BoundSource, string Status, TimeSpan? OptimalAt,
    TimeSpan SolveTime, MemoryUse Memory, IReadOnlyList<Finding> Findings)
{
    /// <summary>
    /// The balancer's seed, when the harness runs it more than once on an instance (<c>--runs</c>) and its columns need
    /// telling apart; <see langword="null"/> otherwise.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>The column heading of this solver.</summary>
    public string Name => Solver switch
    {
        SolverKind.Balancer => Seed is { } seed ? $"balancer (seed {seed})" : "balancer",
        SolverKind.Mip => $"MIP ({Peers.MipPeer.SolverId})",
        _ => "greedy",
    };

    /// <summary>The best objective the run ever reported (a sampled run's best need not be its last).</summary>
    public decimal? BestObjective => Timeline.Reports.Min(r => r.Objective);
}
