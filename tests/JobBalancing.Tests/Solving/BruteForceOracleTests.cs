using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;
using JobBalancing.Tests.Oracle;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// The balancer against an independent oracle: on tiny workplaces (up to 3 workers and 4 tasks, jobs of at most
/// 6 hour units) <see cref="BruteForce"/> enumerates every plan that keeps the seven rules and finds the optimum
/// exactly, in fractions. The cases are drawn from fixed seeds (<c>Replay</c>), so a failure repeats run after run.
/// </summary>
[Properties(Arbitrary = [typeof(TinyWorkplaces)])]
public sealed class BruteForceOracleTests
{
    /// <summary>Long enough for CP-SAT to prove optimality of a dozen small integer variables many times over.</summary>
    private const double TimeLimitSeconds = 5;

    [Property(MaxTest = 400, Replay = "(1021,30803)")]
    public Property Balance_TinyWorkplace_IsOptimalWithTheBruteForceObjective_OrInfeasibleWhenNoPlanExists(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var oracle = BruteForce.Solve(workplace);
        var result = Solve.Balance(workplace, TimeLimitSeconds);
        return Prop.Collect(
            () =>
            {
                var why = Solve.Describe(workplace, result) + Environment.NewLine + $"brute force: {oracle.PlanCount} plans, best {oracle.Best}";
                if (oracle.Best is not { } best)
                {
                    Assert.True(result.Status == SolveStatus.Infeasible, "no plan exists, yet the balancer says " + result.Status + why);
                    return;
                }

                AssertOracleIsSelfConsistent(workplace, oracle);
                Assert.True(result.Status == SolveStatus.Optimal, $"{oracle.PlanCount} plans exist; the balancer should prove the optimum of a problem this small" + why);
                BalancerProperties.AssertKeeps(workplace, result, BalancerProperties.EveryRule);
                var objective = BalancerProperties.ExactObjective(workplace, result.Plan!);
                Assert.True(objective == best.Objective, $"objective {objective}, but the optimum is {best.Objective}" + why);
                Assert.True(best.Objective.IsCloseTo(result.Plan!.Objective), $"reported objective {result.Plan!.Objective}, optimum {best.Objective}" + why);
                Assert.True(best.Objective.IsCloseTo(result.Bound), $"Optimal, but the bound {result.Bound} is not the optimum {best.Objective}" + why);
            },
            oracle.Best is null ? "no plan exists" : "plans exist");
    }

    /// <summary>
    /// The tie-breaks can only be asserted when the balancer proved them, and the API does not say whether it did. But
    /// the search gives each tie-break stage a share of what is left of the time limit and, when CP-SAT does not prove
    /// a stage optimal, keeps improving it until that share is spent; the first tie-break's share ends no earlier than
    /// a third of the time limit, the later ones later still. So a solve that ends before a third of the time limit
    /// proved every stage. A problem of at most 12 (worker, task) pairs with a few hour units each is proven in a
    /// fraction of a second, so the property demands that (with a 10 s limit) rather than skip the cases where it does
    /// not happen: a tiny workplace whose tie-breaks cannot be proven in 3 s is itself a failure worth seeing.
    /// </summary>
    [Property(MaxTest = 300, Replay = "(2039,40111)")]
    public Property Balance_TinyWorkplace_AmongOptimalPlans_ChoosesLeastTrainingThenReassignmentThenFragments(GeneratedWorkplace generated)
    {
        const double Limit = 2 * TimeLimitSeconds;
        var workplace = generated.Value;
        var oracle = BruteForce.Solve(workplace);
        var result = Solve.Balance(workplace, Limit);
        return Prop.Collect(
            () =>
            {
                if (oracle.Best is not { } best)
                {
                    return;
                }

                var why = Solve.Describe(workplace, result) + Environment.NewLine + $"brute force: {oracle.PlanCount} plans, best {best}";
                Assert.True(result.Status == SolveStatus.Optimal, "not proven optimal" + why);
                Assert.True(result.SolveTime.TotalSeconds < Limit / 3, "the tie-breaks of a tiny workplace took over a third of the time limit, so they may not be proven" + why);
                var costs = result.Plan!.Costs;
                Assert.True(BalancerProperties.ExactObjective(workplace, result.Plan) == best.Objective, "not the optimal objective" + why);
                Assert.True(costs.TrainingHours == best.TrainingHours, $"training {costs.TrainingHours} h, but an optimal plan needs only {best.TrainingHours} h" + why);
                Assert.True(costs.ReassignedHours == best.ReassignedHours, $"reassigned {costs.ReassignedHours} h, but an optimal plan with the least training reassigns {best.ReassignedHours} h" + why);
                Assert.True(costs.Fragments == best.Fragments, $"{costs.Fragments} fragments, but {best.Fragments} suffice" + why);
            },
            oracle.Best is null ? "no plan exists" : "plans exist");
    }

    /// <summary>
    /// A level of balance asked for (<see cref="BalancerOptions.MaxObjective"/>), halfway between the optimum and the
    /// worst plan: the balancer's plan is within it and is the cheapest of all plans within it — least training, then
    /// reassignment, then fragments — which the oracle finds among every plan of the workplace.
    /// </summary>
    [Property(MaxTest = 150, Replay = "(3011,50123)")]
    public Property Balance_TinyWorkplace_WithALevelOfBalance_IsTheCheapestPlanWithinIt(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var plans = BruteForce.AllPlans(workplace).Select(plan => Contract.Score(workplace, plan)).ToList();
        if (plans.Count == 0)
        {
            return Prop.Collect(() => { }, "no plan exists");
        }

        var best = plans.Min(p => p.Objective)!;
        var worst = plans.Max(p => p.Objective)!;
        var level = Math.Round(((best + worst) / 2).ToDecimal(), 6, MidpointRounding.ToPositiveInfinity);
        var cheapest = plans.Where(p => p.Objective <= level)
            .OrderBy(p => p.TrainingHours).ThenBy(p => p.ReassignedHours).ThenBy(p => p.Fragments).First();
        var options = Solve.Options(TimeLimitSeconds);
        options.MaxObjective = level;
        var result = new Balancer(options).Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);
        return Prop.Collect(
            () =>
            {
                var why = Solve.Describe(workplace, result) + Environment.NewLine + $"level {level}; cheapest within it {cheapest.TrainingHours} h training, {cheapest.ReassignedHours} h reassigned, {cheapest.Fragments} fragments";
                Assert.True(result.Plan is not null, "no plan" + why);
                Assert.True(BalancerProperties.ExactObjective(workplace, result.Plan) <= level, "the plan is not within the level" + why);
                var costs = result.Plan.Costs;
                Assert.True(
                    (costs.TrainingHours, costs.ReassignedHours, costs.Fragments) == (cheapest.TrainingHours, cheapest.ReassignedHours, cheapest.Fragments),
                    $"costs {costs.TrainingHours} h training, {costs.ReassignedHours} h reassigned, {costs.Fragments} fragments" + why);
            },
            best == worst ? "one level" : "a range of levels");
    }

    private static void AssertOracleIsSelfConsistent(Domain.Workplace workplace, BruteForceResult oracle)
    {
        var broken = Contract.BrokenRules(workplace, oracle.BestPlan!);
        Assert.True(broken.Count == 0, "the brute force's own plan breaks rules: " + string.Join("; ", broken));
        Assert.Equal(oracle.Best!.Objective, Contract.Score(workplace, oracle.BestPlan!).Objective);
    }
}
