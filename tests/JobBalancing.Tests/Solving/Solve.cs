using JobBalancing.Domain;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;

namespace JobBalancing.Tests.Solving;

/// <summary>How the tests run the balancer: one thread and a fixed seed, so that a run repeats, and a short time limit.</summary>
internal static class Solve
{
    public static BalancingResult Balance(Workplace workplace, double seconds = 2, bool tieBreaks = true) =>
        new Balancer(Options(seconds, tieBreaks)).Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);

    public static BalancerOptions Options(double seconds = 2, bool tieBreaks = true) =>
        new() { TimeLimit = TimeSpan.FromSeconds(seconds), Threads = 1, Seed = 7, TieBreaks = tieBreaks };

    /// <summary>What to print when an assertion about <paramref name="result"/> fails.</summary>
    public static string Describe(Workplace workplace, BalancingResult result) =>
        $"""

        status {result.Status}, objective {result.Plan?.Objective}, bound {result.Bound}, costs {result.Plan?.Costs}, {result.SolveTime.TotalSeconds:0.###} s
        {(result.Plan is null ? result.Explanation : WorkplaceText.Hours(result.Plan))}
        for
        {WorkplaceText.ToCSharp(workplace)}
        """;
}
