using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// What the policies share beyond a single workplace: which workplaces balance together, and the workplaces as the
/// compensation policy limits them. The region balancer and the region evaluator both use these, so that the rules a plan
/// is made under and the rules it is checked against are the same.
/// </summary>
internal static class Scopes
{
    /// <summary>
    /// The groups of workplaces (indexes into <see cref="Region.Workplaces"/>) that balance together under
    /// <paramref name="scope"/>: one per region, or one per enterprise within a region with a workplace of no enterprise
    /// alone; in order of first appearance.
    /// </summary>
    public static IReadOnlyList<int[]> Groups(Region region, BalancingScope scope) =>
        [.. region.Workplaces
            .Select((workplace, index) => (Key: Key(workplace, index, scope), index))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => g.Select(p => p.index).ToArray())];

    /// <summary>The region's workplaces under <see cref="Policy.Compensation"/>'s service limits: every task at least <see cref="PolicyOptions.ServiceLimitMargin"/> points above its region's average empowerment is limited to <see cref="PolicyOptions.ServiceLimitHours"/> per worker.</summary>
    public static IReadOnlyList<Workplace> ServiceLimited(Region region)
    {
        var options = region.Policies;
        var totals = region.Workplaces.GroupBy(w => w.Region ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, BalanceTarget.Of, StringComparer.Ordinal);
        return [.. region.Workplaces.Select(workplace => ServiceLimited(workplace, totals[workplace.Region ?? ""], options))];
    }

    /// <summary>
    /// The workplace with every task at least <see cref="PolicyOptions.ServiceLimitMargin"/> points above the region's
    /// average empowerment limited to <see cref="PolicyOptions.ServiceLimitHours"/> per worker (rounded down to the hour
    /// unit, and never above the task's own limit).
    /// </summary>
    private static Workplace ServiceLimited(Workplace workplace, BalanceTarget region, PolicyOptions options)
    {
        // e_t ≥ A/T + margin, compared exactly as e_t·T ≥ A + margin·T.
        var limit = Math.Floor(options.ServiceLimitHours / workplace.HourUnit) * workplace.HourUnit;
        return workplace with
        {
            Tasks = [.. workplace.Tasks.Select(task => task.Empowerment * region.Hours >= region.EmpowermentHours + (options.ServiceLimitMargin * region.Hours)
                ? task with { MaxPerWorker = Math.Min(task.MaxPerWorker ?? decimal.MaxValue, limit) }
                : task)],
        };
    }

    private static string Key(Workplace workplace, int index, BalancingScope scope) => scope switch
    {
        BalancingScope.Enterprise when workplace.Enterprise is null => $"workplace\u0001{index}",
        BalancingScope.Enterprise => $"{workplace.Region}\u0001{workplace.Enterprise}",
        _ => workplace.Region ?? "",
    };
}
