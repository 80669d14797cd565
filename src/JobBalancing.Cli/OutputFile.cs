using System.CommandLine;
using System.CommandLine.Parsing;

namespace JobBalancing.Cli;

/// <summary>
/// A command's <c>--out</c> file: the option, checked before any work is done, and the atomic write that reports a
/// failure on stderr instead of throwing.
/// </summary>
internal static class OutputFile
{
    /// <summary>An <c>--out</c> option whose path is checked as soon as the command line is parsed.</summary>
    /// <param name="description">What the option does, for the help.</param>
    /// <param name="helpName">The placeholder the help shows, such as <c>result.json</c>.</param>
    /// <param name="what">What the file holds, for the messages: <c>result</c>.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="extensions">The extensions the file may have, such as <c>.csv</c>; any when <see langword="null"/>.</param>
    public static Option<string?> Option(string description, string helpName, string what, string name = "--out", IReadOnlyList<string>? extensions = null) => new(name)
    {
        Description = description,
        HelpName = helpName,

        // Checked before the solve, so that a long solve is not wasted on a file that cannot be written.
        Validators = { result => Check(result, what, extensions) },
    };

    /// <summary>Reports an output path that names no file, or a file in a folder that does not exist.</summary>
    /// <param name="result">The option's parse result.</param>
    /// <param name="what">What the file holds, for the message: <c>result</c>.</param>
    /// <param name="extensions">The extensions the file may have; any when <see langword="null"/>.</param>
    public static void Check(OptionResult result, string what, IReadOnlyList<string>? extensions = null)
    {
        if (result.GetValueOrDefault<string?>() is not { } path)
        {
            return;
        }

        if (extensions is not null && !extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
        {
            result.AddError($"{result.Option.Name}: \"{path}\" must end in {string.Join(" or ", extensions)}");
            return;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            result.AddError($"{result.Option.Name}: \"{path}\" is not a valid file path");
            return;
        }

        var folder = Path.GetDirectoryName(fullPath);
        if (Directory.Exists(fullPath) || folder is null)
        {
            result.AddError($"{result.Option.Name}: \"{path}\" is a folder; name the {what} file");
        }
        else if (!Directory.Exists(folder))
        {
            result.AddError($"{result.Option.Name}: the folder \"{folder}\" does not exist");
        }
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/>; <see langword="false"/>, reported, when it cannot.</summary>
    public static bool TryWrite(string path, string text, TextWriter stderr) => TryWrite(path, file => AtomicFile.WriteAllText(file, text), stderr);

    /// <summary>Has <paramref name="write"/> write <paramref name="path"/>; <see langword="false"/>, reported, when it cannot.</summary>
    /// <param name="path">The file.</param>
    /// <param name="write">Writes the file it is given, atomically.</param>
    /// <param name="stderr">Where a failure is reported.</param>
    /// <param name="option">The option that named the file, for the message.</param>
    public static bool TryWrite(string path, Action<string> write, TextWriter stderr, string option = "--out")
    {
        try
        {
            write(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: {option}: cannot write \"{path}\": {e.Message}");
            return false;
        }
    }
}
