using System.Text.Json;
using JobBalancing.Diagnostics;
using JobBalancing.Domain;
using JobBalancing.Solving;

namespace JobBalancing.IO;

/// <summary>
/// Writes a <see cref="BalancingResult"/> as the result JSON of the command-line tool (<c>jobbalancing.result/1</c>).
/// </summary>
/// <remarks>
/// <para>
/// The contract's fields are always present, in this order: <c>status</c>, <c>objective</c> (<c>value</c>,
/// <c>bound</c>, <c>empowermentMaxDeviation</c>, <c>desirabilityMaxDeviation</c>), <c>averages</c>
/// (<c>empowerment</c>, <c>desirability</c>), <c>jobs</c> (each with <c>worker</c>, <c>hours</c>, <c>empowerment</c>,
/// <c>desirability</c> and <c>tasks</c> of <c>{ task, hours }</c>), <c>costs</c> (<c>trainingHours</c>,
/// <c>reassignedHours</c>) and <c>solveSeconds</c>. Without a plan, <c>objective.value</c> and the deviations are
/// <c>null</c>, as are <c>averages</c> and <c>costs</c>, and <c>jobs</c> is empty.
/// </para>
/// <para>
/// Beyond the contract it writes <c>format</c>, <c>workplace</c> (<c>id</c>, <c>name</c>) when given,
/// <c>boundSource</c>, <c>gap</c>, <c>explanation</c>, <c>conflictingRules</c> (<c>{ rule, task, worker, skill,
/// description }</c>, the minimal set of rules that conflict) and <c>problems</c> (<c>{ path, message }</c>) when there are any,
/// <c>costs.fragments</c>, per job <c>empowermentDeviation</c>, <c>desirabilityDeviation</c>, <c>trainingHours</c>,
/// <c>reassignedHours</c> and <c>newSkills</c>, and <c>metrics</c> with the <c>range</c>, <c>standardDeviation</c>
/// and <c>gini</c> of each dimension's job scores.
/// </para>
/// <para>
/// With the workplace given, it also writes <c>input</c>: the whole workplace as <see cref="WorkplaceJson"/> writes it,
/// so that the result can be read back (<see cref="Read"/>) and reported on without the workplace's file.
/// </para>
/// <para>Numbers are rounded to <see cref="Decimals"/> decimals, for people to read; the exact figures are on the result.</para>
/// </remarks>
public static class ResultJson
{
    /// <summary>The format and version of the result JSON, written as its <c>"format"</c> field.</summary>
    public const string FormatName = "jobbalancing.result/1";

    /// <summary>The decimals every number in the result is rounded to.</summary>
    public const int Decimals = 6;

    /// <summary>Reads a result JSON that <see cref="Write"/> wrote with its workplace, strictly.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The workplace of its <c>input</c> and the result, its plan recomputed exactly from the jobs' hours.</returns>
    /// <exception cref="InvalidWorkplaceException">
    /// The text is not valid JSON, is not a result of this format, has no <c>input</c> or an invalid one, names workers or
    /// tasks the workplace does not have, or its hours break the workplace's rules. Every problem is listed with its path.
    /// </exception>
    public static ResultFile Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ResultJsonReader.Read(json);
    }

    /// <summary>Writes <paramref name="result"/> as indented JSON.</summary>
    /// <param name="result">The result of a solve.</param>
    /// <param name="workplace">The workplace that was solved, to name it in the result; <see langword="null"/> when it could not be read.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(BalancingResult result, Workplace? workplace = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonOutput.Write(writer => WriteResult(writer, result, workplace));
    }

    private static void WriteResult(Utf8JsonWriter writer, BalancingResult result, Workplace? workplace)
    {
        var plan = result.Plan;
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        WriteWorkplaceName(writer, workplace);
        writer.WriteString("status", result.Status.ToString());
        if (result.Explanation is not null)
        {
            writer.WriteString("explanation", result.Explanation);
        }

        if (result.ConflictingRules.Count > 0)
        {
            writer.WriteArray("conflictingRules", result.ConflictingRules, WriteRule);
        }

        if (result.Problems.Count > 0)
        {
            writer.WriteArray("problems", result.Problems, WriteProblem);
        }

        writer.WriteStartObject("objective");
        WriteRounded(writer, "value", plan?.Objective);
        WriteRounded(writer, "bound", result.Bound);
        WriteRounded(writer, "empowermentMaxDeviation", plan?.EmpowermentMaxDeviation);
        WriteRounded(writer, "desirabilityMaxDeviation", plan?.DesirabilityMaxDeviation);
        writer.WriteEndObject();
        writer.WriteString("boundSource", result.BoundSource);
        WriteRounded(writer, "gap", result.Gap);

        if (plan is null)
        {
            writer.WriteNull("averages");
            writer.WriteStartArray("jobs");
            writer.WriteEndArray();
            writer.WriteNull("costs");
            writer.WriteNull("metrics");
        }
        else
        {
            WritePlan(writer, plan);
        }

        WriteRounded(writer, "solveSeconds", (decimal)result.SolveTime.TotalSeconds);
        if (workplace is not null)
        {
            writer.WritePropertyName("input");
            WorkplaceJson.WriteWorkplace(writer, workplace);
        }

        writer.WriteEndObject();
    }

    /// <summary>The <c>workplace</c> object that names what was solved (id and name), when it could be read.</summary>
    internal static void WriteWorkplaceName(Utf8JsonWriter writer, Workplace? workplace)
    {
        if (workplace is not null)
        {
            writer.WriteStartObject("workplace");
            writer.WriteString("id", workplace.Id);
            writer.WriteString("name", workplace.DisplayName);
            writer.WriteEndObject();
        }
    }

    internal static void WritePlan(Utf8JsonWriter writer, Plan plan)
    {
        writer.WriteStartObject("averages");
        WriteRounded(writer, "empowerment", plan.EmpowermentAverage);
        WriteRounded(writer, "desirability", plan.DesirabilityAverage);
        writer.WriteEndObject();

        writer.WriteArray("jobs", plan.Jobs, WriteJob);

        writer.WriteStartObject("costs");
        WriteRounded(writer, "trainingHours", plan.Costs.TrainingHours);
        WriteRounded(writer, "reassignedHours", plan.Costs.ReassignedHours);
        writer.WriteNumber("fragments", plan.Costs.Fragments);
        writer.WriteEndObject();

        if (plan.Violations.Count > 0)
        {
            writer.WriteStrings("violations", plan.Violations);
        }

        writer.WriteStartObject("metrics");
        WriteSpread(writer, "empowerment", plan.EmpowermentSpread);
        WriteSpread(writer, "desirability", plan.DesirabilitySpread);
        writer.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter writer, JobComplex job)
    {
        writer.WriteStartObject();
        writer.WriteString("worker", job.Worker);
        WriteRounded(writer, "hours", job.Hours);
        WriteRounded(writer, "empowerment", job.Empowerment);
        WriteRounded(writer, "desirability", job.Desirability);
        WriteRounded(writer, "empowermentDeviation", job.EmpowermentDeviation);
        WriteRounded(writer, "desirabilityDeviation", job.DesirabilityDeviation);
        WriteRounded(writer, "trainingHours", job.TrainingHours);
        WriteRounded(writer, "reassignedHours", job.ReassignedHours);
        writer.WriteStrings("newSkills", job.NewSkills);
        writer.WriteArray("tasks", job.Tasks, static (w, task) =>
        {
            w.WriteStartObject();
            w.WriteString("task", task.Task);
            WriteRounded(w, "hours", task.Hours);
            w.WriteEndObject();
        });
        writer.WriteEndObject();
    }

    private static void WriteSpread(Utf8JsonWriter writer, string name, ScoreSpread spread)
    {
        writer.WriteStartObject(name);
        WriteRounded(writer, "range", spread.Range);
        WriteRounded(writer, "standardDeviation", spread.StandardDeviation);
        WriteRounded(writer, "gini", spread.Gini);
        writer.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter writer, ConflictingRule rule)
    {
        writer.WriteStartObject();
        writer.WriteString("rule", JsonNamingPolicy.CamelCase.ConvertName(rule.Kind.ToString()));
        writer.WriteOptionalString("task", rule.Task);
        writer.WriteOptionalString("worker", rule.Worker);
        writer.WriteOptionalString("skill", rule.Skill);
        writer.WriteString("description", rule.Description);
        writer.WriteEndObject();
    }

    internal static void WriteProblem(Utf8JsonWriter writer, ValidationProblem problem)
    {
        writer.WriteStartObject();
        writer.WriteString("path", problem.Path);
        writer.WriteString("message", problem.Message);
        writer.WriteEndObject();
    }

    internal static void WriteRounded(Utf8JsonWriter writer, string name, decimal? value) =>
        writer.WriteDecimal(name, value is { } number ? Math.Round(number, Decimals, MidpointRounding.AwayFromZero) : null);

    /// <summary>
    /// A statistic computed in floating point, written as <c>null</c> when JSON cannot hold it (not finite) or a decimal
    /// cannot (beyond ±7.9e28, where the conversion would overflow).
    /// </summary>
    private static void WriteRounded(Utf8JsonWriter writer, string name, double value) =>
        WriteRounded(writer, name, double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? (decimal)value : null);
}

/// <summary>A result JSON read back by <see cref="ResultJson.Read"/>. Immutable.</summary>
/// <param name="Workplace">The workplace that was solved, from the result's <c>input</c>.</param>
/// <param name="Result">The result; its plan, when there is one, recomputed from the hours with <see cref="Analysis.PlanEvaluator"/>.</param>
public sealed record ResultFile(Workplace Workplace, BalancingResult Result);
