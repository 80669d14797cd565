using System.Diagnostics;
using JobBalancing.Benchmarks.Peers;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks.Runners;

/// <summary>Runs the greedy peer: one plan, no bound (0, the trivial one).</summary>
internal static class GreedyRunner
{
    public static SolverRun Run(Workplace workplace, TimeSpan budget)
    {
        var clock = new Stopwatch();
        var (result, memory) = PeakMemory.Measure(() =>
        {
            clock.Start();
            var answer = GreedyPeer.Solve(workplace, budget);
            clock.Stop();
            return answer;
        });

        var findings = new List<Finding>();
        if (result.Plan is { } plan)
        {
            findings.AddRange(SolverChecks.PeerPlanFindings(plan, 0, "greedy"));
        }

        if (result.Outcome is GreedyOutcome.FromCurrent or GreedyOutcome.None)
        {
            findings.Add(SolverChecks.Notice($"greedy: the fill and its repair left hours unplaced; it started from {(result.Outcome == GreedyOutcome.None ? "nothing: no plan" : "the current assignment")}"));
        }

        return new SolverRun(
            SolverKind.Greedy, new SolveTimeline([new SolveProgress(result.Plan?.Objective, 0, clock.Elapsed, result.Outcome.ToString())]),
            result.Plan, 0, "none", Invariant.Text($"{result.Outcome}, {result.Trades} trades"), null, clock.Elapsed, memory, findings);
    }
}
