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
    /// <summary>The longest the search for the rules that conflict may take, whatever the time limit.</summary>
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
        var solved = Solve(BalancingSpec.Of(workplace), workplace.Id, progress, cancellationToken);
        if (solved.Status == SolveStatus.Infeasible)
        {
            return Infeasible(workplace, solved.Explanation, solved.SolveTime, cancellationToken);
        }

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
    /// Plans <paramref name="workplace"/> over <paramref name="periods"/> periods: a plan for every period that keeps every
    /// rule in it and the workplace's <see cref="Workplace.Rotation"/> rules across periods, balanced over the horizon
    /// (dynamic) or in every period (static).
    /// </summary>
    /// <param name="workplace">The workplace; its rotation rules say how hours change by period. It is validated first.</param>
    /// <param name="periods">The number of periods, at least 1.</param>
    /// <param name="balance">How balance is measured.</param>
    /// <param name="progress">Receives the objective and bound each time the plan improves.</param>
    /// <param name="cancellationToken">Stops the search; the best plan found so far is returned.</param>
    /// <returns>The plans with their horizon figures, or why there are none.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace, or its workplace in some period, is invalid; every problem is listed.</exception>
    public RotationResult Rotate(
        Workplace workplace, int periods, HorizonBalance balance = HorizonBalance.Dynamic, IProgress<SolveProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RotateFrom(null, workplace, periods, balance, progress, cancellationToken).Result;

    /// <summary>
    /// Plans <paramref name="workplace"/> over <paramref name="periods"/> periods twice, balanced in every period (static)
    /// and then over the horizon (dynamic), the dynamic search starting from the static plan: so the dynamic plan's
    /// horizon balance is never worse than the static plan's.
    /// </summary>
    /// <param name="workplace">The workplace, validated first.</param>
    /// <param name="periods">The number of periods, at least 1.</param>
    /// <param name="cancellationToken">Stops the searches.</param>
    /// <returns>The static result, then the dynamic one.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace, or its workplace in some period, is invalid.</exception>
    public (RotationResult Static, RotationResult Dynamic) CompareRotations(Workplace workplace, int periods, CancellationToken cancellationToken = default)
    {
        var (staticResult, staticPlan) = RotateFrom(null, workplace, periods, HorizonBalance.Static, null, cancellationToken);
        var (dynamicResult, _) = RotateFrom(staticPlan, workplace, periods, HorizonBalance.Dynamic, null, cancellationToken);
        return (staticResult, dynamicResult);
    }

    /// <summary><see cref="Rotate(Workplace, int, HorizonBalance, IProgress{SolveProgress}?, CancellationToken)"/>, starting from <paramref name="start"/>, also returning the plan's hours per pair.</summary>
    private (RotationResult Result, int[]? Plan) RotateFrom(
        int[]? start, Workplace workplace, int periods, HorizonBalance balance, IProgress<SolveProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        workplace.EnsureValid();
        var snapshots = Horizon.Snapshots(workplace, periods);
        var problems = snapshots.Take(workplace.Rotation.Periods.Count).SelectMany((snapshot, period) => snapshot.Validate()
            .Select(p => new ValidationProblem($"rotation.periods[{period}]", $"in period {period + 1}, {(p.Path.Length > 0 ? p.Path + ": " : "")}{p.Message}")))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidWorkplaceException(problems);
        }

        if (_options.RotationWindow is { } window && window < periods)
        {
            return (RotateByWindows(workplace, snapshots, window, balance, progress, cancellationToken), null);
        }

        var spec = HorizonSpec(workplace, snapshots, balance);
        var solved = Solve(spec, workplace.Id, progress, cancellationToken, start is null ? null : _ => start);
        var result = new RotationResult
        {
            Status = solved.Status,
            Balance = balance,
            Bound = solved.Bound,
            BoundSource = solved.BoundSource,
            Explanation = solved.Status == SolveStatus.Infeasible ? solved.Explanation ?? ConflictFinder.NoPlanAtAll : solved.Explanation,
            SolveTime = solved.SolveTime,
        };
        if (solved.Plan is not { } hours)
        {
            return (result, null);
        }

        var plans = snapshots.Select((snapshot, period) => PlanEvaluator.Evaluate(snapshot, solved.Problem.ToHours(hours, 0, period))).ToArray();
        var evaluated = HorizonEvaluator.Evaluate(result, snapshots, plans, workplace.Weights);
        var objective = evaluated.Objective!.Value;
        var status = solved.Proven || objective <= solved.Bound ? SolveStatus.Optimal : SolveStatus.Feasible;
        Log.SolveFinished(_logger, workplace.Id, status.ToString(), objective, Math.Min(solved.Bound, objective), solved.SolveTime.TotalSeconds);
        return (evaluated with { Status = status, Bound = status == SolveStatus.Optimal ? objective : Math.Min(solved.Bound, objective) }, hours);
    }

    /// <summary>
    /// A long horizon by rolling windows (<see cref="BalancerOptions.RotationWindow"/>): each window plans
    /// <paramref name="window"/> periods with the periods already kept held fixed, and keeps its first half.
    /// </summary>
    private RotationResult RotateByWindows(
        Workplace workplace, IReadOnlyList<Workplace> snapshots, int window, HorizonBalance balance, IProgress<SolveProgress>? progress,
        CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var step = Math.Max(1, window / 2);
        var windows = 1 + ((snapshots.Count - window + step - 1) / step);
        var kept = new List<IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>>();
        for (var done = 0; kept.Count < snapshots.Count; done++)
        {
            var end = Math.Min(snapshots.Count, kept.Count + window);
            var planned = snapshots.Take(end).Select((snapshot, period) => period < kept.Count ? Holding(snapshot, kept[period]) : snapshot).ToArray();
            var share = (_options.TimeLimit - clock.Elapsed) / (windows - done);
            var solved = new Balancer(_options.WithTimeLimit(share > TimeSpan.FromSeconds(1) ? share : TimeSpan.FromSeconds(1)))
                .Solve(HorizonSpec(workplace, planned, balance), workplace.Id, progress, cancellationToken);
            if (solved.Plan is not { } hours)
            {
                var reason = solved.Explanation ?? (solved.Status == SolveStatus.Infeasible ? ConflictFinder.NoPlanAtAll : "no plan was found in time");
                return new RotationResult
                {
                    Status = solved.Status,
                    Balance = balance,
                    Explanation = $"periods {kept.Count + 1}–{end}, with the periods before them as planned: {reason}",
                    SolveTime = clock.Elapsed,
                };
            }

            var keep = end == snapshots.Count ? end : kept.Count + step;
            for (var period = kept.Count; period < keep; period++)
            {
                kept.Add(solved.Problem.ToHours(hours, 0, period));
            }
        }

        var plans = snapshots.Select((snapshot, period) => PlanEvaluator.Evaluate(snapshot, kept[period])).ToArray();
        var result = new RotationResult { Status = SolveStatus.Feasible, Balance = balance, BoundSource = "none (rolling windows)", SolveTime = clock.Elapsed };
        var evaluated = HorizonEvaluator.Evaluate(result, snapshots, plans, workplace.Weights);
        return evaluated with { Status = evaluated.Objective == 0 ? SolveStatus.Optimal : SolveStatus.Feasible };
    }

    /// <summary>The workplace in a period whose plan is kept: every worker's hours fixed as <paramref name="hours"/> has them.</summary>
    private static Workplace Holding(Workplace snapshot, IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>> hours) =>
        snapshot with
        {
            Workers = [.. snapshot.Workers.Select(worker => worker with
            {
                Fixed = hours.TryGetValue(worker.Id, out var tasks)
                    ? tasks.Where(t => t.Value > 0).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)
                    : ImmutableList.EmptyHours,
            })],
        };

    /// <summary>What a horizon balances: its periods' workplaces as one site, measured as <paramref name="balance"/> says.</summary>
    internal static BalancingSpec HorizonSpec(Workplace workplace, IReadOnlyList<Workplace> snapshots, HorizonBalance balance) => new()
    {
        Sites = [snapshots],
        Measure = balance == HorizonBalance.Dynamic ? BalanceMeasure.OverHorizon : BalanceMeasure.EveryPeriod,
        Rotation = workplace.Rotation,
        Weights = workplace.Weights,
    };

    /// <summary>
    /// Solves any balancing problem — a workplace, a region, a horizon — compiled from <paramref name="spec"/>, whose
    /// workplaces are valid: the one search every public entry point runs. <paramref name="name"/> names it in the log;
    /// <paramref name="start"/>, when given, makes a plan of the compiled problem that the search starts from if it keeps
    /// every rule.
    /// </summary>
    /// <param name="spec">What to balance.</param>
    /// <param name="name">What the log calls it.</param>
    /// <param name="progress">Receives the objective and bound as they improve.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <param name="start">Makes the plan to start from, from the compiled problem.</param>
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
            return Infeasible(problem, name, null, clock);
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

    /// <summary>No plan: with the arithmetic <paramref name="reason"/> when one was found, or none when the search proved it.</summary>
    private SpecSolution Infeasible(BalancingProblem problem, string name, string? reason, Stopwatch clock)
    {
        Log.Infeasible(_logger, name, reason ?? ConflictFinder.NoPlanAtAll);
        return new SpecSolution(problem, SolveStatus.Infeasible, null, 0, "trivial", false, clock.Elapsed) { Explanation = reason };
    }

    /// <summary>
    /// The result for a workplace with no plan: the arithmetic <paramref name="reason"/> when one was found, and the
    /// smallest set of rules that conflict.
    /// </summary>
    private BalancingResult Infeasible(Workplace workplace, string? reason, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var budget = _options.TimeLimit < MaxExplanationTime ? _options.TimeLimit : MaxExplanationTime;
        var conflict = ConflictFinder.Find(workplace, budget, cancellationToken);
        var explanation = ConflictFinder.Explain(reason, conflict);
        Log.Infeasible(_logger, workplace.Id, explanation);
        return new BalancingResult
        {
            Status = SolveStatus.Infeasible,
            Explanation = explanation,
            ConflictingRules = conflict.Rules,
            SolveTime = elapsed + clock.Elapsed,
        };
    }
}
