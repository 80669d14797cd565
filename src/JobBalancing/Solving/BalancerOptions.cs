using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace JobBalancing.Solving;

/// <summary>How a <see cref="Balancer"/> searches. A plain options object: set what you need, the rest has defaults.</summary>
public sealed class BalancerOptions
{
    /// <summary>
    /// The wall-clock budget for the whole solve, tie-breaks included.
    /// <value>The default value is 30 seconds.</value>
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Search threads CP-SAT may use; 0 means one per processor.
    /// <value>The default value is 0.</value>
    /// </summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>
    /// The random seed of CP-SAT and the local search. The search stops its phases by the clock, so two runs with
    /// the same seed agree only as far as the machine's speed lets them; a proven optimum is the same either way.
    /// <value>The default value is 0.</value>
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// The search method.
    /// <value>The default value is <see cref="SolveMethod.Exact"/>.</value>
    /// </summary>
    public SolveMethod Method { get; set; } = SolveMethod.Exact;

    /// <summary>
    /// Whether, after balance, to minimise training hours, then reassigned hours, then task fragments among plans
    /// that keep the balance reached.
    /// <value>The default value is <see langword="true"/>.</value>
    /// </summary>
    public bool TieBreaks { get; set; } = true;

    /// <summary>
    /// A level of balance to reach rather than the best: when set, the balance stage stops at the first plan whose
    /// objective is at most this (in rating points), and the tie-breaks then find the least training, reassignment and
    /// fragmentation among all plans within this level — not only among those as balanced as the first. This is the
    /// epsilon-constraint step of a balance-against-cost frontier. A level below the optimum is proven unreachable when
    /// the search can show it, and the search then balances as well as it can.
    /// <value>The default, <see langword="null"/>, minimises the objective.</value>
    /// </summary>
    public decimal? MaxObjective { get; set; }

    /// <summary>
    /// For horizons longer than this many periods, <see cref="Balancer.Rotate"/> plans by rolling windows: this many
    /// periods at a time, keeping the first half of each window and planning on from there, with every period already
    /// kept held fixed and balance measured over all periods so far. Each window gets an equal share of the time limit.
    /// Nothing is then proven about the whole horizon: the result's bound is 0.
    /// <value>The default, <see langword="null"/>, plans the whole horizon at once.</value>
    /// </summary>
    public int? RotationWindow { get; set; }

    /// <summary>
    /// Where the solver logs what it does.
    /// <value>The default value is <see cref="NullLoggerFactory.Instance"/>.</value>
    /// </summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Every problem with these options, at once.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (TimeLimit <= TimeSpan.Zero)
        {
            problems.Add($"TimeLimit: {TimeLimit} must be positive");
        }

        if (Threads is < 0 or > 256)
        {
            problems.Add($"Threads: {Threads} must be between 0 and 256");
        }

        if (!Enum.IsDefined(Method))
        {
            problems.Add($"Method: {Method} is not a solve method");
        }

        if (RotationWindow is < 1)
        {
            problems.Add($"RotationWindow: {RotationWindow} must be at least 1");
        }

        if (MaxObjective is < 0)
        {
            problems.Add($"MaxObjective: {MaxObjective} must not be negative");
        }

        if (LoggerFactory is null)
        {
            problems.Add("LoggerFactory: must not be null");
        }

        return problems;
    }

    /// <summary>A copy of these options with another time limit and, when given, another number of threads.</summary>
    internal BalancerOptions WithTimeLimit(TimeSpan timeLimit, int? threads = null)
    {
        // A member-wise copy carries every option, including any added later.
        var copy = (BalancerOptions)MemberwiseClone();
        copy.TimeLimit = timeLimit;
        copy.Threads = threads ?? Threads;
        return copy;
    }

    /// <summary>The number of threads to give CP-SAT.</summary>
    internal int EffectiveThreads => Threads == 0 ? Environment.ProcessorCount : Threads;
}
