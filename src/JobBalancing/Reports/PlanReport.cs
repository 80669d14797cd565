using System.Globalization;
using System.Text;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO.Csv;
using JobBalancing.Solving;

namespace JobBalancing.Reports;

/// <summary>
/// A plan as people read it: a CSV table with a row per worker and task, or a Markdown report with, for each worker,
/// a balance statement — their scores against the workplace averages, the tasks that pull them up or down, and what
/// changed from their current job.
/// </summary>
/// <example>
/// <code>
/// var file = ResultJson.Read(File.ReadAllText("result.json"));
/// File.WriteAllText("plan.md", PlanReport.Markdown(file.Workplace, file.Result));
/// </code>
/// </example>
public static class PlanReport
{
    /// <summary>The columns of <see cref="Csv"/>, in order.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "worker", "workerName", "task", "taskName", "hours", "currentHours", "taskEmpowerment", "taskDesirability",
        "jobEmpowerment", "jobDesirability",
    ];

    /// <summary>
    /// A row per worker and task the worker holds in the plan or held before, with the hours of both, the task's ratings
    /// and the job's scores; workers and tasks in the workplace's order.
    /// </summary>
    /// <param name="workplace">The workplace that was solved.</param>
    /// <param name="plan">A plan of it.</param>
    /// <param name="separator"><c>,</c>, or <c>;</c> for decimal commas.</param>
    /// <returns>The CSV text, with a header row.</returns>
    public static string Csv(Workplace workplace, Plan plan, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNotEqual(separator is ',' or ';', true, nameof(separator));
        string N(decimal value) => CsvTable.Format(Math.Round(value, 4, MidpointRounding.AwayFromZero), separator);

        var rows = new List<IReadOnlyList<string>> { CsvColumns };
        foreach (var (worker, job) in workplace.Workers.Zip(plan.Jobs))
        {
            foreach (var task in workplace.Tasks)
            {
                var hours = plan.HoursOf(worker.Id, task.Id);
                var current = worker.Current.GetValueOrDefault(task.Id);
                if (hours > 0 || current > 0)
                {
                    rows.Add([worker.Id, worker.DisplayName, task.Id, task.DisplayName, N(hours), N(current),
                        N(task.Empowerment), N(task.Desirability), N(job.Empowerment), N(job.Desirability)]);
                }
            }
        }

        return CsvTable.Write(separator, rows);
    }

    /// <summary>The Markdown report of a result: a summary, a table of jobs, and a balance statement per worker.</summary>
    /// <param name="workplace">The workplace that was solved.</param>
    /// <param name="result">Its result; without a plan, the report says why there is none.</param>
    /// <returns>The Markdown text.</returns>
    public static string Markdown(Workplace workplace, BalancingResult result)
    {
        ArgumentNullException.ThrowIfNull(workplace);
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Plan for {workplace.DisplayName}\n\n");
        if (result.Plan is not { } plan)
        {
            text.Append(CultureInfo.InvariantCulture, $"Status: **{result.Status}**. No plan.\n\n");
            if (result.Explanation is { } why)
            {
                text.Append(CultureInfo.InvariantCulture, $"{why}\n");
            }

            foreach (var rule in result.ConflictingRules)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {rule.Description}\n");
            }

            return text.ToString();
        }

        text.Append(CultureInfo.InvariantCulture,
            $"Status: **{result.Status}**. Objective {S(plan.Objective)} (proven bound {S(result.Bound)}): no job's empowerment is more than {S(plan.EmpowermentMaxDeviation)} from the average, no job's desirability more than {S(plan.DesirabilityMaxDeviation)}.\n\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Workplace averages: empowerment **{S(plan.EmpowermentAverage)}**, desirability **{S(plan.DesirabilityAverage)}**. Costs: {H(plan.Costs.TrainingHours)} of training, {H(plan.Costs.ReassignedHours)} reassigned, {plan.Costs.Fragments} task fragments.\n\n");
        text.Append("| worker | hours | empowerment | vs average | desirability | vs average | tasks |\n|---|--:|--:|--:|--:|--:|---|\n");
        foreach (var (worker, job) in workplace.Workers.Zip(plan.Jobs))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Cell(worker.DisplayName)} | {N(job.Hours)} | {S(job.Empowerment)} | {Signed(job.EmpowermentDeviation)} | {S(job.Desirability)} | {Signed(job.DesirabilityDeviation)} | {Cell(string.Join(", ", job.Tasks.Select(t => $"{Name(workplace, t.Task)} {H(t.Hours)}")))} |\n");
        }

        var current = workplace.Workers.Any(w => w.Current.Count > 0) ? PlanEvaluator.EvaluateCurrent(workplace) : null;
        text.Append("\n## Balance statements\n");
        foreach (var (worker, job) in workplace.Workers.Zip(plan.Jobs))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n### {worker.DisplayName}\n\n");
            text.Append(CultureInfo.InvariantCulture,
                $"- Empowerment {S(job.Empowerment)} against the average {S(plan.EmpowermentAverage)} ({Signed(job.EmpowermentDeviation)}); desirability {S(job.Desirability)} against {S(plan.DesirabilityAverage)} ({Signed(job.DesirabilityDeviation)}).\n");
            text.Append(CultureInfo.InvariantCulture, $"- Empowerment: {Pulls(workplace, job, plan.EmpowermentAverage, t => t.Empowerment)}.\n");
            text.Append(CultureInfo.InvariantCulture, $"- Desirability: {Pulls(workplace, job, plan.DesirabilityAverage, t => t.Desirability)}.\n");
            text.Append(CultureInfo.InvariantCulture, $"- {Change(workplace, worker, job, current?.Jobs.First(j => j.Worker == worker.Id))}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The tasks that pull a job's score above or below the average, by how much each does: a task rated <c>r</c> held
    /// for <c>x</c> of the job's <c>H</c> hours moves the score by <c>(r − average)·x/H</c> from the average.
    /// </summary>
    private static string Pulls(Workplace workplace, JobComplex job, decimal average, Func<WorkTask, decimal> rating)
    {
        var effects = job.Tasks
            .Select(t => (Task: Name(workplace, t.Task), Effect: (rating(Task(workplace, t.Task)) - average) * t.Hours / job.Hours))
            .Where(e => e.Effect != 0)
            .ToList();
        var up = effects.Where(e => e.Effect > 0).OrderByDescending(e => e.Effect).Select(e => $"{e.Task} ({Signed(e.Effect)})").ToList();
        var down = effects.Where(e => e.Effect < 0).OrderBy(e => e.Effect).Select(e => $"{e.Task} ({Signed(e.Effect)})").ToList();
        var parts = new List<string>();
        if (up.Count > 0)
        {
            parts.Add("pulled up by " + string.Join(", ", up));
        }

        if (down.Count > 0)
        {
            parts.Add("pulled down by " + string.Join(", ", down));
        }

        return parts.Count == 0 ? "every task at the average" : string.Join("; ", parts);
    }

    private static string Change(Workplace workplace, Worker worker, JobComplex job, JobComplex? before)
    {
        if (worker.Current.Count == 0 || before is null)
        {
            return "No current job recorded.";
        }

        var deltas = workplace.Tasks
            .Select(t => (Task: t.DisplayName, Delta: (job.Tasks.FirstOrDefault(x => x.Task == t.Id)?.Hours ?? 0) - worker.Current.GetValueOrDefault(t.Id)))
            .Where(c => c.Delta != 0)
            .ToList();
        var scores = $"empowerment {S(before.Empowerment)} → {S(job.Empowerment)}, desirability {S(before.Desirability)} → {S(job.Desirability)}";
        if (deltas.Count == 0)
        {
            return $"Same job as now ({scores}).";
        }

        var gained = deltas.Where(d => d.Delta > 0).Select(d => $"{d.Task} +{H(d.Delta)}");
        var given = deltas.Where(d => d.Delta < 0).Select(d => $"{d.Task} −{H(-d.Delta)}");
        return $"From the current job: {scores}; {string.Join(", ", gained.Concat(given))}.";
    }

    private static WorkTask Task(Workplace workplace, string id) => workplace.Tasks.First(t => t.Id == id);

    private static string Name(Workplace workplace, string id) => workplace.Tasks.FirstOrDefault(t => t.Id == id)?.DisplayName ?? id;

    /// <summary>A Markdown table cell: pipes escaped, line breaks as spaces.</summary>
    internal static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    internal static string S(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Signed(decimal value) => value.ToString("+0.###;−0.###;0", CultureInfo.InvariantCulture);

    private static string N(decimal value) => Numbers.Format(value);

    private static string H(decimal value) => Numbers.Hours(value);
}
