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
        Description = $"The workplace's JSON file ({WorkplaceJson.FormatName}).",
    };

    private readonly Option<double> _timeLimit = TimeLimitOption("The time limit of the solve, in seconds.", 30);

    private readonly Option<int> _threads = ThreadsOption();

    private readonly Option<int> _seed = SeedOption();

    private readonly Option<string?> _out = OutOption($"Write the result JSON ({ResultJson.FormatName}) to this file and print a one-line summary.", "result.json");

    private readonly Option<bool> _json = new("--json")
    {
        Description = "Print the result JSON instead of the table.",
    };

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly CancellationToken _cancellationToken;

    public SolveCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        (_stdout, _stderr, _cancellationToken) = (stdout, stderr, cancellationToken);

    /// <summary>The <c>--time-limit</c> option, shared by the commands that solve.</summary>
    internal static Option<double> TimeLimitOption(string description, double seconds) => new("--time-limit")
    {
        Description = description,
        HelpName = "seconds",
        DefaultValueFactory = _ => seconds,
        CustomParser = result => Parse(result, "--time-limit", double.NaN, value => value is > 0 and <= MaxTimeLimitSeconds,
            $"must be a positive number of seconds, at most {MaxTimeLimitSeconds} (a year)"),
    };

    /// <summary>The <c>--threads</c> option.</summary>
    internal static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "Search threads; 0 means one per processor.",
        HelpName = "n",
        CustomParser = result => Parse(result, "--threads", 0, threads => threads is >= 0 and <= MaxThreads,
            $"must be a whole number from 0 (one per processor) to {MaxThreads}"),
    };

    /// <summary>The <c>--seed</c> option.</summary>
    internal static Option<int> SeedOption() => new("--seed")
    {
        Description = "The random seed of the search (phases stop by the clock, so runs may still differ).",
        HelpName = "n",
        CustomParser = result => Parse(result, "--seed", 0, _ => true, "must be a whole number"),
    };

    /// <summary>The <c>--out</c> option, whose path is checked before the solve so that a long solve is not wasted on a file that cannot be written.</summary>
    internal static Option<string?> OutOption(string description, string helpName) => new("--out")
    {
        Description = description,
        HelpName = helpName,
        Validators = { static result => CheckResultPath(result) },
    };

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
            workplace = WorkplaceJson.ReadFile(parseResult.GetValue(_workplace)!);
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
        if (outPath is not null)
        {
            try
            {
                AtomicFile.WriteAllText(outPath, json + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                _stderr.WriteLine($"error: --out: cannot write \"{outPath}\": {e.Message}");
                return ExitCodes.InvalidInput;
            }
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

    /// <summary>Reports a result path that names no file, or a file in a folder that does not exist.</summary>
    private static void CheckResultPath(OptionResult result)
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
            result.AddError($"--out: \"{path}\" is a folder; name the result file");
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
