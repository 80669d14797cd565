namespace JobBalancing.Cli;

/// <summary>How every command words a file it cannot read.</summary>
internal static class InputFile
{
    /// <summary>Writes <c>error: cannot read "PATH": why</c> on <paramref name="stderr"/>.</summary>
    public static void ReportUnreadable(TextWriter stderr, string path, Exception e) =>
        stderr.WriteLine($"error: cannot read \"{path}\": {(e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : e.Message)}");
}
