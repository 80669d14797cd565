using JobBalancing.Domain;
using JobBalancing.Solving;
using JobBalancing.Tests.Oracle;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// Horizons: a plan per period, balanced over the horizon or in every period, with rules across periods. Checked against
/// a brute-force oracle that enumerates every period's plans and scores their combinations from DESIGN.md's definitions.
/// </summary>
public sealed class RotationTests
{
    private static readonly Balancer Balancer = new(Solve.Options(seconds: 5));

    [Fact]
    public void Dynamic_rotation_of_tiny_workplaces_reaches_the_brute_force_optimum()
    {
        var random = new Random(11);
        for (var instance = 0; instance < 12; instance++)
        {
            var workplace = WithSecondPeriodChanged(TinyWorkplace(random), random);
            var periods = Horizon.Snapshots(workplace, 2);
            var result = Balancer.Rotate(workplace, periods: 2, cancellationToken: TestContext.Current.CancellationToken);
            var optimum = HorizonOptimum(periods);
            var reached = HorizonObjective(periods, [.. result.Periods.Select((plan, p) => Contract.HoursOf(periods[p], plan, []))]);

            Assert.Equal(SolveStatus.Optimal, result.Status);
            Assert.True(reached == optimum, $"the plan's horizon objective {reached} is not the optimum {optimum}");
            Assert.True(optimum.IsCloseTo(result.HorizonObjective), $"reported {result.HorizonObjective}, optimum {optimum}");
            Assert.True(optimum.IsCloseTo(result.Bound), $"Optimal, but the bound {result.Bound} is not the optimum {optimum}");
        }
    }

    [Fact]
    public void One_period_gives_the_same_objective_as_solve()
    {
        var random = new Random(5);
        for (var instance = 0; instance < 8; instance++)
        {
            var workplace = TinyWorkplace(random);
            var rotation = Balancer.Rotate(workplace, periods: 1, cancellationToken: TestContext.Current.CancellationToken);
            var solve = Balancer.Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);

            Assert.Equal(solve.Status, rotation.Status);
            Assert.Equal(solve.Plan!.Objective, rotation.Objective);
            Assert.Equal(rotation.HorizonObjective, rotation.WorstPeriodObjective);
        }
    }

    [Fact]
    public void Service_limits_and_least_stays_hold_across_period_boundaries()
    {
        var workplace = Committee() with
        {
            Rotation = new RotationRules
            {
                ServiceLimits = [new ServiceLimit { Name = "planning committee", Tasks = ["planning"], MaxConsecutivePeriods = 1 }],
                MinStayPeriods = 2,
            },
        };
        var result = Balancer.Rotate(workplace, periods: 4, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.Periods.Count == 4, result.Explanation);
        Assert.All(result.Periods, plan => Assert.Empty(plan.Violations));
        foreach (var worker in workplace.Workers.Select(w => w.Id))
        {
            var plans = result.Periods.Select(plan => plan.Jobs.Single(j => j.Worker == worker)).ToArray();
            for (var p = 1; p < plans.Length; p++)
            {
                Assert.False(Holds(plans[p - 1], "planning") && Holds(plans[p], "planning"), $"{worker} plans in periods {p} and {p + 1}");
            }

            // Bo is trained for surgery; once started, at least two periods in a row (or to the end of the horizon).
            for (var p = 0; p < plans.Length - 1 && worker == "bo"; p++)
            {
                var starts = Holds(plans[p], "surgery") && (p == 0 || !Holds(plans[p - 1], "surgery"));
                Assert.False(starts && !Holds(plans[p + 1], "surgery"), $"bo starts surgery in period {p + 1} and leaves it at once");
            }
        }
    }

    [Fact]
    public void The_period_tolerance_holds_in_every_period()
    {
        var workplace = Committee() with { Rotation = new RotationRules { PeriodTolerance = 1.5m } };
        var result = Balancer.Rotate(workplace, periods: 3, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(result.Periods);
        Assert.All(result.Periods, plan =>
        {
            Assert.True(plan.EmpowermentMaxDeviation <= 1.5m, $"empowerment deviation {plan.EmpowermentMaxDeviation}");
            Assert.True(plan.DesirabilityMaxDeviation <= 1.5m, $"desirability deviation {plan.DesirabilityMaxDeviation}");
        });
    }

    [Fact]
    public void Dynamic_balance_over_the_horizon_is_never_worse_than_static()
    {
        var random = new Random(3);
        for (var instance = 0; instance < 6; instance++)
        {
            var workplace = WithSecondPeriodChanged(TinyWorkplace(random), random);
            var (staticResult, dynamicResult) = Balancer.CompareRotations(workplace, periods: 2, TestContext.Current.CancellationToken);

            Assert.True(dynamicResult.HorizonObjective <= staticResult.HorizonObjective,
                $"dynamic {dynamicResult.HorizonObjective} > static {staticResult.HorizonObjective}");
            Assert.True(staticResult.WorstPeriodObjective <= dynamicResult.WorstPeriodObjective || staticResult.Status != SolveStatus.Optimal,
                $"static is optimal for the worst period, yet dynamic's {dynamicResult.WorstPeriodObjective} beats its {staticResult.WorstPeriodObjective}");
        }
    }

    [Fact]
    public void The_swap_search_on_a_horizon_reports_only_plans_that_keep_every_periods_rules()
    {
        // At most two tasks each, three tasks: workers sit at the limit, so a stalled descent (patience 3) reaches the
        // exchanges of whole holdings, and random draws (patience 1,000) the uptakes of part of a task, whose second move
        // must free the slot in the period the first filled.
        var searched = 0;
        foreach (var (instance, problem, start) in TinyHorizonsWithAPlan(seed: 11, count: 40))
        {
            var reported = new List<int[]>();
            var patience = instance / 2 % 2 == 0 ? 3 : 1_000;
            var best = new SwapSearch(problem, start, instance).Improve(DateTime.UtcNow.AddSeconds(0.05), patience, rounds: 30, reported.Add, TestContext.Current.CancellationToken);
            searched++;

            Assert.True(problem.Keeps(best), $"instance {instance}: the swap search's plan breaks a rule");
            Assert.All(reported, plan => Assert.True(problem.Keeps(plan), $"instance {instance}: a reported plan breaks a rule"));
        }

        // Horizons without any plan are skipped; most must have one, or the test would check nothing.
        Assert.True(searched >= 20, $"only {searched} of 40 horizons had a plan to search from");
    }

    [Fact]
    public void The_swap_search_on_a_horizons_costs_keeps_its_rules_and_balance_and_never_raises_the_hours_taken_up()
    {
        // Hours taken up count against the period before in the second period, so a move in the first changes what the
        // second reassigns: the search must count both (with the second period's change left uncounted, instance 2 here
        // went from 5 h to 6). Half the horizons with their own balance as the cap, half with twice as much room.
        var lowered = 0;
        foreach (var (instance, problem, first) in TinyHorizonsWithAPlan(seed: 5, count: 80))
        {
            var start = new SwapSearch(problem, first, instance).Improve(DateTime.UtcNow.AddSeconds(0.02), patience: 200, rounds: 5, _ => { }, TestContext.Current.CancellationToken);
            var before = StageValues.Of(problem, start);
            var cap = instance % 4 < 2 ? before.Balance : before.Balance * 2;
            var plan = new SwapSearch(problem, start, instance).LowerCosts(cap, DateTime.UtcNow.AddSeconds(0.1), TestContext.Current.CancellationToken);
            var after = StageValues.Of(problem, plan);

            Assert.True(problem.Keeps(plan), $"instance {instance}: the plan with lower costs breaks a rule");
            Assert.True(after.Balance <= cap, $"instance {instance}: balance {after.Balance} above the cap {cap}");
            Assert.True(after.Reassignment <= before.Reassignment, $"instance {instance}: hours taken up {before.Reassignment} → {after.Reassignment}");
            lowered += after.Reassignment < before.Reassignment ? 1 : 0;
        }

        // 25 of 80 when written: fewer would leave the search's moves little checked.
        Assert.True(lowered >= 10, $"hours taken up lowered on only {lowered} of 80 horizons");
    }

    [Fact]
    public void A_worker_who_leaves_has_no_job_after_and_is_scored_on_the_periods_they_worked()
    {
        // Cy leaves after the first period; filing shrinks by Cy's hours.
        var workplace = Committee() with
        {
            Rotation = new RotationRules
            {
                Periods = [new PeriodChange(), new PeriodChange { Workers = new Dictionary<string, decimal> { ["cy"] = 0 }, Tasks = new Dictionary<string, decimal> { ["cleaning"] = 2, ["filing"] = 4 } }],
            },
        };
        var result = Balancer.Rotate(workplace, periods: 2, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["ana", "bo", "cy"], result.Periods[0].Jobs.Select(j => j.Worker));
        Assert.Equal(["ana", "bo"], result.Periods[1].Jobs.Select(j => j.Worker));
        Assert.Equal(8m, result.Workers.Single(w => w.Worker == "cy").Hours);
        Assert.Equal(16m, result.Workers.Single(w => w.Worker == "ana").Hours);
        Assert.All(result.Periods, plan => Assert.Empty(plan.Violations));
    }

    [Fact]
    public void Rolling_windows_plan_every_period_under_the_rules_across_windows_and_prove_nothing()
    {
        var workplace = Committee() with
        {
            Rotation = new RotationRules
            {
                ServiceLimits = [new ServiceLimit { Tasks = ["planning"], MaxConsecutivePeriods = 1 }],
                MinStayPeriods = 2,
            },
        };
        var options = Solve.Options(seconds: 6);
        options.RotationWindow = 2;
        var result = new Balancer(options).Rotate(workplace, periods: 5, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(5, result.Periods.Count);
        Assert.All(result.Periods, plan => Assert.Empty(plan.Violations));
        Assert.Equal(0m, result.Bound);
        Assert.Equal("none (rolling windows)", result.BoundSource);
        foreach (var worker in workplace.Workers.Select(w => w.Id))
        {
            var holds = result.Periods.Select(plan => Holds(plan.Jobs.Single(j => j.Worker == worker), "planning")).ToArray();
            Assert.DoesNotContain(Enumerable.Range(1, holds.Length - 1), p => holds[p - 1] && holds[p]);
        }
    }

    [Fact]
    public void A_period_whose_hours_do_not_add_up_is_invalid_input()
    {
        var workplace = Committee() with
        {
            Rotation = new RotationRules { Periods = [new PeriodChange { Tasks = new Dictionary<string, decimal> { ["cleaning"] = 2 } }] },
        };

        var problem = Assert.Single(workplace.Validate());
        Assert.Equal("rotation.periods[0]", problem.Path);
        Assert.Equal("in period 1 the tasks need 18 h but the workers have 24 h: 6 h fewer than the workers have", problem.Message);
    }

    private static bool Holds(JobComplex job, string task) => job.Tasks.Any(t => t.Task == task);

    /// <summary>Three workers, three tasks, small hours: every period's plans can be enumerated.</summary>
    internal static Workplace TinyWorkplace(Random random)
    {
        var hours = new[] { 2 + random.Next(3), 2 + random.Next(3), 2 + random.Next(3) };
        var split = new[] { 1, 1, 1 };
        foreach (var _ in Enumerable.Range(0, hours.Sum() - 3))
        {
            split[random.Next(3)]++;
        }

        return new Workplace
        {
            Id = "tiny",
            Tasks = [.. Enumerable.Range(0, 3).Select(t => new WorkTask
            {
                Id = $"t{t}", Hours = split[t], Empowerment = 1 + random.Next(10), Desirability = 1 + random.Next(10),
            })],
            Workers = [.. hours.Select((h, w) => new Worker { Id = $"w{w}", Hours = h })],
            Rules = new WorkplaceRules { MaxTasksPerWorker = 2 },
        };
    }

    /// <summary>
    /// Tiny regions of two tiny workplaces: in turn, their workers free to take up to half their hours at the other, or
    /// whole workers moving, at most one.
    /// </summary>
    internal static IEnumerable<BalancingProblem> TinyRegions(Random random, int count) =>
        Enumerable.Range(0, count).Select(i => BalancingProblem.Compile(new BalancingSpec
        {
            Sites = [[TinyWorkplace(random)], [TinyWorkplace(random) with { Id = "other" }]],
            Mixing = i % 2 == 0 ? new SiteMixing([0, 0], MaxSecondaryShare: 0.5m) : new SiteMixing([0, 0], WholeWorkers: true, MaxMovedWorkers: 1),
        }));

    /// <summary>
    /// Tiny workplaces over two periods (a second period changed), balanced dynamically and statically in turn, each with
    /// a first plan that keeps the rules; those without one are skipped.
    /// </summary>
    internal static IEnumerable<(int Instance, BalancingProblem Problem, int[] Start)> TinyHorizonsWithAPlan(int seed, int count)
    {
        var random = new Random(seed);
        for (var instance = 0; instance < count; instance++)
        {
            var workplace = WithSecondPeriodChanged(TinyWorkplace(random), random);
            var balance = instance % 2 == 0 ? HorizonBalance.Dynamic : HorizonBalance.Static;
            var problem = BalancingProblem.Compile(Balancer.HorizonSpec(workplace, Horizon.Snapshots(workplace, 2), balance));
            var rules = CpSatModel.BuildRulesOnly(problem);
            if (CpSatRun.Solve(rules, null, TimeSpan.FromSeconds(2), 1, 1, TestContext.Current.CancellationToken, stopAtFirst: true).Plan is { } start)
            {
                yield return (instance, problem, start);
            }
        }
    }

    /// <summary>The same workplace in a second period, with an hour moved from one task to another.</summary>
    private static Workplace WithSecondPeriodChanged(Workplace workplace, Random random)
    {
        var from = workplace.Tasks.Where(t => t.Hours >= 2).ToArray()[random.Next(workplace.Tasks.Count(t => t.Hours >= 2))];
        var to = workplace.Tasks.Where(t => t != from).ToArray()[random.Next(workplace.Tasks.Count - 1)];
        var change = new PeriodChange { Tasks = new Dictionary<string, decimal> { [from.Id] = from.Hours - 1, [to.Id] = to.Hours + 1 } };
        return workplace with { Rotation = new RotationRules { Periods = [new PeriodChange(), change] } };
    }

    private static Workplace Committee() => new()
    {
        Id = "support",
        Skills = [new Skill { Id = "surgery", TrainingHours = 4 }],
        Tasks =
        [
            new WorkTask { Id = "planning", Hours = 4, Empowerment = 9, Desirability = 7 },
            new WorkTask { Id = "surgery", Hours = 6, Empowerment = 8, Desirability = 6, Skill = "surgery", MinChunk = 2 },
            new WorkTask { Id = "cleaning", Hours = 8, Empowerment = 2, Desirability = 2 },
            new WorkTask { Id = "filing", Hours = 6, Empowerment = 4, Desirability = 5 },
        ],
        Workers =
        [
            new Worker { Id = "ana", Hours = 8, Skills = ["surgery"] },
            new Worker { Id = "bo", Hours = 8 },
            new Worker { Id = "cy", Hours = 8, Skills = ["surgery"] },
        ],
        Rules = new WorkplaceRules { MaxTasksPerWorker = 3, AllowTraining = true },
    };

    /// <summary>The least horizon objective over every combination of the periods' plans.</summary>
    private static Rational HorizonOptimum(IReadOnlyList<Workplace> periods)
    {
        var plans = periods.Select(BruteForce.AllPlans).ToArray();
        var best = (Rational?)null;
        foreach (var first in plans[0])
        {
            foreach (var second in plans[1])
            {
                var objective = HorizonObjective(periods, [first, second]);
                best = best is { } b && b <= objective ? b : objective;
            }
        }

        return best ?? throw new InvalidOperationException("no plan");
    }

    /// <summary>
    /// DESIGN.md's objective over the horizon: each worker's hours-weighted scores over all periods against the averages
    /// of all periods' task hours (weights 1 and 1).
    /// </summary>
    private static Rational HorizonObjective(IReadOnlyList<Workplace> periods, decimal[][,] hours)
    {
        Rational[] total = [Rational.Zero, Rational.Zero];
        var allHours = Rational.Zero;
        var workerHours = new Dictionary<string, Rational>();
        var workerScore = new Dictionary<string, Rational[]>();
        for (var p = 0; p < periods.Count; p++)
        {
            var workplace = periods[p];
            foreach (var task in workplace.Tasks)
            {
                allHours += task.Hours;
                total[0] += (Rational)task.Empowerment * task.Hours;
                total[1] += (Rational)task.Desirability * task.Hours;
            }

            for (var w = 0; w < workplace.Workers.Count; w++)
            {
                var id = workplace.Workers[w].Id;
                workerHours[id] = workerHours.GetValueOrDefault(id, Rational.Zero) + workplace.Workers[w].Hours;
                var score = workerScore.TryGetValue(id, out var s) ? s : workerScore[id] = [Rational.Zero, Rational.Zero];
                for (var t = 0; t < workplace.Tasks.Count; t++)
                {
                    score[0] += (Rational)workplace.Tasks[t].Empowerment * hours[p][w, t];
                    score[1] += (Rational)workplace.Tasks[t].Desirability * hours[p][w, t];
                }
            }
        }

        Rational[] max = [Rational.Zero, Rational.Zero];
        foreach (var (id, h) in workerHours)
        {
            for (var k = 0; k < 2; k++)
            {
                max[k] = Rational.Max(max[k], Rational.Abs((workerScore[id][k] / h) - (total[k] / allHours)));
            }
        }

        return max[0] + max[1];
    }
}
