using System.Text.Json;
using JobBalancing.Domain;
using JobBalancing.Policies;

namespace JobBalancing.IO;

/// <summary>
/// Writes region results, one per policy, as the comparison JSON of <c>jobbalancing compare</c>
/// (<c>jobbalancing.comparison/1</c>): per policy its status, the region-level bound (<c>regionBound</c>,
/// <c>regionBoundSource</c>), parts (with what each proved, and whether it is a cluster), regions (balance at every
/// level and costs), councils (balance, costs, cost per member, SB/SC before and after) and jobs. Numbers are rounded to
/// <see cref="ResultJson.Decimals"/> decimals.
/// </summary>
public static class ComparisonJson
{
    /// <summary>The format and version of the comparison JSON, written as its <c>"format"</c> field.</summary>
    public const string FormatName = "jobbalancing.comparison/1";

    /// <summary>Writes <paramref name="results"/> for <paramref name="region"/> as indented JSON.</summary>
    /// <param name="region">The region that was balanced.</param>
    /// <param name="results">One result per policy.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(Region region, IReadOnlyList<RegionResult> results)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(results);
        return JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteString("region", region.Id);
            writer.WriteArray("policies", results, WriteResult);
            writer.WriteEndObject();
        });
    }

    /// <summary>A policy's name as files and the command line spell it: <c>regionalMix</c>.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The name in camel case.</returns>
    public static string Name(Policy policy)
    {
        var name = policy.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static void WriteResult(Utf8JsonWriter writer, RegionResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("policy", Name(result.Policy));
        writer.WriteString("status", result.Status.ToString());
        if (result.Explanation is not null)
        {
            writer.WriteString("explanation", result.Explanation);
        }

        writer.WriteDecimal("solveSeconds", Round((decimal)result.SolveTime.TotalSeconds));
        writer.WriteDecimal("regionBound", Round(result.Bound));
        writer.WriteString("regionBoundSource", result.BoundSource);
        writer.WriteArray("parts", result.Parts, WritePart);
        if (result.Plan is { } plan)
        {
            WriteCosts(writer, "costs", plan.Costs);
            if (plan.Money is { } money)
            {
                writer.WriteDecimal("money", Round(money));
            }

            writer.WriteArray("regions", plan.Regions, WriteRegion);
            writer.WriteArray("councils", plan.Councils, WriteCouncil);
            writer.WriteArray("jobs", plan.Jobs, WriteJob);
        }

        writer.WriteEndObject();
    }

    private static void WritePart(Utf8JsonWriter writer, RegionPart part)
    {
        writer.WriteStartObject();
        writer.WriteStrings("workplaces", part.Workplaces);
        writer.WriteString("status", part.Status.ToString());
        writer.WriteDecimal("objective", Round(part.Objective));
        writer.WriteDecimal("bound", Round(part.Bound));
        writer.WriteString("boundSource", part.BoundSource);
        writer.WriteBoolean("cluster", part.IsCluster);
        writer.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter writer, RegionMetrics region)
    {
        writer.WriteStartObject();
        writer.WriteString("region", region.Region);
        writer.WriteDecimal("objective", Round(region.Objective));
        writer.WriteDecimal("empowermentMaxDeviation", Round(region.EmpowermentMaxDeviation));
        writer.WriteDecimal("desirabilityMaxDeviation", Round(region.DesirabilityMaxDeviation));
        writer.WriteDecimal("worstWorkplaceObjective", Round(region.WorstWorkplaceObjective));
        writer.WriteDecimal("workplaceEmpowermentRange", Round(region.WorkplaceEmpowermentRange));
        writer.WriteDecimal("workplaceDesirabilityRange", Round(region.WorkplaceDesirabilityRange));
        writer.WriteNumber("empowermentGini", Math.Round(region.EmpowermentSpread.Gini, ResultJson.Decimals));
        writer.WriteNumber("desirabilityGini", Math.Round(region.DesirabilitySpread.Gini, ResultJson.Decimals));
        writer.WriteStartObject("averages");
        writer.WriteDecimal("empowerment", Round(region.EmpowermentAverage));
        writer.WriteDecimal("desirability", Round(region.DesirabilityAverage));
        writer.WriteEndObject();
        WriteCosts(writer, "costs", region.Costs);
        writer.WriteEndObject();
    }

    private static void WriteCouncil(Utf8JsonWriter writer, CouncilOutcome council)
    {
        writer.WriteStartObject();
        writer.WriteString("workplace", council.Workplace);
        writer.WriteString("region", council.Region);
        if (council.Enterprise is not null)
        {
            writer.WriteString("enterprise", council.Enterprise);
        }

        writer.WriteNumber("members", council.Members);
        writer.WriteDecimal("objective", Round(council.Objective));
        writer.WriteDecimal("empowermentAverage", Round(council.EmpowermentAverage));
        writer.WriteDecimal("desirabilityAverage", Round(council.DesirabilityAverage));
        WriteCosts(writer, "costs", council.Costs);
        writer.WriteDecimal("costPerMember", Round(council.CostPerMember));
        writer.WriteDecimal("benefitCostRatioBefore", Round(council.BenefitCostRatioBefore));
        writer.WriteDecimal("benefitCostRatioAfter", Round(council.BenefitCostRatioAfter));
        writer.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter writer, RegionJob job)
    {
        writer.WriteStartObject();
        writer.WriteString("worker", job.Worker);
        writer.WriteString("home", job.Home);
        writer.WriteDecimal("hours", job.Hours);
        writer.WriteDecimal("empowerment", Round(job.Empowerment));
        writer.WriteDecimal("desirability", Round(job.Desirability));
        writer.WriteDecimal("empowermentDeviation", Round(job.EmpowermentDeviation));
        writer.WriteDecimal("desirabilityDeviation", Round(job.DesirabilityDeviation));
        writer.WriteDecimal("payPremium", Round(job.PayPremium));
        writer.WriteArray("tasks", job.Tasks, static (w, t) =>
        {
            w.WriteStartObject();
            w.WriteString("workplace", t.Workplace);
            w.WriteString("task", t.Task);
            w.WriteDecimal("hours", t.Hours);
            w.WriteEndObject();
        });
        writer.WriteEndObject();
    }

    private static void WriteCosts(Utf8JsonWriter writer, string name, CostBreakdown costs)
    {
        writer.WriteStartObject(name);
        writer.WriteDecimal("trainingHours", Round(costs.TrainingHours));
        writer.WriteDecimal("reassignmentHours", Round(costs.ReassignmentHours));
        writer.WriteDecimal("recruitmentHours", Round(costs.RecruitmentHours));
        writer.WriteDecimal("onboardingHours", Round(costs.OnboardingHours));
        writer.WriteDecimal("coordinationHours", Round(costs.CoordinationHours));
        writer.WriteDecimal("compensationHours", Round(costs.CompensationHours));
        writer.WriteDecimal("totalHours", Round(costs.Total));
        writer.WriteEndObject();
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, ResultJson.Decimals) : null;
}
