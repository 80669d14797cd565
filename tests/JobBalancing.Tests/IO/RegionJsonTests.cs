using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Policies;

namespace JobBalancing.Tests.IO;

public sealed class RegionJsonTests
{
    private const string Workplace = """
        { "id": "a", "tasks": [ { "id": "t", "hours": 8, "empowerment": 1, "desirability": 1 } ], "workers": [ { "id": "ana", "hours": 8 } ] }
        """;

    [Fact]
    public void ReadFile_SampleRegion_ReadsEveryWorkplaceWithItsEnterpriseAccountsAndParameters()
    {
        var region = RegionJson.ReadFile(Path.Combine(AppContext.BaseDirectory, "samples", "region-north.json"));

        Assert.Equal("north", region.Id);
        Assert.Equal(["hospital", "plant", "restaurant", "bank", "printworks", "utility", "petrol", "depot", "support"], region.Workplaces.Select(w => w.Id));
        Assert.All(region.Workplaces, w => Assert.Equal("north", w.Region));
        Assert.Equal(["petrol", "depot"], region.Workplaces.Where(w => w.Enterprise == "fuelco").Select(w => w.Id));
        Assert.Equal(new CouncilAccounts(700, 650), region.Accounts["petrol"]);
        Assert.Equal(30, region.Costs.MoneyPerHour);
        Assert.Equal(12, region.Policies.ServiceLimitHours);
    }

    [Fact]
    public void Read_InlineWorkplaceWithoutRegion_BelongsToTheFilesRegionAndTakesTheDefaults()
    {
        var region = RegionJson.Read($$"""{ "id": "north", "workplaces": [ { "workplace": {{Workplace}} } ] }""");

        Assert.Equal("north", Assert.Single(region.Workplaces).Region);
        Assert.Equal(PolicyOptions.Default, region.Policies);
        Assert.Equal(CostParameters.Default, region.Costs);
        Assert.Empty(region.Accounts);
    }

    [Fact]
    public void Read_EntryProblems_AreAllReportedWithTheirPaths()
    {
        var json = $$"""
            {
              "format": "jobbalancing.region/1", "id": "north",
              "policies": { "scope": "firm", "maxSecondaryShare": 2, "maxMovedWorkers": 1.5 },
              "workplaces": [
                { "workplace": {{Workplace}}, "file": "a.json" },
                { },
                { "workplace": {{Workplace}}, "enterprize": "x" }
              ]
            }
            """;

        var problems = Assert.Throws<InvalidWorkplaceException>(() => RegionJson.Read(json)).Problems.Select(p => p.ToString()).ToList();

        Assert.Contains("policies.scope: \"firm\" is not a scope; expected \"region\" or \"enterprise\"", problems);
        Assert.Contains("policies.maxSecondaryShare: 2 must be from 0 to 1", problems);
        Assert.Contains("policies.maxMovedWorkers: expected a whole number, got 1.5", problems);
        Assert.Contains(problems, p => p.StartsWith("workplaces[0]: needs either \"file\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("workplaces[1]: needs either \"file\"", StringComparison.Ordinal));
        Assert.Contains("workplaces[2].enterprize: unknown property (did you mean \"enterprise\"?)", problems);
    }

    [Fact]
    public void Read_OtherFormat_IsReportedAndReadNoFurther()
    {
        var problem = Assert.Single(Assert.Throws<InvalidWorkplaceException>(() => RegionJson.Read("""{ "format": "jobbalancing.workplace/1", "id": 5 }""")).Problems);
        Assert.Equal("format: unsupported format \"jobbalancing.workplace/1\"; this version reads \"jobbalancing.region/1\"", problem.ToString());
    }
}
