namespace JobBalancing.Solving;

/// <summary>
/// A lower bound on the objective from the integer structure of single jobs: each worker alone, with their skills,
/// chunks, service limits, fixed and excluded tasks and the fragmentation limit, can come only so close to the
/// averages. <c>Δ_E ≥ max_w min d_E(w)</c>, <c>Δ_D ≥ max_w min d_D(w)</c>, and the objective is at least
/// <c>max(wE·that + wD·that, max_w min (wE·d_E(w) + wD·d_D(w)))</c>. Where the LP relaxation, which lets hours
/// be divided freely, proves nothing, this often does.
/// </summary>
internal static class WorkerBound
{
    /// <summary>
    /// The bound in the integer objective's units, computed within <paramref name="limit"/>: the largest classes of
    /// interchangeable workers first, or, given a <paramref name="plan"/>, the classes of its worst jobs first (where
    /// there are more classes than time, the workers far from the averages are the ones that can raise the bound).
    /// </summary>
    public static long Compute(BalancingProblem problem, TimeSpan limit, int seed, CancellationToken cancellationToken, int[]? plan = null)
    {
        var deadline = DateTime.UtcNow + limit;
        var perDimension = new long[2];
        long combined = 0;
        var classes = plan is null
            ? problem.BalanceClasses.OrderByDescending(g => g.Length)
            : problem.BalanceClasses.OrderByDescending(g => g.Max(w => Deviation(problem, w, plan)));
        foreach (var group in classes)
        {
            var worker = group[0];
            for (var dimension = -1; dimension < 2; dimension++)
            {
                if (DateTime.UtcNow >= deadline || cancellationToken.IsCancellationRequested)
                {
                    return Combine(problem, perDimension, combined);
                }

                if (dimension >= 0 && problem.Weights[dimension] == 0)
                {
                    continue;
                }

                var model = CpSatModel.BuildAlone(problem, worker, dimension);
                var least = CpSatRun.Solve(model, null, TimeSpan.FromSeconds(Math.Min(0.25, (deadline - DateTime.UtcNow).TotalSeconds)), 1, seed, cancellationToken).Bound;
                if (dimension < 0)
                {
                    combined = Math.Max(combined, least);
                }
                else
                {
                    perDimension[dimension] = Math.Max(perDimension[dimension], least);
                }
            }
        }

        return Combine(problem, perDimension, combined);
    }

    /// <summary>Worker w's weighted deviation in <paramref name="plan"/>, in the integer objective's units.</summary>
    private static long Deviation(BalancingProblem problem, int w, int[] plan) =>
        problem.RowsOfWorker[w].Select(row => (problem.Weights[0] * problem.ScaledDeviation(0, row, problem.Score(0, row, plan)))
            + (problem.Weights[1] * problem.ScaledDeviation(1, row, problem.Score(1, row, plan)))).DefaultIfEmpty(0).Max();

    private static long Combine(BalancingProblem problem, long[] perDimension, long combined) =>
        Math.Max(combined, (problem.Weights[0] * perDimension[0]) + (problem.Weights[1] * perDimension[1]));
}
