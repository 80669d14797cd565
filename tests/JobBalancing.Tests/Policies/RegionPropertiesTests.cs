using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Policies;
using JobBalancing.Solving;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Policies;

/// <summary>The properties of the policies, on tiny regions drawn from fixed seeds and on a petrol station and its depot.</summary>
public sealed class RegionPropertiesTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(100, 6)];

    /// <summary>Pumps for everyone, and the books only for the one worker who keeps them: the station cannot balance alone.</summary>
    private static readonly Workplace Petrol = new()
    {
        Id = "petrol", Region = "north", Enterprise = "fuelco",
        Skills = [new Skill { Id = "books", TrainingHours = 300 }],
        Tasks =
        [
            new WorkTask { Id = "books", Hours = 12, Empowerment = 7, Desirability = 5, Skill = "books", MinChunk = 4 },
            new WorkTask { Id = "pumps", Hours = 28, Empowerment = 2, Desirability = 2, MinChunk = 4 },
        ],
        Workers =
        [
            new Worker { Id = "oli", Hours = 20, Skills = ["books"], Current = new Dictionary<string, decimal> { ["books"] = 12, ["pumps"] = 8 } },
            new Worker { Id = "pat", Hours = 20, Current = new Dictionary<string, decimal> { ["pumps"] = 20 } },
        ],
    };

    private static readonly Workplace Depot = new()
    {
        Id = "depot", Region = "north", Enterprise = "fuelco",
        Tasks =
        [
            new WorkTask { Id = "planning", Hours = 16, Empowerment = 8, Desirability = 6, MinChunk = 4 },
            new WorkTask { Id = "loading", Hours = 24, Empowerment = 2, Desirability = 2, MinChunk = 4 },
        ],
        Workers =
        [
            new Worker { Id = "quin", Hours = 20, Current = new Dictionary<string, decimal> { ["planning"] = 16, ["loading"] = 4 } },
            new Worker { Id = "ray", Hours = 20, Current = new Dictionary<string, decimal> { ["loading"] = 20 } },
        ],
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Within_TinyRegion_EqualsThePerWorkplaceSolves(int seed)
    {
        var region = TinyRegions.Draw(seed);
        var within = Balancer().Balance(region, Policy.Within, cancellationToken: TestContext.Current.CancellationToken);
        for (var i = 0; i < region.Workplaces.Count; i++)
        {
            var alone = Solve.Balance(region.Workplaces[i], 5, tieBreaks: false);
            Assert.Equal(alone.Status, within.Parts[i].Status);
            Assert.Equal(alone.Plan?.Objective, within.Parts[i].Objective);
            if (within.Plan is { } plan)
            {
                Assert.Equal(alone.Plan!.Objective, plan.Councils[i].Objective);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RegionalMix_TinyRegion_IsNeverWorseAgainstTheRegionsAverageThanWithin(int seed)
    {
        var region = TinyRegions.Draw(seed) is var drawn ? drawn with { Policies = drawn.Policies with { Scope = BalancingScope.Region } } : null!;
        var results = Balancer().Compare(region, [Policy.Within, Policy.RegionalMix], TestContext.Current.CancellationToken);
        var (within, mix) = (results[0], results[1]);
        if (within.Plan is null)
        {
            return;
        }

        Assert.Equal(SolveStatus.Optimal, mix.Status);
        Assert.True(mix.Plan!.Regions[0].Objective <= within.Plan.Regions[0].Objective, $"regionalMix {mix.Plan.Regions[0].Objective}, within {within.Plan.Regions[0].Objective} (seed {seed})");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EveryPolicy_TinyRegion_ReportsFiguresRecomputedFromThePlansHours(int seed)
    {
        var region = TinyRegions.Draw(seed);
        foreach (var result in Balancer().Compare(region, cancellationToken: TestContext.Current.CancellationToken).Where(r => r.Plan is not null))
        {
            var plan = result.Plan!;
            Assert.Empty(plan.Violations);
            var tasks = region.Workplaces.SelectMany(w => w.Tasks.Select(t => (Site: w.Id, Task: t))).ToList();
            var hours = Rational.Of(tasks.Sum(t => t.Task.Hours));
            var averageE = Rational.Of(tasks.Sum(t => t.Task.Empowerment * t.Task.Hours)) / hours;
            var averageD = Rational.Of(tasks.Sum(t => t.Task.Desirability * t.Task.Hours)) / hours;
            Rational maxE = Rational.Zero, maxD = Rational.Zero;
            foreach (var job in plan.Jobs)
            {
                var held = job.Tasks.Select(h => (h.Hours, Task: tasks.Single(t => t.Site == h.Workplace && t.Task.Id == h.Task).Task)).ToList();
                Assert.Equal(job.Hours, held.Sum(h => h.Hours));
                var e = Rational.Of(held.Sum(h => h.Hours * h.Task.Empowerment)) / Rational.Of(job.Hours);
                var d = Rational.Of(held.Sum(h => h.Hours * h.Task.Desirability)) / Rational.Of(job.Hours);
                Assert.True(e.IsCloseTo(job.Empowerment) && d.IsCloseTo(job.Desirability), $"{job.Worker}: reported {job.Empowerment}/{job.Desirability}, recomputed {e}/{d}");
                maxE = Rational.Max(maxE, Rational.Abs(e - averageE));
                maxD = Rational.Max(maxD, Rational.Abs(d - averageD));
            }

            Assert.True((maxE + maxD).IsCloseTo(plan.Regions[0].Objective), $"{result.Policy}: region objective {plan.Regions[0].Objective}, recomputed {maxE + maxD}");
            Assert.Equal(plan.Councils.Sum(c => c.Costs.TrainingHours), plan.Costs.TrainingHours);
            Assert.Equal(plan.Jobs.Where(j => j.OtherWorkplaces.Count > 0).Sum(j => j.OtherWorkplaces.Count) * region.Costs.RecruitmentHours, plan.Costs.RecruitmentHours);
        }
    }

    [Fact]
    public void Evaluate_CurrentAssignmentUnchanged_CostsEveryCouncilNothing()
    {
        var region = new Region { Id = "fuel", Workplaces = [Petrol, Depot] };
        var current = region.Workplaces.SelectMany(w => w.Workers.Select(worker => (worker.Id, Hours: (IReadOnlyList<SiteTaskHours>)[.. worker.Current.Select(c => new SiteTaskHours(w.Id, c.Key, c.Value))])))
            .ToDictionary(p => p.Id, p => p.Hours);
        var plan = RegionEvaluator.Evaluate(region, Policy.Within, current);
        Assert.Empty(plan.Violations);
        Assert.All(plan.Councils, c => Assert.Equal(CostBreakdown.Zero, c.Costs));
    }

    [Fact]
    public void Compensation_PremiumsMakePayAdjustedDesirabilityEqualAcrossTheRegion()
    {
        var region = new Region { Id = "fuel", Workplaces = [Petrol, Depot] };
        var plan = Balancer().Balance(region, Policy.Compensation, cancellationToken: TestContext.Current.CancellationToken).Plan!;
        var average = plan.Regions[0].DesirabilityAverage;
        Assert.Contains(plan.Jobs, j => j.PayPremium != 0);
        Assert.All(plan.Jobs, j => Assert.Equal(average, Math.Round(j.Desirability + (j.PayPremium / region.Policies.PremiumPerPoint), 20)));

        // Below-average jobs are paid the bill; the councils' net premiums cancel out.
        Assert.Equal(plan.Jobs.Sum(j => Math.Max(0, j.PayPremium) * j.Hours), plan.Costs.CompensationHours);
        Assert.Equal(0, Math.Round(plan.Councils.Sum(c => c.Costs.CompensationHours), 20));
    }

    [Fact]
    public void RegionalMix_PetrolStationThatCannotBalanceAlone_BalancesWithinItsEnterprise()
    {
        var region = new Region
        {
            Id = "fuel",
            Workplaces = [Petrol, Depot],
            Policies = new PolicyOptions { Scope = BalancingScope.Enterprise, MaxSecondaryShare = 0.4m, MinSecondaryHours = 4 },
        };
        var alone = Solve.Balance(Petrol, 5, tieBreaks: false);
        var mix = Balancer().Balance(region, Policy.RegionalMix, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(SolveStatus.Optimal, mix.Status);
        var part = Assert.Single(mix.Parts);
        Assert.Equal(["petrol", "depot"], part.Workplaces);
        var petrolJobs = mix.Plan!.Jobs.Where(j => j.Home == "petrol").ToList();
        Assert.Contains(petrolJobs, j => j.OtherWorkplaces.SequenceEqual(["depot"]));
        Assert.True(part.Objective < alone.Plan!.Objective, $"alone {alone.Plan.Objective}, in its enterprise {part.Objective}");
    }

    [Fact]
    public void RegionalMix_NoSecondaryShare_MovesNobodyAndCostsNoRecruitmentOrCoordination()
    {
        var region = new Region { Id = "fuel", Workplaces = [Petrol, Depot], Policies = new PolicyOptions { MaxSecondaryShare = 0 } };
        var plan = Balancer().Balance(region, Policy.RegionalMix, cancellationToken: TestContext.Current.CancellationToken).Plan!;
        Assert.All(plan.Jobs, j => Assert.Empty(j.OtherWorkplaces));
        Assert.Equal(0, plan.Costs.RecruitmentHours + plan.Costs.OnboardingHours + plan.Costs.CoordinationHours);
    }

    [Fact]
    public void Validate_WorkerIdRepeatedAcrossWorkplaces_NamesBothWorkplaces()
    {
        var region = new Region { Id = "fuel", Workplaces = [Petrol, Depot with { Workers = [.. Depot.Workers.Select(w => w.Id == "ray" ? w with { Id = "oli" } : w)] }] };
        var problem = Assert.Single(region.Validate());
        Assert.Equal("workplaces[1].workers[1].id", problem.Path);
        Assert.Contains("\"petrol\"", problem.Message, StringComparison.Ordinal);
    }

    private static RegionBalancer Balancer() => new(Solve.Options(5, tieBreaks: false));
}
