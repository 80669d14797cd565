using JobBalancing.Domain;
using JobBalancing.Policies;
using JobBalancing.Solving;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Policies;

/// <summary>
/// The region balancer against <see cref="RegionBruteForce"/> on tiny regions drawn from fixed seeds: every part of
/// every policy is proven optimal with the oracle's objective, or infeasible exactly when the oracle finds no plan. The
/// parts, the averages and the service limits are worked out here from the issue's definitions, not from the library.
/// </summary>
public sealed class RegionOracleTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(0, 16)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Balance_TinyRegion_EveryPolicyReachesTheBruteForceOptimumOfEachPart(int seed)
    {
        var region = TinyRegions.Draw(seed);
        var balancer = new RegionBalancer(Solve.Options(5, tieBreaks: false));
        foreach (var result in balancer.Compare(region, cancellationToken: TestContext.Current.CancellationToken))
        {
            var policy = result.Policy;
            var expected = ExpectedParts(region, policy);
            Assert.Equal(expected.Select(p => string.Join("+", p.Select(w => w.Id))), result.Parts.Select(p => string.Join("+", p.Workplaces)));
            for (var i = 0; i < expected.Count; i++)
            {
                var oracle = RegionBruteForce.Optimum(expected[i], policy, region.Policies);
                var part = result.Parts[i];
                var why = $" (seed {seed}, {policy}, part {string.Join("+", part.Workplaces)}: {part.Status} {part.Objective}, oracle {oracle})";
                if (oracle is not { } optimum)
                {
                    Assert.True(part.Status == SolveStatus.Infeasible, "no plan exists" + why);
                    continue;
                }

                Assert.True(part.Status == SolveStatus.Optimal, "not proven optimal" + why);
                Assert.True(optimum.IsCloseTo(part.Objective!.Value), "not the optimum" + why);
            }

            if (result.Plan is { } plan)
            {
                Assert.Empty(plan.Violations);
                if (policy is Policy.RegionalMix or Policy.Reallocation && expected.Count == 1)
                {
                    Assert.Equal(result.Parts[0].Objective, plan.Regions[0].Objective);
                }
            }
        }
    }

    /// <summary>
    /// The workplaces each policy balances together: every workplace alone for within and compensation (with service
    /// limits), the whole region or each enterprise (a workplace of none alone) for the others.
    /// </summary>
    private static List<IReadOnlyList<Workplace>> ExpectedParts(Region region, Policy policy)
    {
        var workplaces = region.Workplaces;
        if (policy == Policy.Within)
        {
            return [.. workplaces.Select(w => (IReadOnlyList<Workplace>)[w])];
        }

        if (policy == Policy.Compensation)
        {
            var tasks = workplaces.SelectMany(w => w.Tasks).ToList();
            var average = Rational.Of(tasks.Sum(t => t.Empowerment * t.Hours)) / Rational.Of(tasks.Sum(t => t.Hours));
            var limit = Math.Floor(region.Policies.ServiceLimitHours);
            return [.. workplaces.Select(w => (IReadOnlyList<Workplace>)[w with
            {
                Tasks = [.. w.Tasks.Select(t => Rational.Of(t.Empowerment) >= average + Rational.Of(region.Policies.ServiceLimitMargin)
                    ? t with { MaxPerWorker = Math.Min(t.MaxPerWorker ?? limit, limit) }
                    : t)],
            }])];
        }

        if (region.Policies.Scope == BalancingScope.Region)
        {
            return [workplaces];
        }

        var parts = new List<IReadOnlyList<Workplace>>();
        foreach (var workplace in workplaces)
        {
            if (workplace.Enterprise is null)
            {
                parts.Add([workplace]);
            }
            else if (!parts.Any(p => p[0].Enterprise == workplace.Enterprise))
            {
                parts.Add([.. workplaces.Where(w => w.Enterprise == workplace.Enterprise)]);
            }
        }

        return parts;
    }
}
