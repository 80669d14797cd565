using Microsoft.Extensions.Logging.Abstractions;
using System.Diagnostics;
using JobBalancing.Analysis;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks;

/// <summary>Everything measured in one solve of one generated workplace.</summary>
/// <param name="Size">The instance.</param>
/// <param name="Budget">The balancer's time limit.</param>
/// <param name="Pairs">The (worker, task) pairs that may carry hours, as the balancer compiles them.</param>
/// <param name="CurrentObjective">The objective of the current assignment: the balance before balancing.</param>
/// <param name="Timeline">The progress reports.</param>
/// <param name="Result">The balancer's answer.</param>
/// <param name="Wall">Wall-clock time of <see cref="Balancer.Balance"/>, validation included.</param>
/// <param name="BaselineBytes">Resident memory just before the solve, with the workplace built.</param>
/// <param name="PeakBytes">Peak resident memory during the solve (see <see cref="PeakMemory"/>).</param>
/// <param name="LoadBefore">The 1-, 5- and 15-minute load averages just before the solve: how busy the machine was.</param>
/// <param name="PeakIsPerRun">Whether the peak was reset before the solve; if not, it is the peak since the process started.</param>
internal sealed record Measurement(
    InstanceSize Size, TimeSpan Budget, int Pairs, decimal CurrentObjective, SolveTimeline Timeline, BalancingResult Result, TimeSpan Wall,
    long BaselineBytes, long PeakBytes, bool PeakIsPerRun, string LoadBefore)
{
    /// <summary>Generates the workplace of <paramref name="size"/> and balances it as <paramref name="options"/> say.</summary>
    public static Measurement Run(InstanceSize size, HarnessOptions options)
    {
        var workplace = WorkplaceGenerator.Generate(size, options.Seed);
        var pairs = BalancingProblem.Compile(workplace).Pairs.Length;
        var currentObjective = PlanEvaluator.EvaluateCurrent(workplace).Objective;
        var balancer = new Balancer(new BalancerOptions
        {
            TimeLimit = options.Budget,
            Threads = options.Threads,
            Seed = options.Seed,
            LoggerFactory = options.Verbose ? new StderrLoggerFactory() : NullLoggerFactory.Instance,
        });

        var recorder = new ProgressRecorder();
        var peakIsPerRun = PeakMemory.Reset();
        var baseline = PeakMemory.Current();
        var load = LoadAverage();
        var clock = Stopwatch.StartNew();
        var result = balancer.Balance(workplace, recorder);
        clock.Stop();
        return new Measurement(
            size, options.Budget, pairs, currentObjective, recorder.Timeline(), result, clock.Elapsed, baseline, PeakMemory.Read(), peakIsPerRun, load);
    }

    /// <summary>The system's load averages (Linux); "unknown" elsewhere.</summary>
    private static string LoadAverage()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) : "unknown";
    }
}
