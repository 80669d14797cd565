using static JobBalancing.Domain.Numbers;

namespace JobBalancing.Domain;

/// <summary>
/// Finds every problem with a region at once: each workplace's own (at <c>workplaces[i].…</c>), and what only the region
/// can see — ids repeated across workplaces, workplaces that do not share a unit, scale or weights, and the parameters.
/// </summary>
internal static class RegionValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Region region)
    {
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(path, message));

        if (string.IsNullOrWhiteSpace(region.Id))
        {
            Add("id", "is missing or blank");
        }

        if (region.Workplaces.Count == 0)
        {
            Add("workplaces", "is empty; a region needs at least one workplace");
        }

        var workplaceIds = new HashSet<string>(StringComparer.Ordinal);
        var workerHome = new Dictionary<string, string>(StringComparer.Ordinal);
        Workplace? first = null;
        for (var i = 0; i < region.Workplaces.Count; i++)
        {
            var path = $"workplaces[{i}]";
            if (region.Workplaces[i] is not { } workplace)
            {
                Add(path, "must not be null");
                continue;
            }

            problems.AddRange(workplace.Validate().Select(p => new ValidationProblem(p.Path.Length == 0 ? path : $"{path}.{p.Path}", p.Message)));
            if (!string.IsNullOrWhiteSpace(workplace.Id) && !workplaceIds.Add(workplace.Id))
            {
                Add(path + ".id", $"duplicate workplace id \"{workplace.Id}\"");
            }

            if (string.IsNullOrWhiteSpace(workplace.Region))
            {
                Add(path + ".region", "is missing; every workplace of a region file belongs to a region");
            }

            for (var w = 0; w < workplace.Workers.Count; w++)
            {
                if (workplace.Workers[w] is { Id: { Length: > 0 } id } && !workerHome.TryAdd(id, workplace.Id))
                {
                    Add($"{path}.workers[{w}].id", $"worker id \"{id}\" is also a member of workplace \"{workerHome[id]}\"; worker ids must be unique across the region");
                }
            }

            first ??= workplace;
            if (workplace.HourUnit != first.HourUnit)
            {
                Add(path + ".hourUnit", $"{Format(workplace.HourUnit)} differs from the {Format(first.HourUnit)} of workplace \"{first.Id}\"; a region shares one hour unit");
            }

            if (workplace.RatingScale != first.RatingScale)
            {
                Add(path + ".ratingScale", $"{Format(workplace.RatingScale.Min)} to {Format(workplace.RatingScale.Max)} differs from workplace \"{first.Id}\"'s; ratings must be comparable across the region");
            }

            if (workplace.Weights != first.Weights)
            {
                Add(path + ".weights", $"differ from workplace \"{first.Id}\"'s; a region balances with one set of weights");
            }
        }

        problems.AddRange(region.Costs.Validate());
        problems.AddRange(region.Policies.Validate());
        foreach (var (id, accounts) in region.Accounts)
        {
            var index = region.Workplaces.ToList().FindIndex(w => w?.Id == id);
            var path = index < 0 ? $"accounts.{id}" : $"workplaces[{index}]";
            if (index < 0)
            {
                Add(path, $"\"{id}\" is not a workplace of the region");
            }

            if (accounts.SocialBenefit < 0)
            {
                Add(path + ".socialBenefit", $"{Format(accounts.SocialBenefit)} must not be negative");
            }

            if (accounts.SocialCost <= 0)
            {
                Add(path + ".socialCost", $"{Format(accounts.SocialCost)} must be positive");
            }
        }

        return problems;
    }
}
