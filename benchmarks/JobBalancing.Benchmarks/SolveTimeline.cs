using JobBalancing.Solving;

namespace JobBalancing.Benchmarks;

/// <summary>
/// Collects the progress reports of one solve. The balancer reports from CP-SAT's own threads as well as its own, so
/// reports are taken under a lock, and <see cref="Timeline"/> orders them by their time rather than by arrival.
/// </summary>
internal sealed class ProgressRecorder : IProgress<SolveProgress>
{
    private readonly Lock _lock = new();
    private readonly List<SolveProgress> _reports = [];

    public void Report(SolveProgress value)
    {
        lock (_lock)
        {
            _reports.Add(value);
        }
    }

    public SolveTimeline Timeline()
    {
        lock (_lock)
        {
            return new SolveTimeline([.. _reports.OrderBy(r => r.Elapsed)]);
        }
    }
}

/// <summary>
/// What a solve knew when: the reported objectives and bounds over time, on the balancer's clock. Reports before the
/// first plan carry only a bound.
/// </summary>
/// <param name="Reports">The progress reports, in time order.</param>
internal sealed record SolveTimeline(IReadOnlyList<SolveProgress> Reports)
{
    /// <summary>When the first plan was reported; <see langword="null"/> when none was.</summary>
    public TimeSpan? FirstPlan => Reports.FirstOrDefault(r => r.Objective is not null)?.Elapsed;

    /// <summary>
    /// What was known at <paramref name="checkpoint"/>: the best objective and the best bound reported before it;
    /// <see langword="null"/> when no plan had been reported yet.
    /// </summary>
    public (decimal Objective, decimal Bound)? At(TimeSpan checkpoint)
    {
        var before = Reports.Where(r => r.Elapsed <= checkpoint).ToList();
        var plans = before.Where(r => r.Objective is not null).ToList();
        return plans.Count == 0 ? null : (plans.Min(r => r.Objective!.Value), before.Max(r => r.Bound));
    }

    /// <summary>
    /// When a reported objective first came within <paramref name="tolerance"/> of <paramref name="target"/>, or the final
    /// result did (at <paramref name="final"/>'s solve time); <see langword="null"/> when neither did.
    /// </summary>
    public TimeSpan? FirstWithin(decimal target, decimal tolerance, BalancingResult final)
    {
        var reached = Reports.FirstOrDefault(r => r.Objective <= target + tolerance);
        if (reached is not null)
        {
            return reached.Elapsed;
        }

        return final.Plan is { } plan && plan.Objective <= target + tolerance ? final.SolveTime : null;
    }
}
