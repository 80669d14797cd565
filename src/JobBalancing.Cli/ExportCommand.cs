using System.CommandLine;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing export WORKPLACE --out FOLDER [--semicolon]</c>: writes a workplace as CSV tables, the layout
/// <c>import</c> reads.
/// </summary>
internal sealed class ExportCommand(TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace: a JSON file ({WorkplaceJson.FormatName}) or a folder of CSV tables.",
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "The folder to write the tables into; it is created when missing.",
        HelpName = "folder",
        Required = true,
    };

    private readonly Option<bool> _semicolon = new("--semicolon")
    {
        Description = "Separate fields with semicolons and write decimal commas, as European spreadsheets expect.",
    };

    public Command Build()
    {
        var command = new Command("export", "Write a workplace as CSV tables. Exit code 0: written; 2: invalid input.")
        {
            _workplace,
            _out,
            _semicolon,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(_workplace)!, parseResult.GetValue(_out)!, parseResult.GetValue(_semicolon)));
        return command;
    }

    private int Run(string input, string folder, bool semicolon)
    {
        if (!WorkplaceInput.TryRead(input, stderr, out var workplace))
        {
            return ExitCodes.InvalidInput;
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: --out: cannot create the folder \"{folder}\": {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var tables = WorkplaceCsv.Write(workplace, semicolon ? ';' : ',');
        foreach (var (name, text) in tables)
        {
            if (!OutputFile.TryWrite(Path.Combine(folder, name), text, stderr))
            {
                return ExitCodes.InvalidInput;
            }
        }

        stdout.WriteLine($"exported {workplace.Id}: {string.Join(", ", tables.Keys)} written to {folder}");
        return ExitCodes.Success;
    }
}
