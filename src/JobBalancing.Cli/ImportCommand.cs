using System.CommandLine;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing import FOLDER --out WORKPLACE.json</c>: turns a folder of CSV tables into the workplace JSON, after
/// checking them as <c>validate</c> does.
/// </summary>
internal sealed class ImportCommand(TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string> _folder = new("folder")
    {
        Description = "The folder with tasks.csv and workers.csv, and optionally current.csv, fixed.csv, excluded.csv, skills.csv, workplace.csv.",
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = $"The workplace JSON file ({WorkplaceJson.FormatName}) to write.",
        HelpName = "workplace.json",
        Required = true,
        Validators = { static result => OutputFile.Check(result, "workplace") },
    };

    public Command Build()
    {
        var command = new Command("import", "Read a workplace from CSV tables and write it as JSON. Exit code 0: written; 2: invalid input.")
        {
            _folder,
            _out,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(_folder)!, parseResult.GetValue(_out)!));
        return command;
    }

    private int Run(string folder, string outPath)
    {
        Workplace workplace;
        try
        {
            workplace = WorkplaceCsv.ReadFolder(folder);
        }
        catch (InvalidWorkplaceException e)
        {
            WorkplaceInput.Report(stderr, e.Problems);
            return ExitCodes.InvalidInput;
        }

        if (!OutputFile.TryWrite(outPath, WorkplaceJson.Write(workplace) + "\n", stderr))
        {
            return ExitCodes.InvalidInput;
        }

        stdout.WriteLine($"imported {workplace.Id}: {workplace.Tasks.Count} tasks, {workplace.Workers.Count} workers; written to {outPath}");
        return ExitCodes.Success;
    }
}
