using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Benchmarks.Peers;
using JobBalancing.Domain;
using JobBalancing.Tests.Generators;
using JobBalancing.Tests.Oracle;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>
/// The benchmark's peers against the test project's own oracles, which know nothing of them: <see cref="BruteForce"/>
/// for the optimum of tiny workplaces and <see cref="Contract"/> for the seven rules. A peer that broke the contract
/// would make every comparison in benchmarks/RESULTS.md meaningless.
/// </summary>
public sealed class PeerTests
{
    /// <summary>OR-Tools' default relative MIP gap, which SCIP stops at: its "optimal" plan may be this much worse.</summary>
    private static readonly Rational MipGap = Rational.Of(1, 10_000);

    [Property(MaxTest = 150, Replay = "(3019,7013)", Arbitrary = [typeof(TinyWorkplaces)])]
    public Property Mip_TinyWorkplace_FindsTheBruteForceOptimum_OrNoPlanWhenNoneExists(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var oracle = BruteForce.Solve(workplace);
        var run = MipPeer.Solve(workplace, TimeSpan.FromSeconds(10));
        return Prop.Collect(
            () =>
            {
                var why = $"{Environment.NewLine}MIP: {run.Status}, objective {run.ModelObjective}, bound {run.Bound}; brute force: {oracle.PlanCount} plans, best {oracle.Best}";
                if (oracle.Best is not { } best)
                {
                    Assert.True(run.Hours is null && run.Status == "INFEASIBLE", "no plan exists, yet the MIP says otherwise" + why);
                    return;
                }

                Assert.True(run.IsOptimal, "a workplace this small should be solved to optimality" + why);
                var plan = MipPeer.Evaluate(workplace, run)!;
                AssertKeepsEveryRule(workplace, plan, why);
                var objective = BalancerProperties.ExactObjective(workplace, plan);
                Assert.True(objective <= best.Objective + (MipGap * Rational.Max(1, best.Objective)), $"objective {objective}, but the optimum is {best.Objective}" + why);
                Assert.True(Rational.Of(run.Bound) <= best.Objective, $"the MIP's bound {run.Bound} is above the optimum {best.Objective}" + why);
            },
            oracle.Best is null ? "no plan exists" : "plans exist");
    }

    [Property(MaxTest = 200, Replay = "(4093,5003)", Arbitrary = [typeof(SmallWorkplaces)])]
    public Property Greedy_SmallWorkplace_ReturnsAPlanThatKeepsEveryRule_OrNoneOnlyWhenItsFallbackBreaksOne(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var result = GreedyPeer.Solve(workplace, TimeSpan.FromSeconds(5));
        return Prop.Collect(
            () =>
            {
                var why = $"{Environment.NewLine}greedy: {result.Outcome}, {result.Trades} trades";
                if (result.Plan is not { } plan)
                {
                    Assert.True(result.Outcome == GreedyOutcome.None, "no plan, yet the outcome is " + result.Outcome + why);
                    Assert.True(Contract.BrokenRules(workplace, CurrentHours(workplace)).Count > 0, "no plan, though the current assignment keeps every rule" + why);
                    return;
                }

                AssertKeepsEveryRule(workplace, plan, why);
                Assert.True(BalancerProperties.ExactObjective(workplace, plan).IsCloseTo(plan.Objective), "the plan's objective is not its recomputed one" + why);
            },
            result.Outcome);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("40x16")]
    [InlineData("M")]
    public void Greedy_BenchmarkWorkplace_KeepsEveryRuleAndBalancesBetterThanTheCurrentAssignment(string size)
    {
        var workplace = JobBalancing.Benchmarks.WorkplaceGenerator.Generate(JobBalancing.Benchmarks.InstanceSize.Parse(size), seed: 1);
        var result = GreedyPeer.Solve(workplace, TimeSpan.FromSeconds(10));

        Assert.NotNull(result.Plan);
        AssertKeepsEveryRule(workplace, result.Plan, $" ({result.Outcome})");
        Assert.True(result.Trades > 0, "no trade improved the starting plan");
        var current = BalancerProperties.ExactObjective(workplace, Analysis.PlanEvaluator.EvaluateCurrent(workplace));
        Assert.True(BalancerProperties.ExactObjective(workplace, result.Plan) < current, $"{result.Plan.Objective} is no better than the current {current}");
    }

    private static void AssertKeepsEveryRule(Workplace workplace, Plan plan, string why)
    {
        var problems = new List<string>();
        var x = Contract.HoursOf(workplace, plan, problems);
        problems.AddRange(Contract.BrokenRules(workplace, x));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + why);
    }

    private static decimal[,] CurrentHours(Workplace workplace)
    {
        var x = new decimal[workplace.Workers.Count, workplace.Tasks.Count];
        for (var w = 0; w < workplace.Workers.Count; w++)
        {
            for (var t = 0; t < workplace.Tasks.Count; t++)
            {
                x[w, t] = workplace.Workers[w].Current.GetValueOrDefault(workplace.Tasks[t].Id);
            }
        }

        return x;
    }
}
