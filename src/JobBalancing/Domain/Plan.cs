namespace JobBalancing.Domain;

/// <summary>Hours of one task in a job complex.</summary>
/// <param name="Task">The task's identifier.</param>
/// <param name="Hours">Hours per period the worker holds of it.</param>
public sealed record TaskHours(string Task, decimal Hours);

/// <summary>One worker's job: the hours they hold of each task, and the job's scores. Immutable.</summary>
public sealed record JobComplex
{
    /// <summary>The worker's identifier.</summary>
    public required string Worker { get; init; }

    /// <summary>The worker's hours per period, <c>H_w</c>.</summary>
    public required decimal Hours { get; init; }

    /// <summary>The tasks the worker holds, in the workplace's task order, with their hours; zero-hour tasks left out.</summary>
    public required IReadOnlyList<TaskHours> Tasks { get; init; }

    /// <summary>The job's empowerment, <c>E_w = Σ_t e_t·x[w,t] / H_w</c>.</summary>
    public required decimal Empowerment { get; init; }

    /// <summary>The job's desirability, <c>D_w = Σ_t d_t·x[w,t] / H_w</c>.</summary>
    public required decimal Desirability { get; init; }

    /// <summary>The job's empowerment less the workplace average, <c>E_w − Ē</c>: positive when above it.</summary>
    public required decimal EmpowermentDeviation { get; init; }

    /// <summary>The job's desirability less the workplace average, <c>D_w − D̄</c>: positive when above it.</summary>
    public required decimal DesirabilityDeviation { get; init; }

    /// <summary>The skills the worker must learn for this job.</summary>
    public required IReadOnlyList<string> NewSkills { get; init; }

    /// <summary>The training hours those skills cost.</summary>
    public required decimal TrainingHours { get; init; }

    /// <summary>
    /// Hours the worker spends on work that was not theirs before: <c>Σ_t max(0, x[w,t] − current[w,t])</c>;
    /// 0 for a worker with no current assignment.
    /// </summary>
    public required decimal ReassignedHours { get; init; }
}

/// <summary>What a plan costs the council.</summary>
/// <param name="TrainingHours">Training hours for every skill a worker newly needs, each counted once per worker.</param>
/// <param name="ReassignedHours">Hours, over all workers, spent on work that was not theirs before.</param>
/// <param name="Fragments">The number of (worker, task) pairs with hours: how fragmented the jobs are.</param>
public sealed record PlanCosts(decimal TrainingHours, decimal ReassignedHours, int Fragments);

/// <summary>How spread out the job scores of one dimension are.</summary>
/// <param name="Range">The highest score less the lowest.</param>
/// <param name="StandardDeviation">The population standard deviation of the scores.</param>
/// <param name="Gini">The Gini coefficient of the scores: 0 when every job scores the same.</param>
public sealed record ScoreSpread(decimal Range, double StandardDeviation, double Gini);

/// <summary>
/// A job complex for every worker of a workplace, with its balance and costs, all computed from the hours it
/// holds by <see cref="Analysis.PlanEvaluator"/>. Immutable.
/// </summary>
public sealed record Plan
{
    /// <summary>The workplace's identifier.</summary>
    public required string Workplace { get; init; }

    /// <summary>A job for every worker, in the workplace's worker order.</summary>
    public required IReadOnlyList<JobComplex> Jobs { get; init; }

    /// <summary>The workplace's average empowerment, <c>Ē = Σ_t e_t·h_t / Σ_t h_t</c>.</summary>
    public required decimal EmpowermentAverage { get; init; }

    /// <summary>The workplace's average desirability, <c>D̄ = Σ_t d_t·h_t / Σ_t h_t</c>.</summary>
    public required decimal DesirabilityAverage { get; init; }

    /// <summary>The largest empowerment deviation, <c>Δ_E = max_w |E_w − Ē|</c>.</summary>
    public required decimal EmpowermentMaxDeviation { get; init; }

    /// <summary>The largest desirability deviation, <c>Δ_D = max_w |D_w − D̄|</c>.</summary>
    public required decimal DesirabilityMaxDeviation { get; init; }

    /// <summary>The balance objective, <c>wE·Δ_E + wD·Δ_D</c>: 0 is perfect balance.</summary>
    public required decimal Objective { get; init; }

    /// <summary>What the plan costs.</summary>
    public required PlanCosts Costs { get; init; }

    /// <summary>How spread out the jobs' empowerment is.</summary>
    public required ScoreSpread EmpowermentSpread { get; init; }

    /// <summary>How spread out the jobs' desirability is.</summary>
    public required ScoreSpread DesirabilitySpread { get; init; }

    /// <summary>The rules of DESIGN.md the plan breaks, in plain words; empty for every plan a solver returns.</summary>
    public required IReadOnlyList<string> Violations { get; init; }

    /// <summary>Hours of <paramref name="task"/> held by <paramref name="worker"/>; 0 when none.</summary>
    /// <param name="worker">A worker's identifier.</param>
    /// <param name="task">A task's identifier.</param>
    /// <returns>The hours, <c>x[w,t]</c>.</returns>
    public decimal HoursOf(string worker, string task) =>
        Jobs.FirstOrDefault(j => j.Worker == worker)?.Tasks.FirstOrDefault(t => t.Task == task)?.Hours ?? 0;
}
