namespace JobBalancing.Cli;

/// <summary>Writes a command's output file atomically, reporting a failure on stderr instead of throwing.</summary>
internal static class OutputFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; <see langword="false"/>, reported, when it cannot.</summary>
    public static bool TryWrite(string path, string text, TextWriter stderr)
    {
        try
        {
            AtomicFile.WriteAllText(path, text);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: --out: cannot write \"{path}\": {e.Message}");
            return false;
        }
    }
}
