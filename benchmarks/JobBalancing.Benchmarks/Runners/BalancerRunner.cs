using System.Diagnostics;
using JobBalancing.Domain;
using JobBalancing.Solving;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobBalancing.Benchmarks.Runners;

/// <summary>Runs this library's <see cref="Balancer"/>, watching its progress reports.</summary>
internal static class BalancerRunner
{
    /// <summary>Runs the balancer once on <paramref name="workplace"/>, with <paramref name="seed"/>.</summary>
    public static SolverRun Run(Workplace workplace, decimal currentObjective, HarnessOptions options, int seed)
    {
        var balancer = new Balancer(new BalancerOptions
        {
            TimeLimit = options.Budget,
            Threads = options.Threads,
            Seed = seed,
            LoggerFactory = options.Verbose ? new StderrLoggerFactory() : NullLoggerFactory.Instance,
        });

        var recorder = new ProgressRecorder();
        var clock = new Stopwatch();
        var (result, memory) = PeakMemory.Measure(() =>
        {
            clock.Start();
            var answer = balancer.Balance(workplace, recorder);
            clock.Stop();
            return answer;
        });

        var reports = recorder.Timeline();
        var findings = SolverChecks.Findings(result, reports, currentObjective, options.Budget, clock.Elapsed).ToList();
        // The final answer joins the timeline, so that figures read from it count the final plan too.
        List<SolveProgress> timeline = [.. reports.Reports];
        if (result.Plan is { } plan)
        {
            timeline.Add(new SolveProgress(plan.Objective, result.Bound, result.SolveTime, "final"));
        }

        return new SolverRun(
            SolverKind.Balancer, new SolveTimeline([.. timeline.OrderBy(r => r.Elapsed)]), result.Plan, result.Bound, result.BoundSource, result.Status.ToString(),
            ProvenOptimalAt(reports, result), result.SolveTime, memory, findings);
    }

    /// <summary>
    /// When the balance was proven optimal: the first report whose bound meets its objective. The balancer goes on to the
    /// tie-breaks (training, reassignment, fragments) after that, and says <c>Optimal</c> only at the end.
    /// </summary>
    private static TimeSpan? ProvenOptimalAt(SolveTimeline reports, BalancingResult result) =>
        reports.Reports.FirstOrDefault(r => r.Objective <= r.Bound)?.Elapsed
        ?? (result.Status == SolveStatus.Optimal ? result.SolveTime : null);
}
