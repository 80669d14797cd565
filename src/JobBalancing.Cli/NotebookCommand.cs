using System.CommandLine;
using JobBalancing.Cli.Notebooks;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing notebook run FILE.ipynb [--out OTHER.ipynb] [--library JobBalancing.csproj]</c>: runs a C# notebook's
/// code cells in order against the library and writes each cell's outputs back into the notebook, like
/// <c>jupyter nbconvert --execute --inplace</c> (DESIGN.md, "Notebooks without a notebook kernel").
/// </summary>
internal sealed class NotebookCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
{
    private readonly Argument<string> _notebook = new("notebook")
    {
        Description = "The notebook (.ipynb, nbformat 4, C#). Its folder is the cells' working directory.",
    };

    private readonly Option<string?> _out = OutputFile.Option(
        "Write the notebook with its outputs to this file instead of back into the notebook.", "notebook.ipynb", "notebook");

    private readonly Option<string?> _library = new("--library")
    {
        Description = "The JobBalancing.csproj the cells run against. Default: the one in the repository that holds the notebook, or else the one this tool was built from.",
        HelpName = "JobBalancing.csproj",
    };

    public Command Build()
    {
        var run = new Command(
            "run",
            "Run the notebook's C# cells in order and store their outputs. A failing cell stops the run and leaves the notebook as it was. Exit code 0: written; 1: a cell failed; 2: invalid input.")
        {
            _notebook,
            _out,
            _library,
        };
        run.SetAction(parseResult => Run(parseResult.GetValue(_notebook)!, parseResult.GetValue(_out), parseResult.GetValue(_library)));
        return new Command("notebook", "Run the C# notebooks of samples/notebooks, or your own.") { run };
    }

    private int Run(string path, string? outPath, string? library)
    {
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            InputFile.ReportUnreadable(stderr, path, e);
            return ExitCodes.InvalidInput;
        }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine($"error: \"{path}\": {e.Message}");
            return ExitCodes.InvalidInput;
        }

        library = library is null ? NotebookRunner.FindLibraryProject(path) : Path.GetFullPath(library);
        if (library is null || !File.Exists(library))
        {
            stderr.WriteLine(library is null
                ? $"error: no {NotebookRunner.LibraryProjectPath} above \"{path}\" or this tool; name it with --library"
                : $"error: --library: \"{library}\" does not exist");
            return ExitCodes.InvalidInput;
        }

        var run = NotebookRunner.Run(notebook, path, library, cancellationToken);
        if (run.Failure is { } failure)
        {
            var where = failure.Cell is { } cell ? $"code cell {cell} (cell {notebook.Position(cell)} of the notebook)" : "the notebook";
            stderr.WriteLine($"error: {where} failed: {failure.Error}");
            foreach (var output in failure.Outputs.Where(output => output.Kind == CellOutputKind.Text))
            {
                stderr.WriteLine($"The cell had printed:\n{output.Content.TrimEnd()}");
            }

            stderr.WriteLine($"\"{path}\" was left as it was.");
            return ExitCodes.CellFailed;
        }

        notebook.SetOutputs(run.Outputs);
        var target = outPath ?? path;
        if (!OutputFile.TryWrite(target, notebook.ToString(), stderr))
        {
            return ExitCodes.InvalidInput;
        }

        stdout.WriteLine($"ran {run.Outputs.Count} code cells; wrote {target}");
        return ExitCodes.Success;
    }
}
