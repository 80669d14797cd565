using System.Text.Json;
using JobBalancing.Domain;
using JobBalancing.Policies;

namespace JobBalancing.IO;

/// <summary>
/// Reads the region JSON into a <see cref="Region"/> with the workplace reader's strictness and helpers: every problem at
/// once, each with its JSON path. Each workplace, inline or in its own file, is read by the workplace reader itself, and
/// its problems are reported below the entry that names it.
/// </summary>
internal sealed class RegionJsonReader : WorkplaceJsonReader
{
    private static readonly string[] RegionProperties = ["format", "id", "name", "costs", "policies", "workplaces"];
    private static readonly string[] EntryProperties = ["file", "workplace", "region", "enterprise", "socialBenefit", "socialCost"];
    private static readonly string[] CostProperties =
        ["reassignmentHoursPerHour", "recruitmentHours", "onboardingHours", "coordinationHoursPerSecondaryJob", "moneyPerHour"];

    private static readonly string[] PolicyProperties =
        ["scope", "maxSecondaryShare", "maxSecondaryWorkplaces", "minSecondaryHours", "maxMovedWorkers", "premiumPerPoint", "serviceLimitMargin", "serviceLimitHours"];

    private readonly string _folder;
    private readonly Dictionary<string, CouncilAccounts> _accounts = new(StringComparer.Ordinal);

    private RegionJsonReader(string folder) => _folder = folder;

    /// <summary>Reads a region; workplace files are found relative to <paramref name="folder"/>.</summary>
    public static Region Read(string json, string folder)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var format)
            && !(format.ValueKind == JsonValueKind.String && format.ValueEquals(RegionJson.FormatName)))
        {
            throw Invalid("format", $"unsupported format {Describe(format)}; this version reads \"{RegionJson.FormatName}\"");
        }

        var reader = new RegionJsonReader(folder);
        var region = reader.ReadRegion(root);
        var problems = new List<ValidationProblem>(reader._problems);
        if (region is not null)
        {
            problems.AddRange(region.Validate().Where(p => !reader.IsUnderUnreadable(p.Path)));
        }

        return problems.Count == 0 ? region! : throw new InvalidWorkplaceException(problems);
    }

    private Region? ReadRegion(JsonElement root)
    {
        if (Fields(root, "", RegionProperties) is not { } fields)
        {
            return null;
        }

        var id = RequiredString(fields, "id");
        var workplaces = ObjectList(fields, "workplaces", EntryProperties, entry => ReadEntry(entry, id));
        return new Region
        {
            Id = id,
            Name = OptionalString(fields, "name"),
            Costs = ReadCosts(fields),
            Policies = ReadPolicies(fields),
            Workplaces = workplaces,
            Accounts = _accounts,
        };
    }

    /// <summary>One workplace entry: the workplace (from <c>file</c> or inline <c>workplace</c>), its region, enterprise and accounts.</summary>
    private Workplace ReadEntry(JsonFields entry, string regionId)
    {
        var path = entry.Path;
        var hasFile = entry.TryGet("file", out _);
        var hasInline = entry.TryGet("workplace", out var inline);
        Workplace? workplace = null;
        if (hasFile == hasInline)
        {
            Unreadable(path, "needs either \"file\" (a workplace file's path, relative to the region file) or \"workplace\" (the workplace inline), not both or neither");
        }
        else if (hasFile)
        {
            var file = RequiredString(entry, "file");
            workplace = ReadWorkplace(entry.PathOf("file"), () => WorkplaceJson.ReadFile(Path.Combine(_folder, file)), $"\"{file}\": ");
        }
        else
        {
            workplace = ReadWorkplace(entry.PathOf("workplace"), () => WorkplaceJsonReader.Read(inline.GetRawText()), "");
        }

        if (workplace is null)
        {
            return null!;
        }

        var benefit = OptionalNumber(entry, "socialBenefit");
        var cost = OptionalNumber(entry, "socialCost");
        if (benefit is { } sb && cost is { } sc)
        {
            _accounts[workplace.Id] = new CouncilAccounts(sb, sc);
        }
        else if (benefit is not null || cost is not null)
        {
            Report(entry.PathOf(benefit is null ? "socialBenefit" : "socialCost"), "is missing; give both socialBenefit and socialCost, or neither");
        }

        return workplace with
        {
            Region = OptionalString(entry, "region") ?? workplace.Region ?? regionId,
            Enterprise = OptionalString(entry, "enterprise") ?? workplace.Enterprise,
        };
    }

    /// <summary>Reads a workplace with the workplace reader; its problems are reported at <paramref name="path"/>, and it becomes unreadable.</summary>
    private Workplace? ReadWorkplace(string path, Func<Workplace> read, string prefix)
    {
        try
        {
            return read();
        }
        catch (InvalidWorkplaceException e)
        {
            foreach (var problem in e.Problems)
            {
                var inner = prefix.Length > 0 ? $"{prefix}{problem}" : problem.Message;
                Unreadable(prefix.Length > 0 || problem.Path.Length == 0 ? path : $"{path}.{problem.Path}", inner);
            }

            return null;
        }
    }

    private CostParameters ReadCosts(JsonFields region)
    {
        var defaults = CostParameters.Default;
        if (NestedObject(region, "costs", CostProperties) is not { } fields)
        {
            return defaults;
        }

        return new CostParameters
        {
            ReassignmentHoursPerHour = OptionalNumber(fields, "reassignmentHoursPerHour") ?? defaults.ReassignmentHoursPerHour,
            RecruitmentHours = OptionalNumber(fields, "recruitmentHours") ?? defaults.RecruitmentHours,
            OnboardingHours = OptionalNumber(fields, "onboardingHours") ?? defaults.OnboardingHours,
            CoordinationHoursPerSecondaryJob = OptionalNumber(fields, "coordinationHoursPerSecondaryJob") ?? defaults.CoordinationHoursPerSecondaryJob,
            MoneyPerHour = OptionalNumber(fields, "moneyPerHour"),
        };
    }

    private PolicyOptions ReadPolicies(JsonFields region)
    {
        var defaults = PolicyOptions.Default;
        if (NestedObject(region, "policies", PolicyProperties) is not { } fields)
        {
            return defaults;
        }

        var scope = OptionalString(fields, "scope");
        var parsedScope = scope switch
        {
            null or "region" => BalancingScope.Region,
            "enterprise" => BalancingScope.Enterprise,
            _ => Unknown(fields.PathOf("scope"), scope),
        };
        return new PolicyOptions
        {
            Scope = parsedScope,
            MaxSecondaryShare = OptionalNumber(fields, "maxSecondaryShare") ?? defaults.MaxSecondaryShare,
            MaxSecondaryWorkplaces = OptionalInteger(fields, "maxSecondaryWorkplaces") ?? defaults.MaxSecondaryWorkplaces,
            MinSecondaryHours = OptionalNumber(fields, "minSecondaryHours") ?? defaults.MinSecondaryHours,
            MaxMovedWorkers = fields.TryGet("maxMovedWorkers", out var cap) && cap.ValueKind == JsonValueKind.Null ? null : OptionalInteger(fields, "maxMovedWorkers") ?? defaults.MaxMovedWorkers,
            PremiumPerPoint = OptionalNumber(fields, "premiumPerPoint") ?? defaults.PremiumPerPoint,
            ServiceLimitMargin = OptionalNumber(fields, "serviceLimitMargin") ?? defaults.ServiceLimitMargin,
            ServiceLimitHours = OptionalNumber(fields, "serviceLimitHours") ?? defaults.ServiceLimitHours,
        };
    }

    private BalancingScope Unknown(string path, string scope)
    {
        Report(path, $"\"{scope}\" is not a scope; expected \"region\" or \"enterprise\"");
        return BalancingScope.Region;
    }
}
