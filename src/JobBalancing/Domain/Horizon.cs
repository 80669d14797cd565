namespace JobBalancing.Domain;

/// <summary>How balance is measured over a horizon of several periods.</summary>
public enum HorizonBalance
{
    /// <summary>
    /// Dynamic balancing: each worker's scores over the whole horizon (hours-weighted over every period) against the
    /// horizon's averages. A worker may be more empowered in one period and less in the next.
    /// </summary>
    Dynamic,

    /// <summary>
    /// Static balancing: each worker's scores in every period against that period's averages; the objective is
    /// <c>wE·max_p Δ_E(p) + wD·max_p Δ_D(p)</c>, the worst period's deviations.
    /// </summary>
    Static,
}

/// <summary>The workplace in each period of a horizon, from its <see cref="Workplace.Rotation"/> changes.</summary>
internal static class Horizon
{
    /// <summary>
    /// The workplace as it is in each of <paramref name="periods"/> periods: hours changed as <see cref="RotationRules.Periods"/>
    /// says, tasks with 0 hours and absent workers left out, with what referred to them. Each is a workplace of one period:
    /// without rotation rules.
    /// </summary>
    public static IReadOnlyList<Workplace> Snapshots(Workplace workplace, int periods)
    {
        var single = workplace with { Rotation = RotationRules.Default };
        return [.. Enumerable.Range(0, periods).Select(period =>
            period < workplace.Rotation.Periods.Count ? Apply(single, workplace.Rotation.Periods[period]) : single)];
    }

    private static Workplace Apply(Workplace workplace, PeriodChange change)
    {
        static decimal HoursOf(IReadOnlyDictionary<string, decimal> changes, string id, decimal hours) => changes.TryGetValue(id, out var changed) ? changed : hours;

        var tasks = workplace.Tasks.Select(t => t with { Hours = HoursOf(change.Tasks, t.Id, t.Hours) }).Where(t => t.Hours > 0).ToArray();
        var done = tasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        IReadOnlyDictionary<string, decimal> Kept(IReadOnlyDictionary<string, decimal> hours) =>
            hours.Where(e => done.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

        var workers = workplace.Workers
            .Select(w => w with
            {
                Hours = HoursOf(change.Workers, w.Id, w.Hours),
                Current = Kept(w.Current),
                Fixed = Kept(w.Fixed),
                Excluded = [.. w.Excluded.Where(done.Contains)],
            })
            .Where(w => w.Hours > 0)
            .ToArray();
        return workplace with { Tasks = tasks, Workers = workers };
    }
}
