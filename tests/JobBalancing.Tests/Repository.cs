namespace JobBalancing.Tests;

/// <summary>The repository the tests run from, for the files they compare with what the build ships.</summary>
internal static class Repository
{
    /// <summary>The nearest directory above the test's output that holds JobBalancing.sln.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "JobBalancing.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No JobBalancing.sln above {AppContext.BaseDirectory}.");
    }
}
