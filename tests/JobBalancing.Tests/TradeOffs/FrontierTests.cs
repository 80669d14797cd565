using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.TradeOffs;

/// <summary>
/// Frontiers: their points are sorted and mutually non-dominated, their ends are the plain solves they stand for, and on
/// tiny workplaces every point of the cost frontier is Pareto-optimal among all plans the brute force enumerates.
/// </summary>
[Properties(Arbitrary = [typeof(TinyWorkplaces)])]
public sealed class FrontierTests
{
    /// <summary>Planning is empowering and pleasant, cleaning neither.</summary>
    private static readonly WorkTask Planning = new() { Id = "plan", Hours = 8, Empowerment = 9, Desirability = 7 };

    private static readonly WorkTask Cleaning = new() { Id = "clean", Hours = 8, Empowerment = 1, Desirability = 2 };

    /// <summary>
    /// Ana plans, Ben cleans: objective (9 − 5) + (7 − 4.5) = 6.5 now; moving h hours of each to the other brings each
    /// job's scores h/8 of the way to the average, so the objective is 6.5·(1 − h/4) for h ≤ 4 at a cost of 2h reassigned
    /// hours, down to 0 at h = 4 (each does half of each task) for 8 reassigned hours.
    /// </summary>
    private static readonly Workplace PlannerAndCleaner = new()
    {
        Id = "pair",
        Tasks = [Planning, Cleaning],
        Workers =
        [
            new Worker { Id = "ana", Hours = 8, Current = new Dictionary<string, decimal> { ["plan"] = 8 } },
            new Worker { Id = "ben", Hours = 8, Current = new Dictionary<string, decimal> { ["clean"] = 8 } },
        ],
    };

    private static FrontierOptions Options(int points = 5) => new() { Balancer = Solve.Options(5), Points = points };

    [Fact]
    public void AgainstCost_PlannerAndCleaner_GoesFromTheCurrentJobsAtNoCostToPerfectBalanceAtEightHours()
    {
        var frontier = Frontier.AgainstCost(PlannerAndCleaner, Options(5), cancellationToken: TestContext.Current.CancellationToken);

        // Levels 0, 1.625, 3.25, 4.875, 6.5: the cheapest plan within 6.5·(1 − h/4) moves h = 4, 3, 2, 1, 0 hours each way.
        Assert.Equal([0m, 2m, 4m, 6m, 8m], frontier.Points.Select(p => p.Value));
        Assert.Equal([6.5m, 4.875m, 3.25m, 1.625m, 0m], frontier.Points.Select(p => p.Objective));
        Assert.Empty(frontier.Gaps);
    }

    [Fact]
    public void AgainstCost_Ends_AreThePlainSolveAndTheCheapestPlanWithinTheCurrentJobsBalance()
    {
        var workplace = WithSkillsAndTraining();
        var frontier = Frontier.AgainstCost(workplace, Options(4), cancellationToken: TestContext.Current.CancellationToken);

        var plain = Solve.Balance(workplace, 5);
        var best = frontier.Points[^1];
        Assert.Equal(plain.Plan!.Objective, best.Objective);
        Assert.Equal(plain.Plan.Costs, new PlanCosts(best.TrainingHours, best.ReassignedHours, best.Fragments));
        Assert.Null(best.Level);

        // The current jobs keep every rule and are the one plan that costs nothing: the cheapest end.
        var current = PlanEvaluator.EvaluateCurrent(workplace);
        Assert.Empty(current.Violations);
        var cheapest = frontier.Points[0];
        Assert.InRange(cheapest.Level!.Value, current.Objective, current.Objective + 0.0001m);
        Assert.Equal(0, cheapest.Cost);
        Assert.Equal(current.Objective, cheapest.Objective);

        // The balancer asked for the cheapest plan within the current balance finds no other.
        var options = Solve.Options(5);
        options.MaxObjective = cheapest.Level;
        var solved = new Balancer(options).Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new PlanCosts(0, 0, current.Costs.Fragments), solved.Plan!.Costs);
    }

    [Fact]
    public void AgainstCost_TrainingHourWeight_CountsTrainingInTheCost()
    {
        var workplace = WithSkillsAndTraining();
        var options = Options(3);
        options.TrainingHourWeight = 2;

        var frontier = Frontier.AgainstCost(workplace, options, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(frontier.Points, p => p.TrainingHours > 0);
        Assert.All(frontier.Points, p => Assert.Equal((2 * p.TrainingHours) + p.ReassignedHours, p.Cost));
        Assert.All(frontier.Points, p => Assert.Equal(p.Cost, p.Value));
    }

    [Fact]
    public void AgainstFragmentation_PlannerAndCleaner_OneTaskEachIsTheCurrentBalanceAndTwoIsPerfect()
    {
        var frontier = Frontier.AgainstFragmentation(PlannerAndCleaner, Options(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1m, 2m], frontier.Points.Select(p => p.Value));
        Assert.Equal([6.5m, 0m], frontier.Points.Select(p => p.Objective));
    }

    [Fact]
    public void AgainstFragmentation_AnInfeasibleK_IsAGapWithItsReason()
    {
        // Ana is fixed to both tasks, so she needs K ≥ 2.
        var workplace = PlannerAndCleaner with
        {
            Workers =
            [
                PlannerAndCleaner.Workers[0] with { Fixed = new Dictionary<string, decimal> { ["plan"] = 4, ["clean"] = 2 } },
                PlannerAndCleaner.Workers[1],
            ],
        };

        var frontier = Frontier.AgainstFragmentation(workplace, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var gap = Assert.Single(frontier.Gaps);
        Assert.Equal(1, gap.Value);
        Assert.Equal(SolveStatus.Infeasible, gap.Status);
        Assert.False(string.IsNullOrWhiteSpace(gap.Explanation));
        Assert.Equal(2, Assert.Single(frontier.Points).Value);
    }

    [Fact]
    public void AgainstFragmentation_LastK_IsThePlainSolveWithoutALimit()
    {
        var workplace = WithSkillsAndTraining() with { Rules = new WorkplaceRules { MaxTasksPerWorker = 1, AllowTraining = true } };

        var frontier = Frontier.AgainstFragmentation(workplace, Options(), cancellationToken: TestContext.Current.CancellationToken);

        var unlimited = Solve.Balance(workplace with { Rules = workplace.Rules with { MaxTasksPerWorker = null } }, 5);
        Assert.Equal(unlimited.Plan!.Objective, frontier.Points[^1].Objective);
        AssertSortedAndNonDominated(frontier);
    }

    [Fact]
    public void AgainstHorizon_OnePeriod_IsThePlainSolve_AndLongerHorizonsBalanceNoWorse()
    {
        var frontier = Frontier.AgainstHorizon(WithSkillsAndTraining(), Options(3), cancellationToken: TestContext.Current.CancellationToken);

        var plain = Solve.Balance(WithSkillsAndTraining(), 5);
        Assert.Equal(1, frontier.Points[0].Value);
        Assert.Equal(plain.Plan!.Objective, frontier.Points[0].Objective);
        AssertSortedAndNonDominated(frontier);
        Assert.Equal(3, frontier.Points.Count + frontier.Dominated.Count + frontier.Gaps.Count);
    }

    [Fact]
    public void Trace_ReportsProgressAfterEverySolve_AndStopsWhenCancelled()
    {
        var reports = new List<TradeOffProgress>();
        var progress = new SynchronousProgress<TradeOffProgress>(reports.Add);

        Frontier.Trace(PlannerAndCleaner, FrontierAxis.Cost, Options(3), progress, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], reports.Select(r => r.Completed));
        Assert.All(reports, r => Assert.Equal(3, r.Total));

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var none = Frontier.Trace(PlannerAndCleaner, FrontierAxis.Fragmentation, Options(), cancellationToken: cancelled.Token);
        Assert.True(none.Cancelled);
        Assert.Empty(none.Points);
    }

    [Fact]
    public void NonDominated_KeepsOnlyPointsNoOtherBeats_SortedByValue()
    {
        FrontierPoint P(decimal value, decimal objective) => new()
        {
            Value = value, Objective = objective, Bound = 0, Status = SolveStatus.Feasible, TrainingHours = 0, ReassignedHours = value, Fragments = 0, Cost = value,
        };

        var kept = Frontier.NonDominated([P(5, 1), P(0, 6), P(3, 3), P(4, 3), P(3, 3), P(2, 7), P(6, 1)]);

        Assert.Equal([(0m, 6m), (3m, 3m), (5m, 1m)], kept.Select(p => (p.Value, p.Objective)));
    }

    [Fact]
    public void Options_Invalid_ListsEveryProblem()
    {
        var options = new FrontierOptions { Points = 1, TrainingHourWeight = -1 };
        options.Balancer.Threads = -1;

        var error = Assert.Throws<ArgumentException>(() => Frontier.AgainstCost(PlannerAndCleaner, options, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Points: 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("TrainingHourWeight: -1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Balancer.Threads: -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgainstHorizon_MoreThanTenLengths_ThrowsSayingHowManyPeriodsThatWouldBe()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Frontier.AgainstHorizon(PlannerAndCleaner, Options(11), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Points: 11 would plan 1024 periods", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Every point of a cost frontier is Pareto-optimal among all plans: no plan balances at least as well for less
    /// (training first, then reassignment, as the balancer orders cost).
    /// </summary>
    [Property(MaxTest = 25, Replay = "(4051,60217)")]
    public Property AgainstCost_TinyWorkplace_EveryPointIsSortedNonDominatedAndParetoOptimalAmongAllPlans(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var plans = BruteForce.AllPlans(workplace).Select(plan => Contract.Score(workplace, plan)).ToList();
        if (plans.Count == 0)
        {
            return Prop.Collect(() => { }, "no plan exists");
        }

        var frontier = Frontier.AgainstCost(workplace, Options(4), cancellationToken: TestContext.Current.CancellationToken);
        return Prop.Collect(
            () =>
            {
                AssertSortedAndNonDominated(frontier);
                Assert.NotEmpty(frontier.Points);
                foreach (var point in frontier.Points)
                {
                    var cheaper = plans.FirstOrDefault(q =>
                        q.Objective <= Rational.Of(point.Objective) + Rational.Of(1, 1_000_000_000_000)
                        && (q.TrainingHours, q.ReassignedHours).CompareTo((point.TrainingHours, point.ReassignedHours)) < 0);
                    Assert.True(cheaper is null, $"point {point} is beaten by a plan of objective {cheaper?.Objective}, {cheaper?.TrainingHours} h training, {cheaper?.ReassignedHours} h reassigned\n{WorkplaceText.ToCSharp(workplace)}");
                }
            },
            frontier.Points.Count == 1 ? "one point" : "several points");
    }

    private static void AssertSortedAndNonDominated(FrontierResult frontier)
    {
        foreach (var (a, b) in frontier.Points.Zip(frontier.Points.Skip(1)))
        {
            Assert.True(a.Value < b.Value && a.Objective > b.Objective, $"not sorted: {a} then {b}");
        }

        foreach (var a in frontier.Points)
        {
            Assert.DoesNotContain(frontier.Points, b => b.Dominates(a));
        }

        foreach (var dropped in frontier.Dominated)
        {
            Assert.Contains(frontier.Points, p => p.Dominates(dropped) || (p.Value == dropped.Value && p.Objective == dropped.Objective));
        }
    }

    /// <summary>
    /// Three workers, three tasks; only Ana may do surgery, and training is allowed: so balancing trades training hours
    /// against reassigned hours and balance.
    /// </summary>
    private static Workplace WithSkillsAndTraining() => new()
    {
        Id = "clinic",
        Skills = [new Skill { Id = "surgery", TrainingHours = 6 }],
        Tasks =
        [
            new WorkTask { Id = "surgery", Hours = 8, Empowerment = 9, Desirability = 6, Skill = "surgery", MinChunk = 2 },
            new WorkTask { Id = "rounds", Hours = 8, Empowerment = 5, Desirability = 5 },
            new WorkTask { Id = "cleaning", Hours = 8, Empowerment = 1, Desirability = 2 },
        ],
        Workers =
        [
            new Worker { Id = "ana", Hours = 8, Skills = ["surgery"], Current = new Dictionary<string, decimal> { ["surgery"] = 8 } },
            new Worker { Id = "ben", Hours = 8, Current = new Dictionary<string, decimal> { ["rounds"] = 8 } },
            new Worker { Id = "cy", Hours = 8, Current = new Dictionary<string, decimal> { ["cleaning"] = 8 } },
        ],
        Rules = new WorkplaceRules { AllowTraining = true },
    };

    /// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, so that a test sees every report before it asserts.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
