using JobBalancing.Benchmarks;
using JobBalancing.Benchmarks.Peers;
using JobBalancing.IO;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>The generated region that issue 5's between-workplace balancing will be measured on.</summary>
public sealed class RegionGeneratorTests
{
    [Fact]
    public void Generate_SameSeed_GivesTheSameValidRegion()
    {
        var region = RegionGenerator.Generate(seed: 1);
        var again = RegionGenerator.Generate(seed: 1);

        Assert.Equal(region.Select(WorkplaceJson.Write), again.Select(WorkplaceJson.Write));
        Assert.All(region, w => Assert.Empty(w.Validate()));
        Assert.All(region, w => Assert.Equal(RegionGenerator.Region, w.Region));
        Assert.Equal(region.Count, region.Select(w => w.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.NotEqual(region.Select(WorkplaceJson.Write), RegionGenerator.Generate(seed: 2).Select(WorkplaceJson.Write));
    }

    [Fact]
    public void Generate_Region_HasDifferentSizesAndTwoWorkplacesOfOneEnterprise()
    {
        var region = RegionGenerator.Generate(seed: 1);

        Assert.True(region.Select(w => (w.Workers.Count, w.Tasks.Count)).Distinct().Count() >= 4, "the sizes should differ");
        Assert.Equal(["north-fuel-depot", "north-petrol-station"], region.Where(w => w.Enterprise == RegionGenerator.Enterprise).Select(w => w.Id).Order(StringComparer.Ordinal));
        Assert.Equal(region.Count - 2, region.Count(w => w.Enterprise is null));
    }

    /// <summary>
    /// The petrol station's manager is the only one who may do the one empowering task, so no plan of its own can balance
    /// it: the MIP solver (an oracle independent of the balancer) proves its optimum is far from 0 (3.956 for seed 1).
    /// </summary>
    [Fact]
    public void Generate_PetrolStation_CannotBalanceOnItsOwn()
    {
        var station = RegionGenerator.Generate(seed: 1).Single(w => w.Id == "north-petrol-station");

        var run = MipPeer.Solve(station, TimeSpan.FromSeconds(20));

        Assert.True(run.IsOptimal, run.Status);
        Assert.True(run.Bound > 2, $"its proven optimum {run.Bound} is small enough to balance on its own");
    }

    [Fact]
    public void Write_Directory_WritesOneJsonFilePerWorkplaceThatReadsBackTheSame()
    {
        var directory = Directory.CreateTempSubdirectory("region-");
        try
        {
            var target = Path.Combine(directory.FullName, "north");
            var paths = RegionGenerator.Write(target, seed: 1);

            var region = RegionGenerator.Generate(seed: 1);
            Assert.Equal(region.Select(w => Path.Combine(target, w.Id + ".json")), paths);
            Assert.Equal(region.Select(WorkplaceJson.Write), paths.Select(p => WorkplaceJson.Write(WorkplaceJson.ReadFile(p))));
            Assert.Equal(paths.Order(StringComparer.Ordinal), Directory.GetFiles(target).Order(StringComparer.Ordinal));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
