using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using JobBalancing.Solving;

namespace JobBalancing.Cli;

/// <summary>
/// The options every command that searches shares — <c>--time-limit</c>, <c>--threads</c>, <c>--seed</c>: one definition, so
/// that they read and fail alike everywhere.
/// </summary>
/// <param name="timeLimitDescription">What the time limit bounds, for the help.</param>
/// <param name="defaultSeconds">The time limit when the option is not given.</param>
internal sealed class SearchOptions(string timeLimitDescription = "The time limit of the solve, in seconds.", double defaultSeconds = 30)
{
    /// <summary>The longest time limit accepted, a year, as <see cref="BalancerOptions.TimeLimit"/> accepts it.</summary>
    private const double MaxTimeLimitSeconds = 365 * 24 * 3600;

    private const int MaxThreads = 256;

    public Option<double> TimeLimit { get; } = new("--time-limit")
    {
        Description = timeLimitDescription,
        HelpName = "seconds",
        DefaultValueFactory = _ => defaultSeconds,
        CustomParser = result => Parse(result, "--time-limit", double.NaN, seconds => seconds is > 0 and <= MaxTimeLimitSeconds,
            $"must be a positive number of seconds, at most {MaxTimeLimitSeconds} (a year)"),
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Search threads; 0 means one per processor.",
        HelpName = "n",
        CustomParser = result => Parse(result, "--threads", 0, threads => threads is >= 0 and <= MaxThreads,
            $"must be a whole number from 0 (one per processor) to {MaxThreads}"),
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "The random seed of the search (phases stop by the clock, so runs may still differ).",
        HelpName = "n",
        CustomParser = result => Parse(result, "--seed", 0, _ => true, "must be a whole number"),
    };

    /// <summary>The balancer's options as the command line sets them.</summary>
    public BalancerOptions From(ParseResult parseResult) => new()
    {
        TimeLimit = TimeSpan.FromSeconds(parseResult.GetValue(TimeLimit)),
        Threads = parseResult.GetValue(Threads),
        Seed = parseResult.GetValue(Seed),
    };

    /// <summary>
    /// Parses an option's value, reporting a value that is not a <typeparamref name="T"/> or breaks
    /// <paramref name="isValid"/> with the same message, which names the option and the value as typed.
    /// </summary>
    public static T Parse<T>(ArgumentResult result, string option, T whenInvalid, Func<T, bool> isValid, string requirement)
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
