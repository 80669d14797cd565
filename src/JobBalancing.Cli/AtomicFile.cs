using System.Text;

namespace JobBalancing.Cli;

/// <summary>Writes a file so that readers see the old content or the new, never half of the new.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> atomically (see <see cref="Write"/>).</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, temporary => File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));

    /// <summary>Has <paramref name="write"/> write a temporary file beside <paramref name="path"/>, then moves it into place.</summary>
    /// <remarks>The temporary file is in the same folder so that the move is a rename on the same volume.</remarks>
    public static void Write(string path, Action<string> write)
    {
        var fullPath = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(fullPath)!, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            write(temporary);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
