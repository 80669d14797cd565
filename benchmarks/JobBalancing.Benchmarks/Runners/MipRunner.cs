using JobBalancing.Benchmarks.Peers;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks.Runners;

/// <summary>
/// Runs the MIP peer. Its wrapper cannot report progress, so the runner samples it: one run stopped at its first plan
/// (to time it), then a run at each of <see cref="SampleBudgets"/> below the budget and one at the budget, each a fresh
/// solve from nothing; a run that proves optimality ends the sampling, as a longer one would return the same.
/// </summary>
internal static class MipRunner
{
    /// <summary>
    /// How far the solver's own objective may stray from the plan's recomputed one before the model is suspect: it computes
    /// in floating point with feasibility tolerances near 1e-6 on rows that are sums of up to 40 hours times ratings.
    /// </summary>
    private const double ModelTolerance = 1e-4;

    /// <summary>The budgets the solver is sampled at, in seconds, below the harness's budget.</summary>
    private static readonly double[] SampleBudgets = [1, 3, 10, 30, 60, 120, 300];

    public static SolverRun Run(Workplace workplace, HarnessOptions options)
    {
        var budgets = SampleBudgets.Select(TimeSpan.FromSeconds).Where(b => b < options.Budget).Append(options.Budget);
        var findings = new List<Finding>();
        var reports = new List<SolveProgress>();
        MemoryUse? memory = null;
        (MipRun Run, Plan? Plan) Sample(TimeSpan budget, bool firstPlan)
        {
            var label = firstPlan ? "stopped at its first plan" : Invariant.Text($"{budget.TotalSeconds:0.###} s run");
            var (run, used) = PeakMemory.Measure(() => MipPeer.Solve(workplace, budget, firstPlan));
            memory = memory is null ? used : MemoryUse.Max(memory, used);
            var plan = MipPeer.Evaluate(workplace, run);
            reports.Add(new SolveProgress(plan?.Objective, run.Bound, run.Elapsed, label));
            if (plan is not null)
            {
                findings.AddRange(SolverChecks.PeerPlanFindings(plan, run.Bound, $"MIP {label}"));
                if ((double)plan.Objective > run.ModelObjective + ModelTolerance)
                {
                    findings.Add(SolverChecks.Contract(
                        $"MIP {label}: the plan's recomputed objective {plan.Objective:0.######} is above the solver's own {run.ModelObjective:0.######}: the MIP model is not the contract"));
                }
            }

            return (run, plan);
        }

        Sample(options.Budget, firstPlan: true);
        (MipRun Run, Plan? Plan)? last = null;
        foreach (var budget in budgets)
        {
            last = Sample(budget, firstPlan: false);
            if (last.Value.Run.IsOptimal)
            {
                break;
            }
        }

        var (final, finalPlan) = last!.Value;

        if (finalPlan is null)
        {
            findings.Add(SolverChecks.Notice($"MIP: no plan within {options.Budget.TotalSeconds:0.###} s ({final.Status})"));
        }

        return new SolverRun(
            SolverKind.Mip, new SolveTimeline([.. reports.OrderBy(r => r.Elapsed)], Sampled: true), finalPlan, final.Bound,
            Invariant.Text($"{MipPeer.SolverId} dual bound"), final.Status, final.IsOptimal ? final.Elapsed : null, final.Elapsed,
            memory!, findings);
    }
}
