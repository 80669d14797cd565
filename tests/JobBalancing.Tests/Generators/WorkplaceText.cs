using System.Globalization;
using System.Text;
using JobBalancing.Domain;

namespace JobBalancing.Tests.Generators;

/// <summary>Workplaces and plans as text for failure messages: a workplace as the C# that builds it, so a failing case can be pasted into a test.</summary>
internal static class WorkplaceText
{
    public static string ToCSharp(Workplace workplace)
    {
        var text = new StringBuilder();
        text.AppendLine("new Workplace");
        text.AppendLine("{");
        text.AppendLine(Inv($"    Id = \"{workplace.Id}\","));
        if (workplace.HourUnit != 1)
        {
            text.AppendLine(Inv($"    HourUnit = {M(workplace.HourUnit)},"));
        }

        if (workplace.Skills.Count > 0)
        {
            text.AppendLine("    Skills = [" + string.Join(", ", workplace.Skills.Select(s => Inv($"new Skill {{ Id = \"{s.Id}\", TrainingHours = {M(s.TrainingHours)} }}"))) + "],");
        }

        text.AppendLine("    Tasks =");
        text.AppendLine("    [");
        foreach (var task in workplace.Tasks)
        {
            var extra = new StringBuilder();
            if (task.Skill is not null)
            {
                extra.Append(Inv($", Skill = \"{task.Skill}\""));
            }

            if (task.MinChunk is { } chunk)
            {
                extra.Append(Inv($", MinChunk = {M(chunk)}"));
            }

            if (task.MaxPerWorker is { } limit)
            {
                extra.Append(Inv($", MaxPerWorker = {M(limit)}"));
            }

            text.AppendLine(Inv($"        new WorkTask {{ Id = \"{task.Id}\", Hours = {M(task.Hours)}, Empowerment = {M(task.Empowerment)}, Desirability = {M(task.Desirability)}{extra} }},"));
        }

        text.AppendLine("    ],");
        text.AppendLine("    Workers =");
        text.AppendLine("    [");
        foreach (var worker in workplace.Workers)
        {
            var extra = new StringBuilder();
            if (worker.Skills.Count > 0)
            {
                extra.Append(", Skills = [" + string.Join(", ", worker.Skills.Select(s => $"\"{s}\"")) + "]");
            }

            if (worker.Current.Count > 0)
            {
                extra.Append(", Current = " + HoursText(worker.Current));
            }

            if (worker.Fixed.Count > 0)
            {
                extra.Append(", Fixed = " + HoursText(worker.Fixed));
            }

            if (worker.Excluded.Count > 0)
            {
                extra.Append(", Excluded = [" + string.Join(", ", worker.Excluded.Select(s => $"\"{s}\"")) + "]");
            }

            text.AppendLine(Inv($"        new Worker {{ Id = \"{worker.Id}\", Hours = {M(worker.Hours)}{extra} }},"));
        }

        text.AppendLine("    ],");
        if (workplace.Rules != WorkplaceRules.Default)
        {
            text.AppendLine(Inv($"    Rules = new WorkplaceRules {{ MaxTasksPerWorker = {(workplace.Rules.MaxTasksPerWorker?.ToString(CultureInfo.InvariantCulture) ?? "null")}, AllowTraining = {(workplace.Rules.AllowTraining ? "true" : "false")} }},"));
        }

        if (workplace.Weights != ObjectiveWeights.Default)
        {
            text.AppendLine(Inv($"    Weights = new ObjectiveWeights({M(workplace.Weights.Empowerment)}, {M(workplace.Weights.Desirability)}),"));
        }

        text.Append('}');
        return text.ToString();
    }

    /// <summary>A plan's hours, one worker a line: <c>w1: t1 2, t3 4</c>.</summary>
    public static string Hours(Plan plan) =>
        string.Join(Environment.NewLine, plan.Jobs.Select(j =>
            $"{j.Worker}: " + string.Join(", ", j.Tasks.Select(t => Inv($"{t.Task} {t.Hours}")))));

    private static string HoursText(IReadOnlyDictionary<string, decimal> hours) =>
        "new Dictionary<string, decimal> { " + string.Join(", ", hours.Select(p => Inv($"[\"{p.Key}\"] = {M(p.Value)}"))) + " }";

    private static string M(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture) + "m";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
