using System.Diagnostics;
using JobBalancing.Benchmarks.Peers;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks.Runners;

/// <summary>Runs the greedy peer: one plan, no bound (0, the trivial one).</summary>
internal static class GreedyRunner
{
    public static SolverRun Run(Workplace workplace)
    {
        var clock = new Stopwatch();
        var (result, memory) = PeakMemory.Measure(() =>
        {
            clock.Start();
            var answer = GreedyPeer.Solve(workplace);
            clock.Stop();
            return answer;
        });

        var findings = new List<Finding>();
        if (result.Plan is { } plan)
        {
            findings.AddRange(SolverChecks.PeerPlanFindings(plan, 0, "greedy"));
        }

        if (result.Outcome is GreedyOutcome.KeptCurrent or GreedyOutcome.None)
        {
            findings.Add(SolverChecks.Notice($"greedy: the fill and its repair left hours unplaced; outcome {result.Outcome}"));
        }

        return new SolverRun(
            SolverKind.Greedy, new SolveTimeline([new SolveProgress(result.Plan?.Objective, 0, clock.Elapsed, result.Outcome.ToString())]),
            result.Plan, 0, "none", result.Outcome.ToString(), null, clock.Elapsed, memory, findings);
    }
}
