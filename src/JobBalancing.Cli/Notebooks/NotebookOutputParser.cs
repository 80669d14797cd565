using System.Text;
using System.Text.RegularExpressions;

namespace JobBalancing.Cli.Notebooks;

/// <summary>What the run of a notebook's app produced: the outputs of each code cell, or where and why it stopped.</summary>
/// <param name="Outputs">The outputs of each code cell that finished, in order.</param>
/// <param name="Failure">Why the run stopped, or <see langword="null"/> when every cell finished.</param>
internal sealed record NotebookRun(IReadOnlyList<IReadOnlyList<CellOutput>> Outputs, CellFailure? Failure);

/// <summary>Why a notebook stopped.</summary>
/// <param name="Cell">The code cell (1-based) that failed, or <see langword="null"/> when no cell is to blame (the app did not build for another reason).</param>
/// <param name="Error">The error: an exception with the cell's lines in its stack, or the compiler's messages.</param>
/// <param name="Outputs">What the failing cell showed before it failed.</param>
internal sealed record CellFailure(int? Cell, string Error, IReadOnlyList<CellOutput> Outputs);

/// <summary>Splits what the notebook's app wrote (<see cref="NotebookProgram"/>) into the outputs of each cell.</summary>
internal static partial class NotebookOutputParser
{
    /// <summary>A compiler error in a cell, as the <c>#line</c> directives name it: <c>cell 3(2,5): error CS0103: …</c>.</summary>
    [GeneratedRegex(@"cell (?<cell>\d+)\((?<line>\d+),(?<column>\d+)\): error (?<code>\w+): (?<message>.*?)(\s\[[^\]]*\])?$")]
    private static partial Regex CellError();

    /// <summary>Any other error line of the build: a missing package, a bad directive.</summary>
    [GeneratedRegex(@"(^|: )error \w*:? ")]
    private static partial Regex BuildError();

    /// <summary>Reads the output of <c>dotnet run</c>.</summary>
    /// <param name="stdout">What the run wrote to stdout: the build's messages, then the app's tagged lines.</param>
    /// <param name="stderr">What the run wrote to stderr.</param>
    /// <param name="exitCode">The exit code of <c>dotnet run</c>.</param>
    /// <param name="cellCount">How many code cells the notebook has.</param>
    /// <param name="token">The token that tags the app's lines.</param>
    public static NotebookRun Parse(string stdout, string stderr, int exitCode, int cellCount, string token)
    {
        var outputs = new List<IReadOnlyList<CellOutput>>();
        List<CellOutput>? current = null;
        int? currentCell = null;
        string? error = null;
        var started = false;
        foreach (var line in stdout.ReplaceLineEndings("\n").Split('\n'))
        {
            var parts = line.Split(' ');
            if (parts.Length != 4 || parts[0] != token || !int.TryParse(parts[1], out var cell))
            {
                continue;
            }

            started = true;
            var content = Convert.FromBase64String(parts[3]);
            switch (parts[2])
            {
                case "begin":
                    current = [];
                    currentCell = cell;
                    break;
                case "end":
                    outputs.Add(current ?? []);
                    current = null;
                    currentCell = null;
                    break;
                case "text":
                    current?.Add(new CellOutput(CellOutputKind.Text, Encoding.UTF8.GetString(content)));
                    break;
                case "markdown":
                    current?.Add(new CellOutput(CellOutputKind.Markdown, Encoding.UTF8.GetString(content)));
                    break;
                case "png":
                    current?.Add(new CellOutput(CellOutputKind.Png, parts[3]));
                    break;
                case "error":
                    error = Encoding.UTF8.GetString(content);
                    break;
                default:
                    break;
            }
        }

        if (!started)
        {
            return new NotebookRun([], BuildFailure(stdout + "\n" + stderr, exitCode));
        }

        if (outputs.Count == cellCount && exitCode == 0)
        {
            return new NotebookRun(outputs, null);
        }

        var failedCell = currentCell ?? (outputs.Count < cellCount ? outputs.Count + 1 : null);
        error ??= exitCode == 0
            ? "the program ended before the cell finished"
            : $"the program ended with exit code {exitCode}{Environment.NewLine}{stderr.Trim()}".TrimEnd();
        return new NotebookRun(outputs, new CellFailure(failedCell, error, current ?? []));
    }

    /// <summary>The build's errors, in the cells' own line numbers; the first cell with an error is the one to blame.</summary>
    private static CellFailure BuildFailure(string output, int exitCode)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var cellErrors = lines
            .Select(line => CellError().Match(line))
            .Where(match => match.Success)
            .Select(match => (Cell: int.Parse(match.Groups["cell"].Value), Line: int.Parse(match.Groups["line"].Value), Text: $"line {match.Groups["line"].Value}, column {match.Groups["column"].Value}: {match.Groups["code"].Value}: {match.Groups["message"].Value}"))
            .Distinct()
            .ToList();
        if (cellErrors.Count > 0)
        {
            var cell = cellErrors.Min(e => e.Cell);
            var messages = cellErrors.Where(e => e.Cell == cell).OrderBy(e => e.Line).Select(e => e.Text);
            return new CellFailure(cell, "the cell does not compile:\n" + string.Join("\n", messages), []);
        }

        var otherErrors = lines.Where(line => BuildError().IsMatch(line)).Select(line => line.Trim()).Distinct().ToList();
        var detail = otherErrors.Count > 0
            ? string.Join("\n", otherErrors)
            : string.Join("\n", lines.Where(line => line.Trim().Length > 0).TakeLast(20));
        return new CellFailure(null, $"the notebook's program did not build or start (exit code {exitCode}):\n{detail}", []);
    }
}
