namespace JobBalancing.Diagnostics;

/// <summary>The rules of the balancing problem (DESIGN.md) that an explanation of infeasibility can name.</summary>
public enum RuleKind
{
    /// <summary>Coverage of a task: <c>Σ_w x[w,t] = h_t</c>.</summary>
    Coverage,

    /// <summary>Capacity of a worker: <c>Σ_t x[w,t] = H_w</c>.</summary>
    Capacity,

    /// <summary>Qualification for a skill, with training off: a worker without it holds none of the tasks that need it.</summary>
    Qualification,

    /// <summary>The minimum chunk of a task: <c>x[w,t] = 0 or x[w,t] ≥ minChunk</c>.</summary>
    MinChunk,

    /// <summary>The service limit of a task: <c>x[w,t] ≤ maxPerWorker</c>.</summary>
    ServiceLimit,

    /// <summary>Fixed hours of a worker in a task: <c>x[w,t] ≥ fixed[w,t]</c>.</summary>
    Fixed,

    /// <summary>A task excluded for a worker: <c>x[w,t] = 0</c>.</summary>
    Excluded,

    /// <summary>The fragmentation limit of a worker: at most <c>maxTasksPerWorker</c> distinct tasks.</summary>
    FragmentationLimit,
}

/// <summary>
/// One rule in a set of rules that no plan can keep at once. Immutable.
/// </summary>
/// <param name="Kind">Which rule of the balancing problem.</param>
/// <param name="Task">The task it is about, if any.</param>
/// <param name="Worker">The worker it is about, if any.</param>
/// <param name="Skill">The skill it is about, for <see cref="RuleKind.Qualification"/>.</param>
/// <param name="Description">The rule in plain words, with its figures: <c>nobody holds more than 24 h of Surgery (maxPerWorker)</c>.</param>
public sealed record ConflictingRule(RuleKind Kind, string? Task, string? Worker, string? Skill, string Description)
{
    /// <summary>The rule in plain words.</summary>
    /// <returns><see cref="Description"/>.</returns>
    public override string ToString() => Description;
}
