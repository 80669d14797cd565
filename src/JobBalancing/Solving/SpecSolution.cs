namespace JobBalancing.Solving;

/// <summary>
/// What the search made of a compiled problem, before it is turned into the domain's results: the status, the plan as
/// hours per pair, the proven bound in rating points, and whether the balance is proven optimal.
/// </summary>
/// <param name="Problem">The compiled problem the plan's pairs refer to.</param>
/// <param name="Status">Optimal or Feasible with a plan; Infeasible or Unknown without.</param>
/// <param name="Plan">Hours per pair, in units; <see langword="null"/> without a plan.</param>
/// <param name="Bound">The proven lower bound on the objective, in rating points.</param>
/// <param name="BoundSource">Where the bound comes from (see <see cref="BalancingResult.BoundSource"/>).</param>
/// <param name="Proven">Whether the plan's balance is proven optimal.</param>
/// <param name="SolveTime">Wall-clock time.</param>
internal sealed record SpecSolution(
    BalancingProblem Problem, SolveStatus Status, int[]? Plan, decimal Bound, string BoundSource, bool Proven, TimeSpan SolveTime)
{
    /// <summary>Why there is no plan, in plain words.</summary>
    public string? Explanation { get; init; }
}
