using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.Analysis;

/// <summary>
/// One option set to solve a workplace under: a name, and what it changes — the rules, the weights, the level of balance
/// asked for. Immutable.
/// </summary>
public sealed record Scenario
{
    /// <summary>What the comparison calls this scenario: <c>K = 3</c>, <c>training allowed</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The rules to solve under; <see langword="null"/> keeps the workplace's own.</summary>
    public WorkplaceRules? Rules { get; init; }

    /// <summary>The objective's weights; <see langword="null"/> keeps the workplace's own.</summary>
    public ObjectiveWeights? Weights { get; init; }

    /// <summary>A level of balance to reach cheaply (see <see cref="BalancerOptions.MaxObjective"/>); <see langword="null"/> for the best balance.</summary>
    public decimal? MaxObjective { get; init; }

    /// <summary>The workplace as this scenario changes it.</summary>
    /// <param name="workplace">The workplace compared.</param>
    /// <returns>The workplace with this scenario's rules and weights.</returns>
    public Workplace Apply(Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        return workplace with { Rules = Rules ?? workplace.Rules, Weights = Weights ?? workplace.Weights };
    }
}

/// <summary>
/// One scenario's result beside the first scenario's (the baseline): the differences are this scenario's figure less
/// the baseline's, <see langword="null"/> when either has no plan. Immutable.
/// </summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Result">Its solve.</param>
/// <param name="ObjectiveChange">The objective less the baseline's: negative when better balanced.</param>
/// <param name="TrainingHoursChange">Training hours less the baseline's.</param>
/// <param name="ReassignedHoursChange">Reassigned hours less the baseline's.</param>
/// <param name="FragmentsChange">Fragments less the baseline's.</param>
public sealed record ScenarioOutcome(
    Scenario Scenario, BalancingResult Result, decimal? ObjectiveChange, decimal? TrainingHoursChange, decimal? ReassignedHoursChange, int? FragmentsChange);

/// <summary>The same workplace solved under several scenarios, side by side, each against the first.</summary>
/// <example>
/// <code>
/// var outcomes = ScenarioComparison.Compare(workplace,
///     [new Scenario { Name = "now" }, new Scenario { Name = "K = 3", Rules = workplace.Rules with { MaxTasksPerWorker = 3 } }]);
/// File.WriteAllText("scenarios.md", TradeOffReport.ScenarioMarkdown(outcomes));
/// </code>
/// </example>
public static class ScenarioComparison
{
    /// <summary>Solves <paramref name="workplace"/> under each of <paramref name="scenarios"/>, in order.</summary>
    /// <param name="workplace">The workplace; each scenario's version of it is validated.</param>
    /// <param name="scenarios">The scenarios, the first the baseline; names must be distinct.</param>
    /// <param name="options">How each scenario is solved (its <see cref="BalancerOptions.MaxObjective"/> is the scenario's).</param>
    /// <param name="progress">Receives a report after every solve.</param>
    /// <param name="cancellationToken">Stops the comparison; the scenarios solved so far are returned.</param>
    /// <returns>An outcome per scenario solved, in order.</returns>
    /// <exception cref="InvalidWorkplaceException">A scenario's workplace is invalid; every problem is listed, the path naming the scenario.</exception>
    /// <exception cref="ArgumentException">No scenarios, two with the same name, or invalid options.</exception>
    public static IReadOnlyList<ScenarioOutcome> Compare(
        Workplace workplace, IReadOnlyList<Scenario> scenarios, BalancerOptions? options = null, IProgress<TradeOffProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("Name at least one scenario.", nameof(scenarios));
        }

        if (scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Two scenarios are named \"{repeated.Key}\"; give each its own name.", nameof(scenarios));
        }

        options ??= new BalancerOptions();
        var workplaces = scenarios.Select(s => s.Apply(workplace)).ToArray();
        var problems = workplaces
            .SelectMany((w, i) => w.Validate().Select(p => new ValidationProblem($"scenarios[{i}] ({scenarios[i].Name})" + (p.Path.Length > 0 ? "." + p.Path : ""), p.Message)))
            .ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidWorkplaceException(problems);
        }

        var outcomes = new List<ScenarioOutcome>();
        for (var i = 0; i < scenarios.Count && !cancellationToken.IsCancellationRequested; i++)
        {
            var balancer = new Balancer(Frontier.WithMaxObjective(options, scenarios[i].MaxObjective));
            var result = balancer.Balance(workplaces[i], cancellationToken: cancellationToken);
            outcomes.Add(Against(scenarios[i], result, outcomes.Count == 0 ? result.Plan : outcomes[0].Result.Plan));
            progress?.Report(new TradeOffProgress(i + 1, scenarios.Count, scenarios[i].Name));
        }

        return outcomes;
    }

    private static ScenarioOutcome Against(Scenario scenario, BalancingResult result, Plan? baseline) =>
        result.Plan is { } plan && baseline is not null
            ? new ScenarioOutcome(
                scenario, result, plan.Objective - baseline.Objective, plan.Costs.TrainingHours - baseline.Costs.TrainingHours,
                plan.Costs.ReassignedHours - baseline.Costs.ReassignedHours, plan.Costs.Fragments - baseline.Costs.Fragments)
            : new ScenarioOutcome(scenario, result, null, null, null, null);
}
