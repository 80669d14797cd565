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
    /// <summary>The longest time limit accepted, a year, as <see cref="BalancerOptions.TimeLimit"/> accepts it.</summary>
    private const double MaxTimeLimitSeconds = 365 * 24 * 3600;

    private const int MaxThreads = 256;

    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace: a JSON file ({WorkplaceJson.FormatName}) or a folder of CSV tables.",
    };

    private readonly Option<double> _timeLimit = new("--time-limit")
    {
        Description = "The time limit of the solve, in seconds.",
        HelpName = "seconds",
        DefaultValueFactory = _ => 30,
        CustomParser = result => Parse(result, "--time-limit", double.NaN, seconds => seconds is > 0 and <= MaxTimeLimitSeconds,
            $"must be a positive number of seconds, at most {MaxTimeLimitSeconds} (a year)"),
    };

    private readonly Option<int> _threads = new("--threads")
    {
        Description = "Search threads; 0 means one per processor.",
        HelpName = "n",
        CustomParser = result => Parse(result, "--threads", 0, threads => threads is >= 0 and <= MaxThreads,
            $"must be a whole number from 0 (one per processor) to {MaxThreads}"),
    };

    private readonly Option<int> _seed = new("--seed")
    {
        Description = "The random seed of the search (phases stop by the clock, so runs may still differ).",
        HelpName = "n",
        CustomParser = result => Parse(result, "--seed", 0, _ => true, "must be a whole number"),
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = $"Write the result JSON ({ResultJson.FormatName}) to this file and print a one-line summary.",
        HelpName = "result.json",

        // Checked before the solve, so that a long solve is not wasted on a result that cannot be written.
        Validators = { static result => CheckOutputPath(result, "result") },
    };

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
            _timeLimit,
            _threads,
            _seed,
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

        var options = new BalancerOptions
        {
            TimeLimit = TimeSpan.FromSeconds(parseResult.GetValue(_timeLimit)),
            Threads = parseResult.GetValue(_threads),
            Seed = parseResult.GetValue(_seed),
        };
        var result = new Balancer(options).Balance(workplace, cancellationToken: _cancellationToken);
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

    /// <summary>Reports an output path that names no file, or a file in a folder that does not exist.</summary>
    /// <param name="result">The option's parse result.</param>
    /// <param name="what">What the file holds, for the message: <c>result</c>.</param>
    internal static void CheckOutputPath(OptionResult result, string what)
    {
        if (result.GetValueOrDefault<string?>() is not { } path)
        {
            return;
        }

        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            result.AddError($"--out: \"{path}\" is not a valid file path");
            return;
        }

        var folder = Path.GetDirectoryName(fullPath);
        if (Directory.Exists(fullPath) || folder is null)
        {
            result.AddError($"--out: \"{path}\" is a folder; name the {what} file");
        }
        else if (!Directory.Exists(folder))
        {
            result.AddError($"--out: the folder \"{folder}\" does not exist");
        }
    }

    /// <summary>
    /// Parses an option's value, reporting a value that is not a <typeparamref name="T"/> or breaks
    /// <paramref name="isValid"/> with the same message, which names the option and the value as typed.
    /// </summary>
    private static T Parse<T>(ArgumentResult result, string option, T whenInvalid, Func<T, bool> isValid, string requirement)
        where T : IParsable<T>
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (T.TryParse(text, CultureInfo.InvariantCulture, out var value) && isValid(value))
        {
            return value;
        }

        result.AddError($"{option}: \"{text}\" {requirement}");
        return whenInvalid;
    }
}
