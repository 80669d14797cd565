using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Solving;
using JobBalancing.Tests.Generators;
using JobBalancing.Tests.Oracle;

namespace JobBalancing.Tests.Solving;

/// <summary>
/// What holds for both search methods and for the progress a solve reports, on every generated small workplace.
/// </summary>
[Properties(Arbitrary = [typeof(SmallWorkplaces)])]
public sealed class SearchMethodProperties
{
    [Property(MaxTest = 60)]
    public Property Relaxation_PlanFound_KeepsEveryRuleAndItsBoundIsNotAboveTheExactOptimum(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var options = Solve.Options(seconds: 2);
        options.Method = SolveMethod.Relaxation;
        var relaxed = new Balancer(options).Balance(workplace, cancellationToken: TestContext.Current.CancellationToken);
        var exact = Solve.Balance(workplace);

        BalancerProperties.AssertKeeps(workplace, relaxed, BalancerProperties.EveryRule);
        Assert.Equal(exact.Status == SolveStatus.Infeasible, relaxed.Status == SolveStatus.Infeasible);
        if (relaxed.Plan is { } plan)
        {
            Assert.True(relaxed.Bound <= plan.Objective, Solve.Describe(workplace, relaxed));
            Assert.True(exact.Status != SolveStatus.Optimal || relaxed.Bound <= exact.Plan!.Objective,
                $"the relaxation's bound {relaxed.Bound} is above the proven optimum {exact.Plan?.Objective}" + Solve.Describe(workplace, relaxed));
        }

        return Prop.Collect(true, relaxed.Status);
    }

    [Property(MaxTest = 60)]
    public Property Progress_DuringASolve_BoundsNeverFallAndNeverPassTheFinalObjective(GeneratedWorkplace generated)
    {
        var workplace = generated.Value;
        var reports = new List<SolveProgress>();
        var result = new Balancer(Solve.Options()).Balance(
            workplace, new SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        for (var i = 1; i < reports.Count; i++)
        {
            Assert.True(reports[i].Bound >= reports[i - 1].Bound, $"the bound fell from {reports[i - 1].Bound} to {reports[i].Bound}");
        }

        if (result.Plan is { } plan)
        {
            Assert.All(reports, r => Assert.True(r.Bound <= plan.Objective, $"a bound of {r.Bound} was reported; the plan scores {plan.Objective}"));
            Assert.All(reports.Where(r => r.Objective is not null), r => Assert.True(r.Objective >= plan.Objective,
                $"a plan scoring {r.Objective} was reported, but the result scores {plan.Objective}"));
        }

        return Prop.Collect(true, result.Status);
    }

    /// <summary>Records reports on the thread that makes them, unlike <see cref="Progress{T}"/>, which posts them later.</summary>
    private sealed class SynchronousProgress(Action<SolveProgress> report) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => report(value);
    }
}
