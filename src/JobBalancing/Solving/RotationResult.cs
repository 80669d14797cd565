using JobBalancing.Domain;

namespace JobBalancing.Solving;

/// <summary>
/// A plan for every period of a horizon (see <see cref="Balancer.Rotate"/>), with its balance over the horizon and at
/// each point in time, and what the rotation costs. Immutable.
/// </summary>
public sealed record RotationResult
{
    /// <summary>How the solve ended.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>How balance was measured: over the horizon (dynamic) or in every period (static).</summary>
    public required HorizonBalance Balance { get; init; }

    /// <summary>
    /// The plan of each period, in order, each evaluated against that period's workplace: its objective is the period's
    /// point-in-time imbalance. Empty without a plan.
    /// </summary>
    public IReadOnlyList<Plan> Periods { get; init; } = [];

    /// <summary>
    /// The objective that was minimised: <see cref="HorizonObjective"/> for dynamic balance, <see cref="WorstPeriodObjective"/>
    /// for static; <see langword="null"/> without a plan.
    /// </summary>
    public decimal? Objective => Periods.Count == 0 ? null : Balance == HorizonBalance.Dynamic ? HorizonObjective : WorstPeriodObjective;

    /// <summary>A proven lower bound on <see cref="Objective"/>, in rating points.</summary>
    public decimal Bound { get; init; }

    /// <summary>Where <see cref="Bound"/> comes from (see <see cref="BalancingResult.BoundSource"/>).</summary>
    public string BoundSource { get; init; } = "trivial";

    /// <summary>How far the plan can still be from optimal; <see langword="null"/> without a plan.</summary>
    public decimal? Gap => Objective is { } objective ? Math.Max(0, objective - Bound) : null;

    /// <summary>Each worker's scores over the whole horizon.</summary>
    public IReadOnlyList<HorizonScore> Workers { get; init; } = [];

    /// <summary>The horizon's averages <c>Ē</c> and <c>D̄</c>: every task's ratings weighted by its hours in every period.</summary>
    public decimal AverageEmpowerment { get; init; }

    /// <summary>See <see cref="AverageEmpowerment"/>.</summary>
    public decimal AverageDesirability { get; init; }

    /// <summary>The horizon balance <c>wE·max_w |E_w − Ē| + wD·max_w |D_w − D̄|</c> over the horizon's scores.</summary>
    public decimal HorizonObjective { get; init; }

    /// <summary>The worst point-in-time imbalance: <c>wE·max_p Δ_E(p) + wD·max_p Δ_D(p)</c> over the periods' plans.</summary>
    public decimal WorstPeriodObjective { get; init; }

    /// <summary>How often a worker takes up or gives up a task between one period and the next.</summary>
    public int TaskSwitches { get; init; }

    /// <summary>
    /// Hours taken up that a worker did not hold before: in the first period above their current assignment, in each later
    /// period above the period before.
    /// </summary>
    public decimal ReassignedHours { get; init; }

    /// <summary>Training hours over the horizon: each skill a worker newly needs counted once, whenever first needed.</summary>
    public decimal TrainingHours { get; init; }

    /// <summary>The (worker, task) pairs with hours, summed over the periods.</summary>
    public int Fragments { get; init; }

    /// <summary>Why there is no plan, in plain words, when <see cref="Status"/> is Infeasible or Unknown.</summary>
    public string? Explanation { get; init; }

    /// <summary>Wall-clock time the solve took.</summary>
    public TimeSpan SolveTime { get; init; }
}

/// <summary>One worker's scores over a horizon.</summary>
/// <param name="Worker">The worker's identifier.</param>
/// <param name="Hours">Their hours over all periods.</param>
/// <param name="Empowerment">Their empowerment over the horizon: <c>Σ_p Σ_t e_t·x[w,t,p] / Σ_p H_w,p</c>.</param>
/// <param name="Desirability">Their desirability over the horizon, likewise.</param>
public sealed record HorizonScore(string Worker, decimal Hours, decimal Empowerment, decimal Desirability);
