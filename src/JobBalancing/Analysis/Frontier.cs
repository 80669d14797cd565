using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Analysis;

/// <summary>What a frontier trades balance against.</summary>
public enum FrontierAxis
{
    /// <summary>What balancing costs: <c>trainingWeight·training hours + reassigned hours</c> (see <see cref="FrontierOptions.TrainingHourWeight"/>).</summary>
    Cost,

    /// <summary>The fragmentation limit <c>maxTasksPerWorker</c>, <c>K = 1 … number of tasks</c>.</summary>
    Fragmentation,

    /// <summary>The horizon length in periods, <c>1, 2, 4, …</c>, balanced over the horizon (dynamic balance).</summary>
    Horizon,
}

/// <summary>How a <see cref="Frontier"/> is traced. A plain options object: set what you need, the rest has defaults.</summary>
public sealed class FrontierOptions
{
    /// <summary>
    /// How each point is solved; its <see cref="BalancerOptions.TimeLimit"/> is the limit of each solve, not of the
    /// whole frontier. <see cref="BalancerOptions.MaxObjective"/> is set by the cost frontier itself.
    /// <value>The default is the balancer's defaults with a 10-second time limit.</value>
    /// </summary>
    public BalancerOptions Balancer { get; set; } = new() { TimeLimit = TimeSpan.FromSeconds(10) };

    /// <summary>
    /// How many points to try: balance levels for <see cref="FrontierAxis.Cost"/>, horizon lengths
    /// <c>1, 2, 4, …, 2^(n−1)</c> for <see cref="FrontierAxis.Horizon"/>. <see cref="FrontierAxis.Fragmentation"/> always
    /// tries every <c>K</c> from 1 to the number of tasks.
    /// <value>The default value is 6.</value>
    /// </summary>
    public int Points { get; set; } = 6;

    /// <summary>
    /// What one training hour costs in reassigned hours, in the cost <c>weight·training + reassigned</c>: an hour of
    /// training is an hour away from the work, as is an hour of work that is new to a worker.
    /// <value>The default value is 1.</value>
    /// </summary>
    public decimal TrainingHourWeight { get; set; } = 1;

    /// <summary>Every problem with these options, at once.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Balancer is null)
        {
            problems.Add("Balancer: must not be null");
        }
        else
        {
            problems.AddRange(Balancer.Validate().Select(p => "Balancer." + p));
        }

        if (Points is < 2 or > 64)
        {
            problems.Add($"Points: {Points} must be between 2 and 64");
        }

        if (TrainingHourWeight < 0)
        {
            problems.Add($"TrainingHourWeight: {TrainingHourWeight} must not be negative");
        }

        return problems;
    }
}

/// <summary>
/// One solve of a frontier: the value traded against balance (<see cref="Value"/>), the balance reached, its proven
/// bound and its costs. Immutable.
/// </summary>
public sealed record FrontierPoint
{
    /// <summary>
    /// The quantity traded against balance, lower is better: the <see cref="Cost"/> for a cost frontier, <c>K</c> for a
    /// fragmentation frontier, the number of periods for a horizon frontier.
    /// </summary>
    public required decimal Value { get; init; }

    /// <summary>The balance reached, <c>wE·Δ_E + wD·Δ_D</c> in rating points (over the horizon for a horizon frontier).</summary>
    public required decimal Objective { get; init; }

    /// <summary>
    /// A proven lower bound on the objective of every plan of this point's problem (with its <c>K</c> or horizon); for a
    /// cost frontier, of every plan whatever its cost.
    /// </summary>
    public required decimal Bound { get; init; }

    /// <summary>How the solve ended: <see cref="SolveStatus.Optimal"/> when the balance stage was proven.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>The level of balance asked for (the epsilon of the epsilon-constraint step); <see langword="null"/> for the best-balance solve and other axes.</summary>
    public decimal? Level { get; init; }

    /// <summary>Training hours the plan costs.</summary>
    public required decimal TrainingHours { get; init; }

    /// <summary>Hours spent on work that was not the worker's before (for a horizon: summed over the periods).</summary>
    public required decimal ReassignedHours { get; init; }

    /// <summary>The (worker, task) pairs with hours (for a horizon: summed over the periods).</summary>
    public required int Fragments { get; init; }

    /// <summary>The cost, <c>trainingWeight·<see cref="TrainingHours"/> + <see cref="ReassignedHours"/></c>.</summary>
    public required decimal Cost { get; init; }

    /// <summary>How long the solve took.</summary>
    public TimeSpan SolveTime { get; init; }

    /// <summary>
    /// Whether this point dominates <paramref name="other"/>: no worse in both <see cref="Value"/> and
    /// <see cref="Objective"/>, and better in one.
    /// </summary>
    /// <param name="other">Another point of the same frontier.</param>
    /// <returns><see langword="true"/> when <paramref name="other"/> is not worth keeping beside this point.</returns>
    public bool Dominates(FrontierPoint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Value <= other.Value && Objective <= other.Objective && (Value < other.Value || Objective < other.Objective);
    }
}

/// <summary>A solve of a frontier that gave no plan, and why. Immutable.</summary>
/// <param name="Value">The value tried: <c>K</c>, the number of periods, or the balance level.</param>
/// <param name="Status">How the solve ended.</param>
/// <param name="Explanation">Why there is no plan, in plain words.</param>
public sealed record FrontierGap(decimal Value, SolveStatus Status, string? Explanation);

/// <summary>A Pareto frontier: the non-dominated points of a trade-off between balance and something else. Immutable.</summary>
public sealed record FrontierResult
{
    /// <summary>What balance was traded against.</summary>
    public required FrontierAxis Axis { get; init; }

    /// <summary>
    /// The non-dominated points, by <see cref="FrontierPoint.Value"/> ascending and so by objective descending: from the
    /// cheapest (least fragmented, shortest horizon) to the best balanced.
    /// </summary>
    public required IReadOnlyList<FrontierPoint> Points { get; init; }

    /// <summary>The points solved that another point dominates, or that repeat one, in the order solved.</summary>
    public IReadOnlyList<FrontierPoint> Dominated { get; init; } = [];

    /// <summary>The values tried that gave no plan: an infeasible <c>K</c>, a horizon not solved in time.</summary>
    public IReadOnlyList<FrontierGap> Gaps { get; init; } = [];

    /// <summary>Whether the frontier was cancelled before every point was tried.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>How far a frontier or a scenario comparison has got.</summary>
/// <param name="Completed">Solves finished.</param>
/// <param name="Total">Solves planned.</param>
/// <param name="Step">What was just solved, in words: <c>K = 3</c>, <c>level 0.42</c>.</param>
public sealed record TradeOffProgress(int Completed, int Total, string Step);

/// <summary>
/// Pareto frontiers of balance against what it costs: against training and reassignment (the least cost at each level
/// of balance, by the epsilon-constraint method), against the fragmentation limit, against the horizon length.
/// </summary>
/// <example>
/// <code>
/// var frontier = Frontier.AgainstCost(workplace, new FrontierOptions { Points = 5 });
/// foreach (var point in frontier.Points)
///     Console.WriteLine($"cost {point.Cost} h: balance {point.Objective} (bound {point.Bound})");
/// </code>
/// </example>
public static class Frontier
{
    /// <summary>The most horizon lengths a horizon frontier tries (<see cref="FrontierOptions.Points"/>): 1 to 512 periods.</summary>
    public const int MaxHorizonPoints = 10;

    /// <summary>Traces the frontier of <paramref name="workplace"/> against <paramref name="axis"/>.</summary>
    /// <param name="workplace">The workplace, validated first.</param>
    /// <param name="axis">What to trade balance against.</param>
    /// <param name="options">How to trace it; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report after every solve.</param>
    /// <param name="cancellationToken">Stops the frontier; the points solved so far are returned.</param>
    /// <returns>The frontier.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid; every problem is listed.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static FrontierResult Trace(
        Workplace workplace, FrontierAxis axis, FrontierOptions? options = null, IProgress<TradeOffProgress>? progress = null,
        CancellationToken cancellationToken = default) => axis switch
    {
        FrontierAxis.Cost => AgainstCost(workplace, options, progress, cancellationToken),
        FrontierAxis.Fragmentation => AgainstFragmentation(workplace, options, progress, cancellationToken),
        FrontierAxis.Horizon => AgainstHorizon(workplace, options, progress, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "not a frontier axis"),
    };

    /// <summary>
    /// Balance against cost. First the best balance (a plain solve, whose tie-breaks already make it the cheapest of the
    /// best balanced); then the cheapest plan: the current assignment when it keeps every rule (the one plan that costs
    /// nothing, taken without a solve), else the cheapest plan within the worst balance the rating scale allows; then,
    /// at <see cref="FrontierOptions.Points"/> − 2 levels evenly spaced between the two ends' objectives and rounded up to
    /// 4 decimals, the cheapest plan within each level (<see cref="BalancerOptions.MaxObjective"/>). The solver orders
    /// cost lexicographically (training, then reassignment); the frontier keeps the points non-dominated in the
    /// weighted cost.
    /// </summary>
    /// <param name="workplace">The workplace, validated first.</param>
    /// <param name="options">How to trace it; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report after every solve.</param>
    /// <param name="cancellationToken">Stops the frontier; the points solved so far are returned.</param>
    /// <returns>The frontier, <see cref="FrontierPoint.Value"/> being the cost.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid; every problem is listed.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static FrontierResult AgainstCost(
        Workplace workplace, FrontierOptions? options = null, IProgress<TradeOffProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = Checked(workplace, options);
        var tracer = new Tracer(FrontierAxis.Cost, options.Points, progress, cancellationToken);
        var best = tracer.Solve(null, "best balance", () => new Balancer(options.Balancer).Balance(workplace, cancellationToken: cancellationToken), options, null);
        if (best is null)
        {
            return tracer.Result();
        }

        // The cheapest end. No training and no hour of new work means every worker keeps exactly their current hours: when
        // the current jobs keep every rule they are the one plan that costs nothing, the cheapest end without a solve.
        // Otherwise the cheapest plan of all is the cheapest within the worst balance the rating scale allows.
        FrontierPoint? cheapest;
        if (ValidCurrentPlan(workplace) is { } current)
        {
            var level = Math.Round(current.Objective, 4, MidpointRounding.ToPositiveInfinity);
            cheapest = tracer.Solve("current jobs", () => new FrontierOutcome(FromPlan(current, best.Bound, SolveStatus.Feasible, level, TimeSpan.Zero, options, null), null));
        }
        else
        {
            var worst = WorstObjective(workplace);
            var balancer = new Balancer(WithMaxObjective(options.Balancer, worst));
            cheapest = tracer.Solve(null, "cheapest plan", () => balancer.Balance(workplace, cancellationToken: cancellationToken), options, worst);
        }

        // The levels in between, where the trade-off is.
        var levels = cheapest is null ? [] : Levels(best.Objective, cheapest.Objective, options.Points);
        foreach (var level in levels.Skip(1).SkipLast(1).Where(l => l < cheapest!.Objective))
        {
            var balancer = new Balancer(WithMaxObjective(options.Balancer, level));
            tracer.Solve(null, $"level {Numbers.Format(level)}", () => balancer.Balance(workplace, cancellationToken: cancellationToken), options, level);
        }

        return tracer.Result();
    }

    /// <summary>
    /// Balance against the fragmentation limit: the workplace solved with <c>maxTasksPerWorker = K</c> for every
    /// <c>K</c> from 1 to the number of tasks (the last is no limit at all).
    /// </summary>
    /// <param name="workplace">The workplace, validated first; its own limit is replaced by each <c>K</c>.</param>
    /// <param name="options">How to trace it; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report after every solve.</param>
    /// <param name="cancellationToken">Stops the frontier; the points solved so far are returned.</param>
    /// <returns>The frontier, <see cref="FrontierPoint.Value"/> being <c>K</c>.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid; every problem is listed.</exception>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static FrontierResult AgainstFragmentation(
        Workplace workplace, FrontierOptions? options = null, IProgress<TradeOffProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = Checked(workplace, options);
        var tasks = workplace.Tasks.Count;
        var tracer = new Tracer(FrontierAxis.Fragmentation, tasks, progress, cancellationToken);
        var balancer = new Balancer(options.Balancer);
        for (var k = 1; k <= tasks; k++)
        {
            var limited = workplace with { Rules = workplace.Rules with { MaxTasksPerWorker = k } };
            tracer.Solve(k, $"K = {k}", () => balancer.Balance(limited, cancellationToken: cancellationToken), options, null);
        }

        return tracer.Result();
    }

    /// <summary>
    /// Balance against the horizon: the workplace planned over <c>1, 2, 4, …, 2^(n−1)</c> periods
    /// (<see cref="FrontierOptions.Points"/> lengths), balanced over each horizon (<see cref="HorizonBalance.Dynamic"/>).
    /// One period is static balancing.
    /// </summary>
    /// <param name="workplace">The workplace, validated first; its rotation rules say how hours change by period.</param>
    /// <param name="options">How to trace it; the defaults when <see langword="null"/>.</param>
    /// <param name="progress">Receives a report after every solve.</param>
    /// <param name="cancellationToken">Stops the frontier; the points solved so far are returned.</param>
    /// <returns>The frontier, <see cref="FrontierPoint.Value"/> being the number of periods.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace, or its workplace in some period, is invalid.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or ask for more than 10 horizon lengths (512 periods).</exception>
    public static FrontierResult AgainstHorizon(
        Workplace workplace, FrontierOptions? options = null, IProgress<TradeOffProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options = Checked(workplace, options);
        if (options.Points > MaxHorizonPoints)
        {
            throw new ArgumentException(
                $"Invalid frontier options: Points: {options.Points} would plan {1L << (options.Points - 1)} periods; a horizon frontier takes at most {MaxHorizonPoints} ({1 << (MaxHorizonPoints - 1)} periods)",
                nameof(options));
        }

        var tracer = new Tracer(FrontierAxis.Horizon, options.Points, progress, cancellationToken);
        var balancer = new Balancer(options.Balancer);
        for (var i = 0; i < options.Points; i++)
        {
            var periods = 1 << i;
            tracer.Solve(periods == 1 ? "1 period" : $"{periods} periods", () => Point(balancer.Rotate(workplace, periods, cancellationToken: cancellationToken), periods, options.TrainingHourWeight));
        }

        return tracer.Result();
    }

    /// <summary>
    /// The points worth keeping: those no other point dominates, one of each repeated pair, by value ascending.
    /// </summary>
    /// <param name="points">Points of one frontier.</param>
    /// <returns>The non-dominated points, sorted.</returns>
    public static IReadOnlyList<FrontierPoint> NonDominated(IEnumerable<FrontierPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var kept = new List<FrontierPoint>();

        // By value, then objective: a point is kept when it balances strictly better than every point kept before it,
        // which are all at most as costly.
        foreach (var point in points.OrderBy(p => p.Value).ThenBy(p => p.Objective))
        {
            if (kept.Count == 0 || point.Objective < kept[^1].Objective)
            {
                kept.Add(point);
            }
        }

        return kept;
    }

    /// <summary><paramref name="count"/> levels evenly spaced from <paramref name="from"/> to <paramref name="to"/>, both included (the last rounded up), distinct.</summary>
    internal static IReadOnlyList<decimal> Levels(decimal from, decimal to, int count)
    {
        if (to <= from)
        {
            return [from];
        }

        // After the first, rounded up to 4 decimals: as people read them, and the balancer cannot take a level of 28
        // digits (an objective such as 4/3) as an exact fraction.
        return Enumerable.Range(0, count)
            .Select(i => i == 0 ? from : Math.Round(from + ((to - from) * i / (count - 1)), 4, MidpointRounding.ToPositiveInfinity))
            .Distinct()
            .ToArray();
    }

    /// <summary>The current assignment when every worker has one and it keeps every rule; else <see langword="null"/>.</summary>
    internal static Plan? ValidCurrentPlan(Workplace workplace) =>
        workplace.Workers.All(w => w.Current.Count > 0) && PlanEvaluator.EvaluateCurrent(workplace) is { Violations.Count: 0 } current ? current : null;

    /// <summary>The worst objective the rating scale allows: every job at one end of the scale, the average at the other.</summary>
    private static decimal WorstObjective(Workplace workplace) =>
        (workplace.Weights.Empowerment + workplace.Weights.Desirability) * (workplace.RatingScale.Max - workplace.RatingScale.Min);

    private static FrontierOptions Checked(Workplace workplace, FrontierOptions? options)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        options ??= new FrontierOptions();
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid frontier options: " + string.Join("; ", problems), nameof(options));
        }

        workplace.EnsureValid();
        return options;
    }

    /// <summary>A copy of <paramref name="options"/> that asks for <paramref name="level"/>.</summary>
    internal static BalancerOptions WithMaxObjective(BalancerOptions options, decimal? level) => new()
    {
        TimeLimit = options.TimeLimit,
        Threads = options.Threads,
        Seed = options.Seed,
        Method = options.Method,
        TieBreaks = options.TieBreaks,
        MaxObjective = level,
        LoggerFactory = options.LoggerFactory,
    };

    /// <summary>A solve's point; its value is <paramref name="value"/>, or the cost when <see langword="null"/>.</summary>
    private static FrontierOutcome Point(BalancingResult result, decimal? value, FrontierOptions options, decimal? level) =>
        result.Plan is not { } plan
            ? new FrontierOutcome(null, new FrontierGap(value ?? level ?? 0, result.Status, result.Explanation))
            : new FrontierOutcome(FromPlan(plan, result.Bound, result.Status, level, result.SolveTime, options, value), null);

    /// <summary>The point of <paramref name="plan"/>; its value is <paramref name="value"/>, or the cost when <see langword="null"/>.</summary>
    private static FrontierPoint FromPlan(Plan plan, decimal bound, SolveStatus status, decimal? level, TimeSpan solveTime, FrontierOptions options, decimal? value)
    {
        var cost = Cost(plan.Costs.TrainingHours, plan.Costs.ReassignedHours, options.TrainingHourWeight);
        return new FrontierPoint
        {
            Value = value ?? cost,
            Objective = plan.Objective,
            Bound = bound,
            Status = status,
            Level = level,
            TrainingHours = plan.Costs.TrainingHours,
            ReassignedHours = plan.Costs.ReassignedHours,
            Fragments = plan.Costs.Fragments,
            Cost = cost,
            SolveTime = solveTime,
        };
    }

    private static FrontierOutcome Point(RotationResult result, decimal periods, decimal trainingWeight) =>
        result.Objective is not { } objective
            ? new FrontierOutcome(null, new FrontierGap(periods, result.Status, result.Explanation))
            : new FrontierOutcome(
                new FrontierPoint
                {
                    Value = periods,
                    Objective = objective,
                    Bound = result.Bound,
                    Status = result.Status,
                    TrainingHours = result.TrainingHours,
                    ReassignedHours = result.ReassignedHours,
                    Fragments = result.Fragments,
                    Cost = Cost(result.TrainingHours, result.ReassignedHours, trainingWeight),
                    SolveTime = result.SolveTime,
                },
                null);

    private static decimal Cost(decimal training, decimal reassigned, decimal trainingWeight) => (trainingWeight * training) + reassigned;

    /// <summary>What one solve gave: a point, or a gap.</summary>
    private sealed record FrontierOutcome(FrontierPoint? Point, FrontierGap? Gap);

    /// <summary>Runs the solves of one frontier, reporting progress, stopping when cancelled, and collecting their points.</summary>
    private sealed class Tracer(FrontierAxis axis, int total, IProgress<TradeOffProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly List<FrontierPoint> _points = [];
        private readonly List<FrontierGap> _gaps = [];
        private int _completed;

        /// <summary>Solves one balancing point unless cancelled; returns its point, if it has one.</summary>
        public FrontierPoint? Solve(decimal? value, string step, Func<BalancingResult> solve, FrontierOptions options, decimal? level) =>
            Solve(step, () => Point(solve(), value, options, level));

        public FrontierResult Result()
        {
            var kept = NonDominated(_points);
            return new FrontierResult
            {
                Axis = axis,
                Points = kept,
                Dominated = _points.Where(p => !kept.Any(k => ReferenceEquals(k, p))).ToArray(),
                Gaps = _gaps,
                Cancelled = cancellationToken.IsCancellationRequested,
            };
        }

        /// <summary>Solves one point unless cancelled; returns it, if it has a plan.</summary>
        public FrontierPoint? Solve(string step, Func<FrontierOutcome> solve)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            var outcome = solve();
            if (outcome.Point is { } point)
            {
                _points.Add(point);
            }
            else
            {
                _gaps.Add(outcome.Gap!);
            }

            progress?.Report(new TradeOffProgress(++_completed, total, step));
            return outcome.Point;
        }
    }
}
