using JobBalancing.Policies;

namespace JobBalancing.Domain;

/// <summary>
/// Workplaces between which jobs may be balanced, each belonging to a region (its <see cref="Workplace.Region"/>) and
/// optionally an enterprise, with what changing jobs costs and the parameters of the policies. Immutable: change it with
/// <c>with</c> expressions. Check it with <see cref="Validate"/>; the region balancer does so itself.
/// </summary>
public sealed record Region
{
    /// <summary>The region file's identifier.</summary>
    public required string Id { get; init; }

    /// <summary>A readable name; the identifier when absent.</summary>
    public string? Name { get; init; }

    /// <summary>The workplaces; worker ids are unique across all of them, and all share one hour unit, rating scale and weights.</summary>
    public IReadOnlyList<Workplace> Workplaces { get; init => field = ImmutableList.Copy(value); } = [];

    /// <summary>
    /// What changing jobs costs.
    /// <value>The default is <see cref="CostParameters.Default"/>.</value>
    /// </summary>
    public CostParameters Costs { get; init; } = CostParameters.Default;

    /// <summary>
    /// The parameters of the policies.
    /// <value>The default is <see cref="PolicyOptions.Default"/>.</value>
    /// </summary>
    public PolicyOptions Policies { get; init; } = PolicyOptions.Default;

    /// <summary>Each council's social benefit and social cost, by workplace id, for the councils that give them.</summary>
    public IReadOnlyDictionary<string, CouncilAccounts> Accounts { get; init => field = Copy(value); } = Copy(null);

    /// <summary>The name to show people: <see cref="Name"/> or, when absent, <see cref="Id"/>.</summary>
    public string DisplayName => Name ?? Id;

    /// <summary>Every problem with this region, at once, each with its JSON path (<c>workplaces[2].tasks[0].hours</c>); empty when it is valid.</summary>
    /// <returns>The problems.</returns>
    public IReadOnlyList<ValidationProblem> Validate() => RegionValidator.Validate(this);

    /// <summary>Throws when <see cref="Validate"/> finds any problem.</summary>
    /// <exception cref="InvalidWorkplaceException">The region has problems; all of them are listed.</exception>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new InvalidWorkplaceException(problems);
        }
    }

    private static System.Collections.ObjectModel.ReadOnlyDictionary<string, CouncilAccounts> Copy(IReadOnlyDictionary<string, CouncilAccounts>? accounts) =>
        new System.Collections.ObjectModel.ReadOnlyDictionary<string, CouncilAccounts>(
            accounts?.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal) ?? new Dictionary<string, CouncilAccounts>(StringComparer.Ordinal));
}
