using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// The searches that change only part of a plan at a time: the model restricted to some pairs (guided by the LP
/// relaxation on large workplaces, where the generated ones never reach), the balance neighbourhoods with their spread
/// objective, and the swap search with its chains. Whatever they return must keep every rule and never lose what the
/// plan they started from had.
/// </summary>
[Properties(Arbitrary = [typeof(SmallWorkplaces)])]
public sealed class PartialModelProperties
{
    [Property(MaxTest = 60)]
    public Property RestrictedModel_FromAPlan_KeepsTheRulesUsesOnlyAllowedPairsAndNeverScoresWorse(GeneratedWorkplace generated, int salt)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        // The start plan's pairs, and about a third of the others.
        var random = new Random(salt);
        var allowed = problem.Pairs.Select((pair, p) => start[p] > 0 || pair.Fixed > 0 || random.Next(3) == 0).ToArray();
        var model = CpSatModel.Build(problem, Stage.Balance, StageCaps.None, allowed: allowed);
        model.Hint(start);
        var outcome = CpSatRun.Solve(model, null, TimeSpan.FromSeconds(2), 1, 1, TestContext.Current.CancellationToken);

        Assert.False(model.IsWhole);
        var plan = Assert.IsType<int[]>(outcome.Plan);
        Assert.True(problem.Keeps(plan), "the restricted model's plan breaks a rule");
        Assert.All(Enumerable.Range(0, plan.Length).Where(p => !allowed[p]), p => Assert.Equal(0, plan[p]));
        Assert.Equal(outcome.Objective, StageValues.Of(problem, plan).Balance);
        Assert.True(outcome.Objective <= StageValues.Of(problem, start).Balance, "the restricted model lost what its hint had");
        return Prop.Collect(true, outcome.Status);
    }

    [Property(MaxTest = 30)]
    public Property BalanceNeighbourhoods_FromAPlan_KeepTheRulesAndNeverScoreWorse(GeneratedWorkplace generated, int seed)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        var kept = new List<int[]>();
        var search = new NeighbourhoodSearch(problem, 1, seed, NullLogger.Instance, (_, plan) => kept.Add(plan));
        var result = search.Improve(start, Stage.Balance, StageCaps.None, DateTime.UtcNow.AddSeconds(0.3), TestContext.Current.CancellationToken);

        Assert.True(problem.Keeps(result), "the neighbourhoods' plan breaks a rule");
        Assert.False(StageValues.Of(problem, start).IsBetterThan(StageValues.Of(problem, result), Stage.Balance), "the neighbourhoods lost balance");
        Assert.All(kept, plan => Assert.True(problem.Keeps(plan)));
        return Prop.Collect(true, kept.Count > 0 ? "improved" : "unchanged");
    }

    [Property(MaxTest = 60)]
    public Property SwapSearch_ReportsOnlyPlansThatKeepTheRulesEachBetterThanTheLast(GeneratedWorkplace generated, int seed, bool patient)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        // A patience of 3 failed draws sends nearly every step to the exhaustive moves, the chains of two and the
        // exchanges of whole holdings (between two workers, and with a third; both verified to succeed in some cases
        // here), whose trial moves are undone when they fail; a patience of 1,000 leaves the steps to random draws, which
        // after 100 failures in a row try exchanges and uptakes of part of a task too (uptakes verified to succeed here).
        // A bad undo would show as a broken rule or a plan no better than the last. (Workplaces of one period: the rule
        // for periods of the exchanges and uptakes is checked by RotationTests' swap search on horizons.)
        var reported = new List<int[]>();
        var best = new SwapSearch(problem, start, seed).Improve(DateTime.UtcNow.AddSeconds(0.2), patience: patient ? 1_000 : 3, rounds: 30, reported.Add, TestContext.Current.CancellationToken);

        Assert.True(problem.Keeps(best), "the swap search's plan breaks a rule");
        Assert.All(reported, plan => Assert.True(problem.Keeps(plan), "a reported plan breaks a rule"));
        var balances = reported.Select(plan => StageValues.Of(problem, plan).Balance).ToArray();
        Assert.All(balances.Zip(balances.Skip(1)), pair => Assert.True(pair.Second < pair.First, "a reported plan is no better than the one before"));
        Assert.True(StageValues.Of(problem, best).Balance <= StageValues.Of(problem, start).Balance, "the swap search lost balance");
        Assert.Equal(balances.Length == 0 ? StageValues.Of(problem, start).Balance : balances[^1], StageValues.Of(problem, best).Balance);
        return Prop.Collect(true, (patient ? "patient, " : "impatient, ") + (reported.Count > 1 ? "improved" : "unchanged"));
    }

    [Property(MaxTest = 60)]
    public Property RestrictedProblem_SwapSearchOnIt_GivesPlansHereThatKeepTheRulesWithTheSameObjective(GeneratedWorkplace generated, int salt)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        // The start plan's pairs, and about a third of the others: the swap search within them, as on the whole jobs' mix.
        var improved = AssertRestrictionKeepsPlans(problem, start, new Random(salt), salt);
        return Prop.Collect(true, improved ? "improved" : "unchanged");
    }

    /// <summary>
    /// Horizons and regions restrict as workplaces do: the rules that tie periods and sites together (service limits, least
    /// stays, the secondary share, whole workers moving) hold in the whole problem of every plan of the restricted one.
    /// </summary>
    [Fact]
    public void RestrictedProblem_TinyHorizonsAndRegions_GivesPlansThatKeepTheRulesWithTheSameObjective()
    {
        var random = new Random(13);
        var regions = RotationTests.TinyRegions(random, 20).Select(problem => (problem, FirstPlan(problem)));
        var horizons = RotationTests.TinyHorizonsWithAPlan(seed: 17, count: 20).Select(h => (h.Problem, (int[]?)h.Start));
        var (restricted, withSecondary) = (0, 0);
        foreach (var (problem, start) in horizons.Concat(regions))
        {
            if (start is not null)
            {
                AssertRestrictionKeepsPlans(problem, start, random, restricted);
                restricted++;
                withSecondary += start.Where((hours, p) => hours > 0 && problem.IsSecondary[p]).Any() ? 1 : 0;
            }
        }

        Assert.True(restricted >= 30, $"only {restricted} of 40 problems had a plan to restrict around");
        Assert.True(withSecondary > 0, "no start plan had hours at a secondary site");
    }

    [Property(MaxTest = 100)]
    public Property SwapSearch_LoweringCosts_KeepsTheRulesTheBalanceCapAndTrainingAndNeverRaisesTheCosts(GeneratedWorkplace generated, int seed, bool looser)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } first)
        {
            return Prop.Collect(true, "no plan");
        }

        // A balanced plan, which has moved hours away from the current assignment; then the costs lowered within its
        // objective, or within half as much again (a level asked for, which the tie-breaks may use all of). With the
        // check on training left out, this failed after 47 workplaces (training 2 raised to 3).
        var start = new SwapSearch(problem, first, seed).Improve(DateTime.UtcNow.AddSeconds(0.05), patience: 200, rounds: 5, _ => { }, TestContext.Current.CancellationToken);
        var before = StageValues.Of(problem, start);
        var cap = looser ? before.Balance * 3 / 2 : before.Balance;
        var plan = new SwapSearch(problem, start, seed).LowerCosts(cap, DateTime.UtcNow.AddSeconds(0.2), TestContext.Current.CancellationToken);
        var after = StageValues.Of(problem, plan);

        Assert.True(problem.Keeps(plan), "the plan with lower costs breaks a rule");
        Assert.True(after.Balance <= cap, $"balance {after.Balance} above the cap {cap}");
        Assert.True(after.Training <= before.Training, $"training {before.Training} raised to {after.Training}");
        Assert.True(after.Reassignment < before.Reassignment || (after.Reassignment == before.Reassignment && after.Fragments <= before.Fragments),
            $"costs raised: reassigned {before.Reassignment} → {after.Reassignment}, fragments {before.Fragments} → {after.Fragments}");
        return Prop.Collect(true, after.Reassignment < before.Reassignment ? "fewer hours reassigned" : after.Fragments < before.Fragments ? "fewer fragments" : "unchanged");
    }

    [Fact]
    public void SwapSearch_LoweringCosts_GivesHoursBackAsFarAsTheBalanceCapAllows()
    {
        // Ana did all of the empowering task and Bo all of the other; the balanced plan splits both. Giving the hours back
        // reassigns nothing but puts both jobs 3 points off the average: within a cap of that, the search finds it; within
        // the balanced plan's 0, no move may.
        var workplace = new Workplace
        {
            Id = "pair",
            Tasks = [new WorkTask { Id = "design", Hours = 8, Empowerment = 8, Desirability = 5 }, new WorkTask { Id = "cleaning", Hours = 8, Empowerment = 2, Desirability = 5 }],
            Workers =
            [
                new Worker { Id = "ana", Hours = 8, Current = new Dictionary<string, decimal> { ["design"] = 8 } },
                new Worker { Id = "bo", Hours = 8, Current = new Dictionary<string, decimal> { ["cleaning"] = 8 } },
            ],
        };
        var problem = BalancingProblem.Compile(workplace);
        var split = problem.Pairs.Select(pair => (int)problem.WorkerHours[pair.Worker] / 2).ToArray();
        Assert.True(problem.Keeps(split));
        var (balanced, current) = (StageValues.Of(problem, split), StageValues.Of(problem, problem.CurrentPlan()));
        Assert.Equal(0, balanced.Balance);
        Assert.True(balanced.Reassignment > 0 && current.Reassignment == 0 && current.Balance > 0);

        var within = new SwapSearch(problem, split, 1).LowerCosts(current.Balance, DateTime.UtcNow.AddSeconds(1), TestContext.Current.CancellationToken);
        var tight = new SwapSearch(problem, split, 1).LowerCosts(0, DateTime.UtcNow.AddSeconds(1), TestContext.Current.CancellationToken);

        Assert.Equal(problem.CurrentPlan(), within);
        Assert.Equal(split, tight);
    }

    [Fact]
    public void SwapSearch_LoweringCosts_InTheNorthernRegionMixed_KeepsTheRulesOfWorkAtOtherSites()
    {
        // The sample region as regionalMix compiles it (every workplace a site, secondary work within the policy's share,
        // number of workplaces and least hours), balanced by swaps that send hours across sites, then its costs lowered
        // within that balance and within twice as much: hours given back across sites must keep those rules too (with the
        // rules of work at other sites left out of the moves' check, this failed: a plan broke a rule). When written, 83 and
        // 182 of the 198 units taken up were given back.
        var region = RegionJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "region-north.json"));
        var options = region.Policies;
        var spec = new BalancingSpec
        {
            Sites = [.. region.Workplaces.Select(w => (IReadOnlyList<Workplace>)[w])],
            Mixing = new SiteMixing(new int[region.Workplaces.Count], options.MaxSecondaryShare, options.MaxSecondaryWorkplaces, options.MinSecondaryHours),
        };
        var problem = BalancingProblem.Compile(spec);
        Assert.True(problem.Keeps(problem.CurrentPlan()));
        var start = new SwapSearch(problem, problem.CurrentPlan(), 1).Improve(DateTime.UtcNow.AddSeconds(0.3), patience: 500, rounds: 5, _ => { }, TestContext.Current.CancellationToken);
        var before = StageValues.Of(problem, start);
        Assert.True(start.Where((x, p) => x > 0 && problem.TaskSite[problem.Pairs[p].Task] != problem.WorkerHome[problem.Pairs[p].Worker]).Any(), "no hours away from home to give back");

        var lowered = new List<long>();
        foreach (var cap in new[] { before.Balance, before.Balance * 2 })
        {
            var plan = new SwapSearch(problem, start, 1).LowerCosts(cap, DateTime.UtcNow.AddSeconds(0.5), TestContext.Current.CancellationToken);
            var after = StageValues.Of(problem, plan);
            Assert.True(problem.Keeps(plan), $"cap {cap}: the plan with lower costs breaks a rule");
            Assert.True(after.Balance <= cap, $"balance {after.Balance} above the cap {cap}");
            Assert.True(after.Training <= before.Training && after.Reassignment <= before.Reassignment, $"cap {cap}: costs raised");
            lowered.Add(before.Reassignment - after.Reassignment);
        }

        Assert.True(lowered[1] > 0, $"hours given back: {lowered[0]} within the balance, {lowered[1]} within twice as much");
    }

    [Property(MaxTest = 40)]
    public Property SwapSearches_InSlices_TheOneBehindAdoptingTheBest_ReportOnlyPlansThatKeepTheRulesEachBetterThanItsLast(GeneratedWorkplace generated, int seed)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        // As the balancer runs them: side by side in short slices, each going on where it stopped, the one behind going on
        // from the other's best. A state that Adopt or a resumed descent left wrong would show as a broken rule, or as a
        // report no better than what that search last had.
        long Balance(int[] plan) => StageValues.Of(problem, plan).Balance;
        var searches = new[] { new SwapSearch(problem, start, seed), new SwapSearch(problem, start, seed + 1) };
        // A search's first report may be its start plan; after that, and after an adopted plan, each must be better.
        var last = new[] { Balance(start) + 1, Balance(start) + 1 };
        var bests = new int[2][];
        var adopted = 0;
        for (var slice = 0; slice < 4; slice++)
        {
            for (var i = 0; i < 2; i++)
            {
                bests[i] = searches[i].Improve(DateTime.UtcNow.AddSeconds(0.03), patience: 3, rounds: 30, plan =>
                {
                    Assert.True(problem.Keeps(plan), "a reported plan breaks a rule");
                    Assert.True(Balance(plan) < last[i], "a reported plan is no better than what its search had");
                    last[i] = Balance(plan);
                }, TestContext.Current.CancellationToken);
                Assert.Equal(Math.Min(last[i], Balance(start)), Balance(bests[i]));
            }

            var (behind, ahead) = Balance(bests[0]) > Balance(bests[1]) ? (0, 1) : (1, 0);
            if (Balance(bests[behind]) > Balance(bests[ahead]))
            {
                searches[behind].Adopt(bests[ahead]);
                last[behind] = Balance(bests[ahead]);
                adopted++;
            }
        }

        return Prop.Collect(true, adopted > 0 ? "adopted" : "never behind");
    }

    [Property(MaxTest = 40)]
    public Property Hint_OfAPlan_GivesAValueToEveryVariableThatIsNotFixed(GeneratedWorkplace generated, int salt)
    {
        var problem = BalancingProblem.Compile(generated.Value);
        if (FirstPlan(problem) is not { } start)
        {
            return Prop.Collect(true, "no plan");
        }

        // CP-SAT takes a hint as a solution at once only when it is complete: the whole model, and a neighbourhood of
        // about half the workers with its per-row deviations.
        var scope = Enumerable.Range(0, problem.WorkerCount).Where(w => (w + salt) % 2 == 0).ToArray();
        foreach (var model in new[]
        {
            CpSatModel.Build(problem, Stage.Balance, StageCaps.None),
            CpSatModel.Build(problem, Stage.Balance, StageCaps.None, scope: scope, incumbent: start),
        })
        {
            model.Hint(start);
            var proto = model.Model.Model;
            var hinted = proto.SolutionHint.Vars.ToHashSet();
            var open = Enumerable.Range(0, proto.Variables.Count).Where(v => proto.Variables[v].Domain is var d && !(d.Count == 2 && d[0] == d[1]));
            Assert.All(open, v => Assert.True(hinted.Contains(v), $"variable {proto.Variables[v].Name} has no hint"));
        }

        return Prop.Collect(true, scope.Length);
    }

    /// <summary>
    /// Restricts <paramref name="problem"/> to the pairs <paramref name="start"/> holds, those with fixed hours and about a
    /// third of the others, checks that the restricted problem has the same pairs and reads the start plan back unchanged,
    /// and that the swap search on it reports plans that keep every rule of the whole problem with the same objective.
    /// Returns whether the swap search reported any.
    /// </summary>
    private static bool AssertRestrictionKeepsPlans(BalancingProblem problem, int[] start, Random random, int seed)
    {
        var keep = problem.Pairs.Select((pair, p) => start[p] > 0 || pair.Fixed > 0 || random.Next(3) == 0).ToArray();
        var within = problem.Restrict(keep);
        var restricted = within.Problem;
        Assert.Equal(Enumerable.Range(0, keep.Length).Where(p => keep[p]), within.PairInWhole);
        Assert.All(Enumerable.Range(0, restricted.Pairs.Length), i => Assert.Equal(problem.Pairs[within.PairInWhole[i]], restricted.Pairs[i]));
        var startWithin = within.FromWhole(start);
        Assert.True(restricted.Keeps(startWithin), "the start plan, on the kept pairs alone, breaks a rule of the restricted problem");
        Assert.Equal(start, within.ToWhole(startWithin));

        var reported = new List<int[]>();
        var best = new SwapSearch(restricted, startWithin, seed).Improve(DateTime.UtcNow.AddSeconds(0.05), patience: 100, rounds: 20, reported.Add, TestContext.Current.CancellationToken);
        Assert.All(reported.Append(best), plan =>
        {
            var whole = within.ToWhole(plan);
            Assert.True(problem.Keeps(whole), "a plan of the restricted problem breaks a rule of the whole one");
            Assert.Equal(StageValues.Of(restricted, plan).Balance, StageValues.Of(problem, whole).Balance);
            Assert.Equal(restricted.Objective(plan), problem.Objective(whole));
        });
        return reported.Count > 0;
    }

    /// <summary>Any plan that keeps the rules, from CP-SAT on the rules alone; <see langword="null"/> when there is none.</summary>
    private static int[]? FirstPlan(BalancingProblem problem)
    {
        var rules = CpSatModel.BuildRulesOnly(problem);
        rules.Hint(problem.CurrentPlan());
        return CpSatRun.Solve(rules, null, TimeSpan.FromSeconds(2), 1, 1, TestContext.Current.CancellationToken, stopAtFirst: true).Plan;
    }
}
