using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Ratings;

/// <summary>How <see cref="RatingSensitivity"/> probes a workplace. A plain options object with documented defaults.</summary>
public sealed class SensitivityOptions
{
    /// <summary>
    /// How many perturbed workplaces to re-solve.
    /// <value>The default value is 8.</value>
    /// </summary>
    public int Scenarios { get; set; } = 8;

    /// <summary>
    /// The seed of the perturbations: the same seed gives the same perturbed ratings.
    /// <value>The default value is 0.</value>
    /// </summary>
    public int Seed { get; set; }

    /// <summary>
    /// How far ratings move, in multiples of their uncertainty: each moves by a uniform amount in
    /// <c>±factor·spread</c>.
    /// <value>The default value is 1.</value>
    /// </summary>
    public double SpreadFactor { get; set; } = 1;

    /// <summary>
    /// How each solve (the baseline and every scenario) runs; keep its time limit short.
    /// <value>The default is a 5-second time limit and the balancer's other defaults.</value>
    /// </summary>
    public BalancerOptions Balancer { get; set; } = new() { TimeLimit = TimeSpan.FromSeconds(5) };

    /// <summary>Every problem with these options, at once.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Scenarios is < 0 or > 10_000)
        {
            problems.Add($"Scenarios: {Scenarios} must be between 0 and 10000");
        }

        if (!(SpreadFactor is >= 0 and <= 100))
        {
            problems.Add($"SpreadFactor: {SpreadFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be between 0 and 100");
        }

        if (Balancer is null)
        {
            problems.Add("Balancer: must not be null");
        }
        else
        {
            problems.AddRange(Balancer.Validate().Select(p => "Balancer." + p));
        }

        return problems;
    }
}

/// <summary>One re-solve under perturbed ratings. Immutable.</summary>
/// <param name="Status">How the solve ended.</param>
/// <param name="Objective">The objective of the plan found for the perturbed ratings; <see langword="null"/> without a plan.</param>
/// <param name="BaselinePlanObjective">The objective the baseline plan has under the perturbed ratings: what keeping the plan would cost.</param>
/// <param name="HoursMoved">Hours that moved between tasks compared with the baseline plan: <c>½ Σ_w Σ_t |x[w,t] − x₀[w,t]|</c>.</param>
/// <param name="JobsChanged">The number of workers whose job differs from the baseline plan.</param>
public sealed record SensitivityScenario(SolveStatus Status, decimal? Objective, decimal BaselinePlanObjective, decimal HoursMoved, int JobsChanged);

/// <summary>How much the baseline plan's balance depends on one rating. Immutable.</summary>
/// <param name="Task">The task's identifier.</param>
/// <param name="Dimension">Which rating.</param>
/// <param name="Spread">How far the rating was moved either way.</param>
/// <param name="ObjectiveChange">The larger change of the baseline plan's objective when the rating moves up or down by <paramref name="Spread"/>, the plan held fixed.</param>
public sealed record RatingInfluence(string Task, RatingDimension Dimension, decimal Spread, decimal ObjectiveChange);

/// <summary>How a balanced plan depends on ratings the council disagrees about. Immutable.</summary>
public sealed record SensitivityReport
{
    /// <summary>The solve with the ratings as given.</summary>
    public required BalancingResult Baseline { get; init; }

    /// <summary>The re-solves under perturbed ratings; empty when the baseline found no plan.</summary>
    public required IReadOnlyList<SensitivityScenario> Scenarios { get; init; }

    /// <summary>Each uncertain rating's influence on the baseline plan, the largest first; empty when the baseline found no plan.</summary>
    public required IReadOnlyList<RatingInfluence> Influences { get; init; }
}

/// <summary>
/// Sensitivity of a balanced plan to its ratings: re-solves the workplace under ratings moved at random within the
/// council's disagreement and reports how objective and jobs change, and which ratings the plan depends on most.
/// </summary>
public static class RatingSensitivity
{
    /// <summary>Probes <paramref name="workplace"/>.</summary>
    /// <param name="workplace">The rated workplace.</param>
    /// <param name="uncertainties">How far each rating may move, such as <see cref="AggregatedRatings.Uncertainties"/>; unlisted ratings stay.</param>
    /// <param name="options">How many scenarios and how each solve runs; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the analysis between and inside solves.</param>
    /// <returns>The baseline, the scenarios and the influences.</returns>
    /// <exception cref="InvalidWorkplaceException">The workplace is invalid.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or an uncertainty names an unknown task or a negative spread.</exception>
    public static SensitivityReport Analyze(
        Workplace workplace, IReadOnlyList<RatingUncertainty> uncertainties, SensitivityOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentNullException.ThrowIfNull(uncertainties);
        options ??= new SensitivityOptions();
        var problems = options.Validate().ToList();
        var taskIndex = workplace.Tasks.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        problems.AddRange(uncertainties.Where(u => u is null || !taskIndex.ContainsKey(u.Task) || u.Spread < 0)
            .Select(u => u is null ? "uncertainties: must not contain null" : $"uncertainty of \"{u.Task}\": unknown task or negative spread {Numbers.Format(u.Spread)}"));
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid sensitivity analysis: " + string.Join("; ", problems), nameof(options));
        }

        // In the workplace's order, so that a seed gives the same perturbation whatever order the caller used.
        var ordered = uncertainties.OrderBy(u => taskIndex[u.Task]).ThenBy(u => u.Dimension).ToArray();
        var balancer = new Balancer(options.Balancer);
        var baseline = balancer.Balance(workplace, cancellationToken: cancellationToken);
        if (baseline.Plan is not { } plan)
        {
            return new SensitivityReport { Baseline = baseline, Scenarios = [], Influences = [] };
        }

        var hours = HoursOf(plan);
        var random = new Random(options.Seed);
        var scenarios = new List<SensitivityScenario>(options.Scenarios);
        for (var s = 0; s < options.Scenarios && !cancellationToken.IsCancellationRequested; s++)
        {
            var perturbed = workplace;
            foreach (var u in ordered)
            {
                var shift = (decimal)(((2 * random.NextDouble()) - 1) * options.SpreadFactor) * u.Spread;
                perturbed = Shift(perturbed, u.Task, u.Dimension, shift);
            }

            var result = balancer.Balance(perturbed, cancellationToken: cancellationToken);
            var (moved, changed) = result.Plan is { } other ? Difference(hours, HoursOf(other)) : (0m, 0);
            scenarios.Add(new SensitivityScenario(
                result.Status, result.Plan?.Objective, PlanEvaluator.Evaluate(perturbed, hours).Objective, moved, changed));
        }

        var influences = ordered
            .Where(u => u.Spread > 0)
            .Select(u => new RatingInfluence(u.Task, u.Dimension, u.Spread, Math.Max(
                Math.Abs(PlanEvaluator.Evaluate(Shift(workplace, u.Task, u.Dimension, u.Spread), hours).Objective - plan.Objective),
                Math.Abs(PlanEvaluator.Evaluate(Shift(workplace, u.Task, u.Dimension, -u.Spread), hours).Objective - plan.Objective))))
            .OrderByDescending(i => i.ObjectiveChange)
            .ToList();
        return new SensitivityReport { Baseline = baseline, Scenarios = scenarios, Influences = influences };
    }

    /// <summary>The workplace with one rating moved by <paramref name="shift"/>, kept on the scale and to 4 decimals.</summary>
    private static Workplace Shift(Workplace workplace, string task, RatingDimension dimension, decimal shift) =>
        workplace with
        {
            Tasks = workplace.Tasks
                .Select(t => t.Id == task ? t.WithRating(dimension, RatingChecks.ToStoredRating(t.RatingOf(dimension) + shift, workplace.RatingScale)) : t)
                .ToList(),
        };

    private static Dictionary<string, IReadOnlyDictionary<string, decimal>> HoursOf(Plan plan) =>
        plan.Jobs.ToDictionary(
            j => j.Worker,
            j => (IReadOnlyDictionary<string, decimal>)j.Tasks.ToDictionary(t => t.Task, t => t.Hours, StringComparer.Ordinal),
            StringComparer.Ordinal);

    private static (decimal HoursMoved, int JobsChanged) Difference(
        Dictionary<string, IReadOnlyDictionary<string, decimal>> before, Dictionary<string, IReadOnlyDictionary<string, decimal>> after)
    {
        decimal moved = 0;
        var changed = 0;
        foreach (var (worker, tasks) in before)
        {
            var other = after.GetValueOrDefault(worker) ?? ImmutableList.EmptyHours;
            var difference = tasks.Keys.Union(other.Keys).Sum(t => Math.Abs(tasks.GetValueOrDefault(t) - other.GetValueOrDefault(t)));
            moved += difference;
            changed += difference > 0 ? 1 : 0;
        }

        return (moved / 2, changed);
    }
}
