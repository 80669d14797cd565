using System.CommandLine;
using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing validate WORKPLACE</c>: checks a workplace (a JSON file, or a folder of CSV tables) without solving
/// it, and lists every problem with its path and value.
/// </summary>
internal sealed class ValidateCommand(TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace: a JSON file ({WorkplaceJson.FormatName}) or a folder of CSV tables (tasks.csv, workers.csv, ...).",
    };

    public Command Build()
    {
        var command = new Command("validate", "Check a workplace without solving it. Exit code 0: valid; 2: invalid, with every problem listed.")
        {
            _workplace,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(_workplace)!));
        return command;
    }

    private int Run(string path)
    {
        if (!WorkplaceInput.TryRead(path, stderr, out var workplace))
        {
            return ExitCodes.InvalidInput;
        }

        var hours = workplace.Tasks.Sum(t => t.Hours).ToString("0.##########", CultureInfo.InvariantCulture);
        stdout.WriteLine($"valid: {workplace.DisplayName} ({workplace.Id}): {workplace.Tasks.Count} tasks, {workplace.Workers.Count} workers, {hours} h per period");
        return ExitCodes.Success;
    }
}
