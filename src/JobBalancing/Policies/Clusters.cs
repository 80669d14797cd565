using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Policies;

/// <summary>
/// Splits a large scope into clusters of a few workplaces that can balance one another against the scope's average:
/// first along the secondary-hour flows of <see cref="FlowBound"/> (workplaces whose workers the LP sends to each other),
/// then by joining each cluster to the one that brings their combined average closest to the target (a workplace above
/// the average with one below it), while a cluster stays small enough for the search.
/// </summary>
internal static class Clusters
{
    /// <summary>Flows below this many hour units do not join two workplaces.</summary>
    private const double LeastFlow = 0.5;

    /// <summary>
    /// The clusters of <paramref name="sites"/> (indexes into <paramref name="workplaces"/>), each at most
    /// <paramref name="pairLimit"/> in <see cref="PairEstimate"/> unless it is two workplaces.
    /// </summary>
    /// <param name="workplaces">The workplaces the indexes refer to.</param>
    /// <param name="sites">The scope's workplaces.</param>
    /// <param name="flow">The flow between two workplaces (hour units either way), or none.</param>
    /// <param name="target">The scope's averages.</param>
    /// <param name="weights">The objective's weights.</param>
    /// <param name="pairLimit">The largest cluster, in <see cref="PairEstimate"/>.</param>
    public static List<int[]> Form(
        IReadOnlyList<Workplace> workplaces, IReadOnlyList<int> sites, Func<int, int, double>? flow, BalanceTarget target, ObjectiveWeights weights, int pairLimit)
    {
        // Two workplaces may always join, however large: a workplace left alone could not work with any other.
        var clusters = sites.Select(s => new List<int> { s }).ToList();
        bool Fits(List<int> a, List<int> b) => (a.Count == 1 && b.Count == 1) || PairEstimate(a.Concat(b).Select(s => workplaces[s])) <= pairLimit;

        if (flow is not null)
        {
            var edges = sites.SelectMany((a, i) => sites.Skip(i + 1).Select(b => (a, b, Flow: flow(a, b))))
                .Where(e => e.Flow >= LeastFlow).OrderByDescending(e => e.Flow).ThenBy(e => e.a).ThenBy(e => e.b);
            foreach (var (a, b, _) in edges)
            {
                var (ca, cb) = (clusters.First(c => c.Contains(a)), clusters.First(c => c.Contains(b)));
                if (ca != cb && Fits(ca, cb))
                {
                    ca.AddRange(cb);
                    clusters.Remove(cb);
                }
            }
        }

        // The cluster farthest from the target joins the one that brings their union closest to it, while that helps.
        var settled = new HashSet<List<int>>();
        while (clusters.Where(c => !settled.Contains(c)).OrderByDescending(c => Distance(workplaces, c, target, weights)).FirstOrDefault() is { } far)
        {
            var own = Distance(workplaces, far, target, weights);
            var partner = clusters.Where(c => c != far && Fits(far, c))
                .Select(c => (Cluster: c, Distance: Distance(workplaces, [.. far, .. c], target, weights)))
                .Where(c => c.Distance < own)
                .OrderBy(c => c.Distance).FirstOrDefault().Cluster;
            if (partner is null)
            {
                settled.Add(far);
                continue;
            }

            partner.AddRange(far);
            clusters.Remove(far);
            settled.Remove(partner);
        }

        return [.. clusters.Select(c => c.Order().ToArray())];
    }

    /// <summary>A cluster's size for the search: its workers times its tasks, the pairs it would have if everyone could do everything.</summary>
    public static long PairEstimate(IEnumerable<Workplace> workplaces)
    {
        var list = workplaces.ToList();
        return (long)list.Sum(w => w.Workers.Count) * list.Sum(w => w.Tasks.Count);
    }

    /// <summary>How far the combined average of <paramref name="sites"/>' tasks lies from the target: <c>wE·|Ē_c − Ē| + wD·|D̄_c − D̄|</c>.</summary>
    public static decimal Distance(IReadOnlyList<Workplace> workplaces, IEnumerable<int> sites, BalanceTarget target, ObjectiveWeights weights)
    {
        var own = BalanceTarget.Of(sites.Select(s => workplaces[s]));
        return (weights.Empowerment * Math.Abs((own.EmpowermentHours / own.Hours) - (target.EmpowermentHours / target.Hours)))
            + (weights.Desirability * Math.Abs((own.DesirabilityHours / own.Hours) - (target.DesirabilityHours / target.Hours)));
    }
}
