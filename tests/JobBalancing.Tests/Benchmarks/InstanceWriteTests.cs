using JobBalancing.Benchmarks;
using JobBalancing.IO;

namespace JobBalancing.Tests.Benchmarks;

/// <summary>The harness's <c>--write</c>: the generated instances as files that <c>jobbalancing solve</c> reads.</summary>
public sealed class InstanceWriteTests
{
    [Fact]
    public void WriteInstances_Directory_WritesEachSizesWorkplaceThatReadsBackTheSame()
    {
        var directory = Directory.CreateTempSubdirectory("instances-");
        try
        {
            InstanceSize[] sizes = [InstanceSize.S, InstanceSize.Parse("12x6")];
            var paths = WorkplaceGenerator.Write(directory.FullName, sizes, seed: 2);

            var workplaces = sizes.Select(size => WorkplaceGenerator.Generate(size, seed: 2)).ToArray();
            Assert.Equal(workplaces.Select(w => Path.Combine(directory.FullName, w.Id + ".json")), paths);
            Assert.Equal(workplaces.Select(WorkplaceJson.Write), paths.Select(p => WorkplaceJson.Write(WorkplaceJson.ReadFile(p))));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
