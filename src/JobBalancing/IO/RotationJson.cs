using System.Text.Json;
using JobBalancing.Domain;
using JobBalancing.Solving;
using static JobBalancing.IO.ResultJson;

namespace JobBalancing.IO;

/// <summary>
/// Writes a <see cref="RotationResult"/> as JSON (<c>jobbalancing.rotation/1</c>): the horizon's figures, each worker's
/// horizon scores, and each period's plan in the form of the result JSON, with its <c>period</c> number (from 1).
/// </summary>
public static class RotationJson
{
    /// <summary>The format and version of the rotation JSON, written as its <c>"format"</c> field.</summary>
    public const string FormatName = "jobbalancing.rotation/1";

    /// <summary>Writes <paramref name="result"/> as indented JSON.</summary>
    /// <param name="result">The result of a rotation.</param>
    /// <param name="workplace">The workplace that was planned, to name it; <see langword="null"/> when it could not be read.</param>
    /// <param name="problems">The problems with the input, when it was invalid.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(RotationResult result, Workplace? workplace = null, IReadOnlyList<ValidationProblem>? problems = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonOutput.Write(writer => WriteRotation(writer, result, workplace, problems ?? []));
    }

    private static void WriteRotation(Utf8JsonWriter writer, RotationResult result, Workplace? workplace, IReadOnlyList<ValidationProblem> problems)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        WriteWorkplaceName(writer, workplace);

        writer.WriteString("status", result.Status.ToString());
        writer.WriteString("balance", result.Balance.ToString().ToLowerInvariant());
        if (result.Explanation is not null)
        {
            writer.WriteString("explanation", result.Explanation);
        }

        if (problems.Count > 0)
        {
            writer.WriteArray("problems", problems, WriteProblem);
        }

        writer.WriteStartObject("objective");
        WriteRounded(writer, "value", result.Objective);
        WriteRounded(writer, "bound", result.Bound);
        WriteRounded(writer, "horizon", result.Periods.Count > 0 ? result.HorizonObjective : null);
        WriteRounded(writer, "worstPeriod", result.Periods.Count > 0 ? result.WorstPeriodObjective : null);
        writer.WriteEndObject();
        writer.WriteString("boundSource", result.BoundSource);
        WriteRounded(writer, "gap", result.Gap);
        if (result.Periods.Count > 0)
        {
            writer.WriteStartObject("averages");
            WriteRounded(writer, "empowerment", result.AverageEmpowerment);
            WriteRounded(writer, "desirability", result.AverageDesirability);
            writer.WriteEndObject();
            writer.WriteArray("workers", result.Workers, static (w, score) =>
            {
                w.WriteStartObject();
                w.WriteString("worker", score.Worker);
                WriteRounded(w, "hours", score.Hours);
                WriteRounded(w, "empowerment", score.Empowerment);
                WriteRounded(w, "desirability", score.Desirability);
                w.WriteEndObject();
            });
            writer.WriteStartObject("costs");
            WriteRounded(writer, "trainingHours", result.TrainingHours);
            WriteRounded(writer, "reassignedHours", result.ReassignedHours);
            writer.WriteNumber("taskSwitches", result.TaskSwitches);
            writer.WriteNumber("fragments", result.Fragments);
            writer.WriteEndObject();
        }

        writer.WriteArray("periods", result.Periods.Select((plan, index) => (plan, index)), static (w, period) =>
        {
            w.WriteStartObject();
            w.WriteNumber("period", period.index + 1);
            w.WriteStartObject("objective");
            WriteRounded(w, "value", period.plan.Objective);
            WriteRounded(w, "empowermentMaxDeviation", period.plan.EmpowermentMaxDeviation);
            WriteRounded(w, "desirabilityMaxDeviation", period.plan.DesirabilityMaxDeviation);
            w.WriteEndObject();
            WritePlan(w, period.plan);
            w.WriteEndObject();
        });
        WriteRounded(writer, "solveSeconds", (decimal)result.SolveTime.TotalSeconds);
        writer.WriteEndObject();
    }
}
