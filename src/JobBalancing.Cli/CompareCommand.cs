using System.CommandLine;
using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Policies;
using JobBalancing.Solving;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing compare REGION.json [--policies within,regionalMix,reallocation,compensation] [--time-limit S]
/// [--threads N] [--seed N] [--out result.json|table.csv]</c>: balances a region under each policy and prints the
/// policies side by side, a row each.
/// </summary>
internal sealed class CompareCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
{
    private readonly Argument<string> _region = new("region") { Description = $"The region's JSON file ({RegionJson.FormatName})." };

    private readonly Option<Policy[]> _policies = new("--policies")
    {
        Description = "The policies to compare, separated by commas: within, regionalMix, reallocation, compensation (default: all).",
        HelpName = "list",
        CustomParser = ParsePolicies,
    };

    private readonly Option<BalancingScope?> _scope = new("--scope")
    {
        Description = "Override the region file's scope of regionalMix and reallocation: region or enterprise.",
        HelpName = "scope",
        CustomParser = result => result.Tokens[0].Value switch
        {
            "region" => BalancingScope.Region,
            "enterprise" => BalancingScope.Enterprise,
            var other => Invalid(result, $"--scope: \"{other}\" is not a scope; expected region or enterprise"),
        },
    };

    private readonly SearchOptions _search = new("The time limit of each policy, in seconds, shared among its parts (solved in parallel).", 10);

    private readonly Option<string?> _out = OutputFile.Option(
        $"Write the comparison to this file: the table as CSV when it ends in .csv, else the JSON ({ComparisonJson.FormatName}).", "result.json", "comparison");

    public Command Build()
    {
        var command = new Command("compare", "Balance a region under each policy and compare balance at every level, costs and who pays. Exit code 0: every policy has a plan; 1: some has none; 2: invalid input.")
        {
            _region, _policies, _scope, _search.TimeLimit, _search.Threads, _search.Seed, _out,
        };
        command.SetAction(Run);
        return command;
    }

    /// <summary>The table's columns: one row per policy.</summary>
    internal static readonly string[] Columns =
    [
        "policy", "status", "regionDeviation", "regionBound", "partsProven", "worstWorkplaceDeviation", "workplaceRangeE", "workplaceRangeD", "giniE", "giniD",
        "trainingHours", "reassignmentHours", "recruitmentHours", "onboardingHours", "coordinationHours", "compensationHours", "totalHours",
        "mostChargedCouncil", "itsCostPerMember",
    ];

    /// <summary>
    /// A policy's row: the worst region's balance with its proven bound and how many parts are proven optimal, the costs
    /// over all regions, and the council charged most per member.
    /// </summary>
    internal static string[] Row(RegionResult result)
    {
        static string F(decimal value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
        static string G(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);
        var name = ComparisonJson.Name(result.Policy);
        if (result.Plan is not { } plan)
        {
            return [name, result.Status.ToString(), .. Enumerable.Repeat("", Columns.Length - 2)];
        }

        var costs = plan.Costs;
        var charged = plan.Councils.MaxBy(c => c.CostPerMember)!;
        return
        [
            name, result.Status.ToString(),
            F(plan.Regions.Max(r => r.Objective)), F(result.Bound), $"{result.Parts.Count(p => p.Status == SolveStatus.Optimal)}/{result.Parts.Count}",
            F(plan.Regions.Max(r => r.WorstWorkplaceObjective)),
            F(plan.Regions.Max(r => r.WorkplaceEmpowermentRange)), F(plan.Regions.Max(r => r.WorkplaceDesirabilityRange)),
            G(plan.Regions.Max(r => r.EmpowermentSpread.Gini)), G(plan.Regions.Max(r => r.DesirabilitySpread.Gini)),
            F(costs.TrainingHours), F(costs.ReassignmentHours), F(costs.RecruitmentHours), F(costs.OnboardingHours),
            F(costs.CoordinationHours), F(costs.CompensationHours), F(costs.Total),
            charged.CostPerMember > 0 ? charged.Workplace : "-", F(charged.CostPerMember),
        ];
    }

    private int Run(ParseResult parseResult)
    {
        Region region;
        try
        {
            region = RegionJson.ReadFile(parseResult.GetValue(_region)!);
        }
        catch (InvalidWorkplaceException e)
        {
            foreach (var problem in e.Problems)
            {
                stderr.WriteLine($"error: {problem}");
            }

            return ExitCodes.InvalidInput;
        }

        if (parseResult.GetValue(_scope) is { } scope)
        {
            region = region with { Policies = region.Policies with { Scope = scope } };
        }

        var options = _search.From(parseResult);
        var policies = parseResult.GetValue(_policies) is { Length: > 0 } chosen ? chosen : Enum.GetValues<Policy>();
        var results = new RegionBalancer(options).Compare(region, policies, cancellationToken);

        var table = new TextTable([.. Columns.Select((_, i) => i is 0 or 1 or 15 ? TextTable.Align.Left : TextTable.Align.Right)]);
        table.AddRow(Columns);
        foreach (var result in results)
        {
            table.AddRow(Row(result));
            if (result.Explanation is { } explanation)
            {
                stderr.WriteLine($"{ComparisonJson.Name(result.Policy)}: {result.Status}: {explanation}");
            }
        }

        table.WriteTo(stdout);
        if (parseResult.GetValue(_out) is { } outPath)
        {
            var text = outPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? string.Join("\n", new[] { Columns }.Concat(results.Select(Row)).Select(row => string.Join(',', row.Select(Csv)))) + "\n"
                : ComparisonJson.Write(region, results) + "\n";
            if (!OutputFile.TryWrite(outPath, text, stderr))
            {
                return ExitCodes.InvalidInput;
            }
        }

        return results.All(r => r.Plan is not null) ? ExitCodes.PlanFound : ExitCodes.NoPlan;
    }

    private static BalancingScope? Invalid(System.CommandLine.Parsing.ArgumentResult result, string error)
    {
        result.AddError(error);
        return null;
    }

    private static string Csv(string cell) => cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static Policy[] ParsePolicies(System.CommandLine.Parsing.ArgumentResult result)
    {
        var policies = new List<Policy>();
        foreach (var name in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum.GetValues<Policy>().FirstOrDefault(p => ComparisonJson.Name(p) == name) is var policy && ComparisonJson.Name(policy) == name)
            {
                policies.Add(policy);
            }
            else
            {
                result.AddError($"--policies: \"{name}\" is not a policy; expected within, regionalMix, reallocation or compensation");
            }
        }

        return [.. policies.Distinct()];
    }
}
