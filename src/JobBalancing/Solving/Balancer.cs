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
        var solved = Solve(BalancingSpec.Of(workplace), workplace.Id, progress, cancellationToken);
        if (solved.Plan is not { } hours)
        {
            return new BalancingResult
            {
                Status = solved.Status,
                Bound = solved.Bound,
                BoundSource = solved.BoundSource,
                Explanation = solved.Explanation,
                SolveTime = solved.SolveTime,
            };
        }

        // The plan's figures come from the evaluator, which recomputes them from the hours alone.
        var plan = PlanEvaluator.Evaluate(workplace, solved.Problem.ToHours(hours));
        var status = solved.Proven || plan.Objective <= solved.Bound ? SolveStatus.Optimal : SolveStatus.Feasible;

        // The integer objective and the plan's own decimal arithmetic agree to 28 digits; a proven plan's bound is its objective.
        var bound = status == SolveStatus.Optimal ? plan.Objective : Math.Min(solved.Bound, plan.Objective);
        Log.SolveFinished(_logger, workplace.Id, status.ToString(), plan.Objective, bound, solved.SolveTime.TotalSeconds);
        return new BalancingResult
        {
            Status = status,
            Plan = plan,
            Bound = bound,
            BoundSource = solved.BoundSource,
            SolveTime = solved.SolveTime,
        };
    }

    /// <summary>
    /// Solves any balancing problem — a workplace, a region, a horizon — compiled from <paramref name="spec"/>, whose
    /// workplaces are valid: the one search every public entry point runs. <paramref name="name"/> names it in the log;
    /// <paramref name="start"/>, when given, makes a plan of the compiled problem that the search starts from if it keeps
    /// every rule.
    /// </summary>
    internal SpecSolution Solve(
        BalancingSpec spec, string name, IProgress<SolveProgress>? progress, CancellationToken cancellationToken, Func<BalancingProblem, int[]>? start = null)
    {
        var clock = Stopwatch.StartNew();
        var problem = BalancingProblem.Compile(spec);
        Log.SolveStarted(_logger, name, problem.WorkerCount, problem.TaskCount, problem.Pairs.Length, problem.IsExact);

        if (FeasibilityCheck.Explain(problem) is { } reason)
        {
            return Infeasible(problem, name, reason, clock);
        }

        var search = new Search(problem, _options, _logger, progress, clock, cancellationToken, start?.Invoke(problem));
        var outcome = _options.Method == SolveMethod.Relaxation ? search.RunRelaxation() : search.RunExact();
        if (outcome.Infeasible)
        {
            return Infeasible(problem, name, "no plan keeps every rule at once, though no single task or worker is short of hours on its own", clock);
        }

        var bound = problem.ToRatingPoints(outcome.Bound);
        if (outcome.Plan is null)
        {
            return new SpecSolution(problem, SolveStatus.Unknown, null, bound, outcome.BoundSource, false, clock.Elapsed)
            {
                Explanation = cancellationToken.IsCancellationRequested
                    ? "the solve was cancelled before a plan was found"
                    : $"no plan was found within the time limit of {_options.TimeLimit.TotalSeconds:0.###} s",
            };
        }

        // With inexact scaling the model's optimum is one of rounded deviations: proven only when the bound meets the plan.
        var proven = (outcome.BalanceProven && problem.IsExact) || problem.Objective(outcome.Plan) <= bound;
        return new SpecSolution(problem, proven ? SolveStatus.Optimal : SolveStatus.Feasible, outcome.Plan, bound, outcome.BoundSource, proven, clock.Elapsed);
    }

    private SpecSolution Infeasible(BalancingProblem problem, string name, string reason, Stopwatch clock)
    {
        Log.Infeasible(_logger, name, reason);
        return new SpecSolution(problem, SolveStatus.Infeasible, null, 0, "trivial", false, clock.Elapsed) { Explanation = reason };
    }
}
