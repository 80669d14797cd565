using System.Diagnostics;
using JobBalancing.Analysis;
using JobBalancing.Diagnostics;
using JobBalancing.Domain;
using Microsoft.Extensions.Logging;

namespace JobBalancing.Solving;

/// <summary>
/// Balances a workplace's jobs: finds hours <c>x[w,t]</c> that keep every rule of the balancing problem and minimise
/// <c>wE·Δ_E + wD·Δ_D</c>, then, among plans as balanced, the least training, reassignment and fragmentation.
/// Every answer carries a proven bound on how far from perfect balance it can still be.
/// </summary>
/// <example>
/// <code>
/// var result = new Balancer(new BalancerOptions { TimeLimit = TimeSpan.FromSeconds(10) }).Balance(workplace);
/// Console.WriteLine($"{result.Status}: {result.Plan?.Objective} (bound {result.Bound})");
/// </code>
/// </example>
public sealed class Balancer
{
    /// <summary>The longest the search for a minimal set of conflicting rules may take, on top of the solve.</summary>
    private static readonly TimeSpan MaxExplanationTime = TimeSpan.FromSeconds(10);

    private readonly BalancerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a balancer.</summary>
    /// <param name="options">How to search; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public Balancer(BalancerOptions? options = null)
    {
        _options = options ?? new BalancerOptions();
        var problems = _options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid balancer options: " + string.Join("; ", problems), nameof(options));
        }

        _logger = _options.LoggerFactory.CreateLogger("JobBalancing.Balancer");
    }

    /// <summary>Balances <paramref name="workplace"/>.</summary>
    /// <param name="workplace">The workplace; it is validated first.</param>
    /// <param name="progress">Receives the objective and bound each time the plan improves.</param>
    /// <param name="cancellationToken">Stops the search; the best plan found so far is returned.</param>
    /// <returns>The result: a plan with its bound, or why there is none.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid; every problem is listed.</exception>
    public BalancingResult Balance(Workplace workplace, IProgress<SolveProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        workplace.EnsureValid();
        var clock = Stopwatch.StartNew();
        var problem = BalancingProblem.Compile(workplace);
        Log.SolveStarted(_logger, workplace.Id, problem.WorkerCount, problem.TaskCount, problem.Pairs.Length, problem.IsExact);

        if (FeasibilityCheck.Explain(problem) is { } reason)
        {
            return Infeasible(workplace, reason, clock, cancellationToken);
        }

        var search = new Search(problem, _options, _logger, progress, clock, cancellationToken);
        var outcome = _options.Method == SolveMethod.Relaxation ? search.RunRelaxation() : search.RunExact();
        if (outcome.Infeasible)
        {
            return Infeasible(workplace, null, clock, cancellationToken);
        }

        if (outcome.Plan is null)
        {
            return new BalancingResult
            {
                Status = SolveStatus.Unknown,
                Bound = problem.ToRatingPoints(outcome.Bound),
                BoundSource = outcome.BoundSource,
                Explanation = cancellationToken.IsCancellationRequested
                    ? "the solve was cancelled before a plan was found"
                    : $"no plan was found within the time limit of {_options.TimeLimit.TotalSeconds:0.###} s",
                SolveTime = clock.Elapsed,
            };
        }

        var plan = PlanEvaluator.Evaluate(workplace, problem.ToHours(outcome.Plan));
        // With inexact scaling the model's optimum is one of rounded deviations: proven only when the bound meets the plan.
        var proven = (outcome.BalanceProven && problem.IsExact) || plan.Objective <= problem.ToRatingPoints(outcome.Bound);
        var status = proven ? SolveStatus.Optimal : SolveStatus.Feasible;

        // The integer objective and the plan's own decimal arithmetic agree to 28 digits; a proven plan's bound is its objective.
        var bound = status == SolveStatus.Optimal ? plan.Objective : Math.Min(problem.ToRatingPoints(outcome.Bound), plan.Objective);
        Log.SolveFinished(_logger, workplace.Id, status.ToString(), plan.Objective, bound, clock.Elapsed.TotalSeconds);
        return new BalancingResult
        {
            Status = status,
            Plan = plan,
            Bound = bound,
            BoundSource = outcome.BoundSource,
            SolveTime = clock.Elapsed,
        };
    }

    /// <summary>
    /// The result for a workplace with no plan: the arithmetic <paramref name="reason"/> when one was found, and the
    /// smallest set of rules that conflict.
    /// </summary>
    private BalancingResult Infeasible(Workplace workplace, string? reason, Stopwatch clock, CancellationToken cancellationToken)
    {
        var budget = _options.TimeLimit < MaxExplanationTime ? _options.TimeLimit : MaxExplanationTime;
        var conflict = ConflictFinder.Find(workplace, budget, cancellationToken);
        var explanation = ConflictFinder.Explain(reason, conflict);
        Log.Infeasible(_logger, workplace.Id, explanation);
        return new BalancingResult
        {
            Status = SolveStatus.Infeasible,
            Explanation = explanation,
            ConflictingRules = conflict.Rules,
            SolveTime = clock.Elapsed,
        };
    }
}
