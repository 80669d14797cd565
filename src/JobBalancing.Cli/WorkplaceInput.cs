using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Cli;

/// <summary>Where the commands read a workplace from: a JSON file, or a folder of CSV tables.</summary>
internal static class WorkplaceInput
{
    /// <summary>Reads and validates the workplace at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidWorkplaceException">The input has problems; all are listed.</exception>
    public static Workplace Read(string path) =>
        Directory.Exists(path) ? WorkplaceCsv.ReadFolder(path) : WorkplaceJson.ReadFile(path);

    /// <summary>
    /// Reads and validates the workplace at <paramref name="path"/>; when it has problems, writes them on
    /// <paramref name="stderr"/> and returns <see langword="false"/> (the command then exits with
    /// <see cref="ExitCodes.InvalidInput"/>).
    /// </summary>
    public static bool TryRead(string path, TextWriter stderr, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Workplace? workplace)
    {
        try
        {
            workplace = Read(path);
            return true;
        }
        catch (InvalidWorkplaceException e)
        {
            Report(stderr, e.Problems);
            workplace = null;
            return false;
        }
    }

    /// <summary>Writes every problem on <paramref name="stderr"/>, then how many there were.</summary>
    public static void Report(TextWriter stderr, IReadOnlyList<ValidationProblem> problems)
    {
        foreach (var problem in problems)
        {
            stderr.WriteLine($"error: {problem}");
        }

        stderr.WriteLine(problems.Count == 1 ? "1 problem" : $"{problems.Count} problems");
    }
}
