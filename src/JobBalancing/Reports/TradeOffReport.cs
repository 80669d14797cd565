using System.Globalization;
using System.Text;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO.Csv;

namespace JobBalancing.Reports;

/// <summary>Frontiers and scenario comparisons as tables people read: CSV for spreadsheets, Markdown for reports.</summary>
/// <example>
/// <code>
/// var frontier = Frontier.AgainstCost(workplace);
/// File.WriteAllText("frontier.csv", TradeOffReport.FrontierCsv(frontier));
/// </code>
/// </example>
public static class TradeOffReport
{
    /// <summary>The columns of <see cref="FrontierCsv"/>, in order.</summary>
    public static IReadOnlyList<string> FrontierColumns { get; } =
        ["value", "objective", "bound", "status", "level", "trainingHours", "reassignedHours", "cost", "fragments", "solveSeconds"];

    /// <summary>The columns of <see cref="ScenarioCsv"/>, in order.</summary>
    public static IReadOnlyList<string> ScenarioColumns { get; } =
    [
        "scenario", "status", "objective", "bound", "trainingHours", "reassignedHours", "fragments", "objectiveChange",
        "trainingHoursChange", "reassignedHoursChange", "fragmentsChange",
    ];

    /// <summary>What a frontier's <see cref="FrontierPoint.Value"/> is, with its unit, for column headings and axes.</summary>
    /// <param name="axis">The frontier's axis.</param>
    /// <returns><c>cost (h)</c>, <c>max tasks per worker (K)</c> or <c>horizon (periods)</c>.</returns>
    public static string ValueName(FrontierAxis axis) => axis switch
    {
        FrontierAxis.Cost => "cost: training + reassigned hours (h)",
        FrontierAxis.Fragmentation => "max tasks per worker (K)",
        FrontierAxis.Horizon => "horizon (periods)",
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "not a frontier axis"),
    };

    /// <summary>A row per non-dominated point, cheapest first, with a header row.</summary>
    /// <param name="frontier">The frontier.</param>
    /// <param name="separator"><c>,</c>, or <c>;</c> for decimal commas.</param>
    /// <returns>The CSV text.</returns>
    public static string FrontierCsv(FrontierResult frontier, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var rows = frontier.Points.Select(p => (IReadOnlyList<string>)
        [
            F(p.Value), F(p.Objective), F(p.Bound), p.Status.ToString(), p.Level is { } level ? F(level) : "", F(p.TrainingHours),
            F(p.ReassignedHours), F(p.Cost), p.Fragments.ToString(CultureInfo.InvariantCulture),
            p.SolveTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        ]);
        return CsvTable.Write(separator, rows.Prepend(FrontierColumns));

        string F(decimal value) => CsvTable.Format(value, separator);
    }

    /// <summary>The frontier as a Markdown table, with the points it dropped and the values that gave no plan.</summary>
    /// <param name="frontier">The frontier.</param>
    /// <param name="workplace">The workplace it was traced for, named in the heading.</param>
    /// <returns>The Markdown text.</returns>
    public static string FrontierMarkdown(FrontierResult frontier, Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        ArgumentNullException.ThrowIfNull(workplace);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Balance against {AxisWords(frontier.Axis)}: {workplace.DisplayName}\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"{frontier.Points.Count} non-dominated points ({frontier.Dominated.Count} dominated dropped). Objective and bound in rating points; lower is better balanced.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"| {ValueName(frontier.Axis)} | objective | proven bound | status | level | training (h) | reassigned (h) | fragments |\n");
        text.Append("|--:|--:|--:|---|--:|--:|--:|--:|\n");
        foreach (var p in frontier.Points)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {PlanReport.S(p.Value)} | {PlanReport.S(p.Objective)} | {PlanReport.S(p.Bound)} | {p.Status} | {(p.Level is { } level ? PlanReport.S(level) : frontier.Axis == FrontierAxis.Cost ? "best" : "—")} | {PlanReport.S(p.TrainingHours)} | {PlanReport.S(p.ReassignedHours)} | {p.Fragments} |\n");
        }

        if (frontier.Dominated.Count > 0)
        {
            text.Append("\nDominated (another point balances at least as well for no more):\n\n");
            foreach (var p in frontier.Dominated)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"- {PlanReport.S(p.Value)}: objective {PlanReport.S(p.Objective)}{(p.Level is { } level ? $" (level {PlanReport.S(level)})" : "")}, {p.Status}\n");
            }
        }

        if (frontier.Gaps.Count > 0)
        {
            text.Append("\nNo plan:\n\n");
            foreach (var gap in frontier.Gaps)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {PlanReport.S(gap.Value)}: {gap.Status}{(gap.Explanation is { } why ? " — " + PlanReport.Cell(why) : "")}\n");
            }
        }

        if (frontier.Cancelled)
        {
            text.Append("\nCancelled before every point was tried.\n");
        }

        return text.ToString();
    }

    /// <summary>A row per scenario, in order, with its figures and their differences from the first scenario.</summary>
    /// <param name="outcomes">The comparison.</param>
    /// <param name="separator"><c>,</c>, or <c>;</c> for decimal commas.</param>
    /// <returns>The CSV text, with a header row.</returns>
    public static string ScenarioCsv(IReadOnlyList<ScenarioOutcome> outcomes, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = outcomes.Select(o => (IReadOnlyList<string>)
        [
            o.Scenario.Name, o.Result.Status.ToString(), F(o.Result.Plan?.Objective), F(o.Result.Bound), F(o.Result.Plan?.Costs.TrainingHours),
            F(o.Result.Plan?.Costs.ReassignedHours), o.Result.Plan?.Costs.Fragments.ToString(CultureInfo.InvariantCulture) ?? "",
            F(o.ObjectiveChange), F(o.TrainingHoursChange), F(o.ReassignedHoursChange), o.FragmentsChange?.ToString(CultureInfo.InvariantCulture) ?? "",
        ]);
        return CsvTable.Write(separator, rows.Prepend(ScenarioColumns));

        string F(decimal? value) => value is { } v ? CsvTable.Format(v, separator) : "";
    }

    /// <summary>The scenarios side by side as a Markdown table, differences from the first signed.</summary>
    /// <param name="outcomes">The comparison.</param>
    /// <returns>The Markdown text.</returns>
    public static string ScenarioMarkdown(IReadOnlyList<ScenarioOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"| scenario | status | objective | Δ objective | proven bound | training (h) | Δ training | reassigned (h) | Δ reassigned | fragments | Δ fragments |\n");
        text.Append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        foreach (var o in outcomes)
        {
            var plan = o.Result.Plan;
            text.Append(CultureInfo.InvariantCulture,
                $"| {PlanReport.Cell(o.Scenario.Name)} | {o.Result.Status} | {S(plan?.Objective)} | {D(o.ObjectiveChange)} | {S(o.Result.Bound)} | {S(plan?.Costs.TrainingHours)} | {D(o.TrainingHoursChange)} | {S(plan?.Costs.ReassignedHours)} | {D(o.ReassignedHoursChange)} | {(plan is null ? "—" : plan.Costs.Fragments.ToString(CultureInfo.InvariantCulture))} | {D(o.FragmentsChange)} |\n");
        }

        return text.ToString();

        static string S(decimal? value) => value is { } v ? PlanReport.S(v) : "—";
        static string D(decimal? value) => value is { } v ? PlanReport.Signed(v) : "—";
    }

    private static string AxisWords(FrontierAxis axis) => axis switch
    {
        FrontierAxis.Cost => "cost",
        FrontierAxis.Fragmentation => "fragmentation",
        _ => "horizon length",
    };
}
