using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;
using JobBalancing.Tests.Oracle;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// The contract of DESIGN.md, stated once for every generated small workplace (2–6 workers, 2–6 tasks, random rules).
/// Every plan the balancer returns is checked against the seven rules and re-scored by the tests' own code
/// (<see cref="Contract"/>), not by the library's <c>PlanEvaluator</c>. Workplaces without a plan are part of the
/// sample; each property says what must hold for them too. Each property reports how its cases ended
/// (Optimal, Feasible, Infeasible, Unknown) in FsCheck's output.
/// </summary>
[Properties(Arbitrary = [typeof(SmallWorkplaces)])]
public sealed class BalancerProperties
{
    [Property(MaxTest = 150)]
    public Property Balance_PlanFound_CoversEveryTaskAndFillsEveryWorkerExactly(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var result = Solve.Balance(workplace);
        return Prop.Collect(() => AssertKeeps(workplace, result, "coverage", "capacity", "hour unit"), result.Status);
    }

    [Property(MaxTest = 150)]
    public Property Balance_PlanFound_KeepsChunkServiceLimitFragmentationSkillFixedAndExcludedRules(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var result = Solve.Balance(workplace);
        return Prop.Collect(
            () => AssertKeeps(workplace, result, "minimum chunk", "service limit", "fragmentation", "qualification", "fixed", "excluded"),
            result.Status);
    }

    [Property(MaxTest = 150)]
    public Property Balance_PlanFound_ReportsScoresAndCostsRecomputedFromItsHours(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var result = Solve.Balance(workplace);
        return Prop.Collect(() => AssertScoresAreRecomputable(workplace, result), result.Status);
    }

    [Property(MaxTest = 150)]
    public Property Balance_AnyWorkplace_BoundNeverAboveObjective_AndOptimalObjectiveEqualsBound(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var result = Solve.Balance(workplace);
        return Prop.Collect(
            () =>
            {
                var why = Solve.Describe(workplace, result);
                Assert.True(result.Bound >= 0, "negative bound" + why);
                if (result.Plan is not { } plan)
                {
                    Assert.True(result.Status is SolveStatus.Infeasible or SolveStatus.Unknown, "no plan, yet status " + result.Status + why);
                    Assert.False(string.IsNullOrWhiteSpace(result.Explanation), "no plan and no explanation" + why);
                    return;
                }

                Assert.True(result.Status is SolveStatus.Optimal or SolveStatus.Feasible, "a plan, yet status " + result.Status + why);
                Assert.True(result.Bound <= plan.Objective, $"bound {result.Bound} is above the objective {plan.Objective}" + why);
                if (result.Status == SolveStatus.Optimal)
                {
                    // First whether they are far apart (a wrong proof), then whether they differ at all: an Optimal
                    // result's Gap must read 0, not 0.0000000000000000000000000007.
                    Assert.True(Math.Abs(plan.Objective - result.Bound) < 1e-20m, $"Optimal, but the bound {result.Bound} is far from the objective {plan.Objective}" + why);
                    Assert.True(result.Bound == plan.Objective, $"Optimal, but the bound {result.Bound} differs from the objective {plan.Objective} in the last decimals" + why);
                    Assert.Equal(0m, result.Gap);
                }
            },
            result.Status);
    }

    [Property(MaxTest = 60)]
    public Property Balance_WorkersAndTasksInAnotherOrder_ReachesTheSameObjective(GeneratedWorkplace generated, int seed)
    {
        var workplace = generated.Value;
        var random = new Random(seed);
        var reordered = workplace with
        {
            Workers = [.. workplace.Workers.OrderBy(_ => random.Next())],
            Tasks = [.. workplace.Tasks.OrderBy(_ => random.Next())],
        };
        var result = Solve.Balance(workplace);
        var other = Solve.Balance(reordered);
        return Prop.Collect(
            () =>
            {
                var why = Solve.Describe(workplace, result) + Environment.NewLine + "reordered:" + Solve.Describe(reordered, other);

                // Infeasible is a proof, so it cannot depend on the order.
                var contradiction = (result.Status == SolveStatus.Infeasible && other.Plan is not null)
                    || (other.Status == SolveStatus.Infeasible && result.Plan is not null);
                Assert.False(contradiction, $"{result.Status} in one order, {other.Status} in the other" + why);
                if (result.Status == SolveStatus.Optimal && other.Status == SolveStatus.Optimal)
                {
                    var objective = ExactObjective(workplace, result.Plan!);
                    var otherObjective = ExactObjective(reordered, other.Plan!);
                    Assert.True(objective == otherObjective, $"optimal objectives differ: {objective} and {otherObjective}" + why);
                }
            },
            (result.Status, other.Status));
    }

    internal static Rational ExactObjective(Workplace workplace, Plan plan) =>
        Contract.Score(workplace, Contract.HoursOf(workplace, plan, [])).Objective;

    /// <summary>The name of every rule of a single workplace, as <see cref="Contract.BrokenRules"/> gives them.</summary>
    internal static readonly string[] EveryRule =
        ["coverage", "capacity", "hour unit", "minimum chunk", "service limit", "fragmentation", "qualification", "fixed", "excluded"];

    /// <summary>Asserts that a returned plan keeps <paramref name="rules"/> (as <see cref="Contract.BrokenRules"/> names them).</summary>
    internal static void AssertKeeps(Workplace workplace, BalancingResult result, params string[] rules)
    {
        if (result.Plan is not { } plan)
        {
            return;
        }

        var problems = new List<string>();
        var x = Contract.HoursOf(workplace, plan, problems);
        problems.AddRange(Contract.BrokenRules(workplace, x).Where(broken => rules.Any(rule => broken.StartsWith(rule + ":", StringComparison.Ordinal))));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Solve.Describe(workplace, result));
    }

    /// <summary>Asserts that every score and cost the result reports equals the one recomputed exactly from its hours.</summary>
    internal static void AssertScoresAreRecomputable(Workplace workplace, BalancingResult result)
    {
        if (result.Plan is not { } plan)
        {
            return;
        }

        var problems = new List<string>();
        var exact = Contract.Score(workplace, Contract.HoursOf(workplace, plan, problems));
        void Close(string what, decimal reported, Rational expected)
        {
            if (!expected.IsCloseTo(reported))
            {
                problems.Add($"{what}: reported {reported}, recomputed {expected}");
            }
        }

        void Same<T>(string what, T reported, T expected)
        {
            if (!EqualityComparer<T>.Default.Equals(reported, expected))
            {
                problems.Add($"{what}: reported {reported}, recomputed {expected}");
            }
        }

        foreach (var (job, expected) in plan.Jobs.Zip(exact.Jobs))
        {
            Same($"{job.Worker} hours", job.Hours, workplace.Workers.First(w => w.Id == job.Worker).Hours);
            Close($"{job.Worker} empowerment", job.Empowerment, expected.Empowerment);
            Close($"{job.Worker} desirability", job.Desirability, expected.Desirability);
            Close($"{job.Worker} empowerment deviation", job.EmpowermentDeviation, expected.EmpowermentDeviation);
            Close($"{job.Worker} desirability deviation", job.DesirabilityDeviation, expected.DesirabilityDeviation);
            Same($"{job.Worker} new skills", string.Join(",", job.NewSkills.Order(StringComparer.Ordinal)), string.Join(",", expected.NewSkills.Order(StringComparer.Ordinal)));
            Same($"{job.Worker} training hours", job.TrainingHours, expected.TrainingHours);
            Same($"{job.Worker} reassigned hours", job.ReassignedHours, expected.ReassignedHours);
        }

        Close("empowerment average", plan.EmpowermentAverage, exact.EmpowermentAverage);
        Close("desirability average", plan.DesirabilityAverage, exact.DesirabilityAverage);
        Close("empowerment max deviation", plan.EmpowermentMaxDeviation, exact.EmpowermentMaxDeviation);
        Close("desirability max deviation", plan.DesirabilityMaxDeviation, exact.DesirabilityMaxDeviation);
        Close("objective", plan.Objective, exact.Objective);
        Same("training hours", plan.Costs.TrainingHours, exact.TrainingHours);
        Same("reassigned hours", plan.Costs.ReassignedHours, exact.ReassignedHours);
        Same("fragments", plan.Costs.Fragments, exact.Fragments);
        Same("violations", string.Join("; ", plan.Violations), "");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems) + Solve.Describe(workplace, result));
    }
}
