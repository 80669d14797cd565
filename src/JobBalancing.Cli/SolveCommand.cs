using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing solve WORKPLACE.json [--time-limit SECONDS] [--threads N] [--seed N] [--out RESULT.json] [--json]</c>:
/// balances one workplace and reports the plan as a table, as JSON, or into a file.
/// </summary>
internal sealed class SolveCommand
{
    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace: a JSON file ({WorkplaceJson.FormatName}) or a folder of CSV tables.",
    };

    private readonly SearchOptions _search = new();

    private readonly Option<string?> _out =
        OutputFile.Option($"Write the result JSON ({ResultJson.FormatName}) to this file and print a one-line summary.", "result.json", "result");

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the result JSON instead of the table.",
    };

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly CancellationToken _cancellationToken;

    public SolveCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        (_stdout, _stderr, _cancellationToken) = (stdout, stderr, cancellationToken);

    public Command Build()
    {
        var command = new Command("solve", "Balance the jobs of one workplace. Exit code 0: a plan was found; 1: infeasible or no plan in time; 2: invalid input.")
        {
            _workplace,
            _search.TimeLimit,
            _search.Threads,
            _search.Seed,
            _out,
            _json,
        };
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        Workplace workplace;
        try
        {
            workplace = WorkplaceInput.Read(parseResult.GetValue(_workplace)!);
        }
        catch (InvalidWorkplaceException e)
        {
            return Report(parseResult, new BalancingResult { Status = SolveStatus.Invalid, Problems = e.Problems }, workplace: null);
        }

        var result = new Balancer(_search.From(parseResult)).Balance(workplace, cancellationToken: _cancellationToken);
        return Report(parseResult, result, workplace);
    }

    /// <summary>Writes the result where the options say, the reasons for a missing plan on stderr, and returns the exit code.</summary>
    private int Report(ParseResult parseResult, BalancingResult result, Workplace? workplace)
    {
        foreach (var problem in result.Problems)
        {
            _stderr.WriteLine($"error: {problem}");
        }

        if (result.Plan is null && result.Explanation is { } explanation)
        {
            _stderr.WriteLine($"{result.Status}: {explanation}");
        }

        var json = ResultJson.Write(result, workplace);
        var outPath = parseResult.GetValue(_out);
        if (outPath is not null && !OutputFile.TryWrite(outPath, json + "\n", _stderr))
        {
            return ExitCodes.InvalidInput;
        }

        if (parseResult.GetValue(_json))
        {
            _stdout.WriteLine(json);
        }
        else if (outPath is not null)
        {
            _stdout.WriteLine(ResultReport.Summary(result, outPath));
        }
        else if (workplace is not null && result.Plan is not null)
        {
            ResultReport.Write(_stdout, result, workplace);
        }

        return ExitCodes.For(result.Status);
    }
}
