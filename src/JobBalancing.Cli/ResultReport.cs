using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.Solving;
using static JobBalancing.Cli.TextTable.Align;

namespace JobBalancing.Cli;

/// <summary>The result of a solve as people read it: a few lines about the plan, a row per job, then the costs.</summary>
internal static class ResultReport
{
    /// <summary>Writes the report of a result that has a plan.</summary>
    public static void Write(TextWriter output, BalancingResult result, Workplace workplace)
    {
        var plan = result.Plan ?? throw new ArgumentException("the result has no plan to report", nameof(result));
        output.WriteLine(workplace.Name is null ? workplace.Id : $"{workplace.Name} ({workplace.Id})");
        WriteLine(output, "status", result.Status.ToString());
        WriteLine(output, "objective", $"{Score(plan.Objective)} (largest deviations: empowerment {Score(plan.EmpowermentMaxDeviation)}, desirability {Score(plan.DesirabilityMaxDeviation)})");
        WriteLine(output, "bound", $"{Score(result.Bound)} ({result.BoundSource}), gap {Score(result.Gap ?? 0)}");
        WriteLine(output, "averages", $"empowerment {Score(plan.EmpowermentAverage)}, desirability {Score(plan.DesirabilityAverage)}");
        WriteLine(output, "solve time", Seconds(result.SolveTime));
        output.WriteLine();

        var jobs = new TextTable(Left, Right, Right, Right, Right, Right, Left);
        jobs.AddRow("worker", "hours", "empowerment", "vs avg", "desirability", "vs avg", "tasks");
        foreach (var job in plan.Jobs)
        {
            jobs.AddRow(
                job.Worker,
                Hours(job.Hours),
                Column(job.Empowerment),
                Deviation(job.EmpowermentDeviation),
                Column(job.Desirability),
                Deviation(job.DesirabilityDeviation),
                string.Join(", ", job.Tasks.Select(t => $"{t.Task} {Hours(t.Hours)}")));
        }

        jobs.WriteTo(output);
        output.WriteLine();
        var costs = plan.Costs;
        WriteLine(output, "costs", $"training {Hours(costs.TrainingHours)} h, reassigned {Hours(costs.ReassignedHours)} h, {Count(costs.Fragments, "task fragment")}");
    }

    /// <summary>One line that says what happened and where the result went, for runs that write it to a file.</summary>
    public static string Summary(BalancingResult result, string resultPath)
    {
        var outcome = result.Plan is { } plan
            ? $"{result.Status}: objective {Score(plan.Objective)}, bound {Score(result.Bound)}, gap {Score(result.Gap ?? 0)}; {Count(plan.Jobs.Count, "job")} in {Seconds(result.SolveTime)}"
            : result.Status == SolveStatus.Invalid
                ? $"{result.Status}: {Count(result.Problems.Count, "problem")}"
                : $"{result.Status}: no plan";
        return $"{outcome}; result written to {resultPath}";
    }

    private static string Count(int count, string thing) => count == 1 ? $"1 {thing}" : $"{count} {thing}s";

    private static void WriteLine(TextWriter output, string label, string value) => output.WriteLine($"{label,-11} {value}");

    /// <summary>A score or deviation, to three decimals at most: <c>0.12</c>.</summary>
    private static string Score(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A score in a column, always three decimals, so that the column lines up on the point.</summary>
    private static string Column(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>A deviation from the average, signed so that above and below read apart: <c>+0.100</c>.</summary>
    private static string Deviation(decimal value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static string Hours(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture);
}
