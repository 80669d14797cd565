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
/// What a solve knew when: the objectives and bounds over time, on the solver's clock. Reports before the first plan
/// carry only a bound.
/// </summary>
/// <param name="Reports">The reports, in time order.</param>
/// <param name="Sampled">
/// Whether each report is a separate run stopped at that time (a solver the harness cannot watch), rather than a report
/// made as the plan improved. Then a figure is known only to lie between two runs: see <see cref="Reach"/>.
/// </param>
internal sealed record SolveTimeline(IReadOnlyList<SolveProgress> Reports, bool Sampled = false)
{
    /// <summary>When the first plan was reported; <see langword="null"/> when none was.</summary>
    public TimeSpan? FirstPlan => Reports.FirstOrDefault(r => r.Objective is not null)?.Elapsed;

    /// <summary>
    /// What was known at <paramref name="checkpoint"/>: the best objective and the best bound reported before it;
    /// <see langword="null"/> when no plan had been reported yet. A sampled run asked to stop at the checkpoint counts
    /// when it ended within <see cref="SampleSlack"/> after it.
    /// </summary>
    public (decimal Objective, decimal Bound)? At(TimeSpan checkpoint)
    {
        var before = Reports.Where(r => r.Elapsed <= checkpoint + (Sampled ? SampleSlack(checkpoint) : TimeSpan.Zero)).ToList();
        var plans = before.Where(r => r.Objective is not null).ToList();
        return plans.Count == 0 ? null : (plans.Min(r => r.Objective!.Value), before.Max(r => r.Bound));
    }

    /// <summary>How late a sampled run may end and still count at its checkpoint: 5 %, at least 0.25 s.</summary>
    public static TimeSpan SampleSlack(TimeSpan checkpoint) => TimeSpan.FromSeconds(Math.Max(0.25, checkpoint.TotalSeconds * 0.05));

    /// <summary>
    /// When a reported objective first came to <paramref name="objective"/> or below (<c>At</c>), and the latest time it is
    /// known not to have (<c>After</c>): for a watched solve the two are the same; for a sampled one, the reach lies in
    /// (<c>After</c>, <c>At</c>], <c>After</c> being the longest earlier run that had not got there (0 when none).
    /// <see langword="null"/> when no report got there.
    /// </summary>
    public (TimeSpan At, TimeSpan After)? Reach(decimal objective)
    {
        var index = Reports.ToList().FindIndex(r => r.Objective <= objective);
        if (index < 0)
        {
            return null;
        }

        var at = Reports[index].Elapsed;
        return (at, Sampled ? Reports.Take(index).Select(r => r.Elapsed).DefaultIfEmpty(TimeSpan.Zero).Max() : at);
    }
}
