using System.CommandLine;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Reports;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing frontier WORKPLACE --against cost|fragmentation|horizon [--points N] [--time-limit S] [--out frontier.csv|.md]
/// [--plot frontier.png|.svg]</c>: the Pareto frontier of balance against what it costs, as a table and a plot.
/// </summary>
internal sealed class FrontierCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
{
    private const int MaxPoints = 64;

    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace: a JSON file ({WorkplaceJson.FormatName}) or a folder of CSV tables.",
    };

    private readonly Option<FrontierAxis> _against = new("--against")
    {
        Description = "What to trade balance against: cost (training and reassigned hours), fragmentation (max tasks per worker, K = 1 … tasks) or horizon (periods 1, 2, 4, …).",
        Required = true,
    };

    private readonly Option<int> _points = new("--points")
    {
        Description = "How many balance levels (cost) or horizon lengths (horizon) to try; fragmentation tries every K.",
        HelpName = "n",
        DefaultValueFactory = _ => 6,
        CustomParser = result => SearchOptions.Parse(result, "--points", 0, points => points is >= 2 and <= MaxPoints, $"must be a whole number from 2 to {MaxPoints}"),
    };

    private readonly SearchOptions _search = new("The time limit of each solve, in seconds.", 10);

    private readonly Option<string?> _out = OutputFile.Option(
        "Write the frontier's table to this file: CSV, or Markdown when it ends in .md.", "frontier.csv", "frontier", extensions: [".csv", ".md"]);

    private readonly Option<string?> _plot = OutputFile.Option(
        "Draw the frontier into this PNG or SVG file.", "frontier.png", "plot", "--plot", Plots.Extensions);

    public Command Build()
    {
        var command = new Command("frontier", "Trace the Pareto frontier of balance against cost, fragmentation or horizon length. Exit code 0: some point has a plan; 1: none; 2: invalid input.")
        {
            _workplace, _against, _points, _search.TimeLimit, _search.Threads, _search.Seed, _out, _plot,
        };
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        if (!WorkplaceInput.TryRead(parseResult.GetValue(_workplace)!, stderr, out var workplace))
        {
            return ExitCodes.InvalidInput;
        }

        var axis = parseResult.GetValue(_against);
        if (axis == FrontierAxis.Horizon && parseResult.GetValue(_points) > Frontier.MaxHorizonPoints)
        {
            stderr.WriteLine($"error: --points: \"{parseResult.GetValue(_points)}\" horizon lengths would plan up to {1L << (parseResult.GetValue(_points) - 1)} periods; at most {Frontier.MaxHorizonPoints} ({1 << (Frontier.MaxHorizonPoints - 1)} periods)");
            return ExitCodes.InvalidInput;
        }

        var options = new FrontierOptions { Balancer = _search.From(parseResult), Points = parseResult.GetValue(_points) };
        FrontierResult frontier;
        try
        {
            frontier = ProgressDisplay.Run(stderr, $"frontier against {axis.ToString().ToLowerInvariant()}", progress =>
                Frontier.Trace(workplace, axis, options, progress, cancellationToken));
        }
        catch (InvalidWorkplaceException e)
        {
            // A horizon's later periods can break rules the first keeps.
            WorkplaceInput.Report(stderr, e.Problems);
            return ExitCodes.InvalidInput;
        }


        foreach (var gap in frontier.Gaps)
        {
            stderr.WriteLine($"{TradeOffReport.ValueName(axis)} {gap.Value}: {gap.Status}{(gap.Explanation is { } why ? ": " + why : "")}");
        }

        var outPath = parseResult.GetValue(_out);
        if (outPath is not null)
        {
            var markdown = string.Equals(Path.GetExtension(outPath), ".md", StringComparison.OrdinalIgnoreCase);
            if (!OutputFile.TryWrite(outPath, markdown ? TradeOffReport.FrontierMarkdown(frontier, workplace) : TradeOffReport.FrontierCsv(frontier), stderr))
            {
                return ExitCodes.InvalidInput;
            }
        }

        if (parseResult.GetValue(_plot) is { } plotPath && frontier.Points.Count > 0
            && !OutputFile.TryWrite(plotPath, file => Plots.Save(Plots.Frontier(frontier, workplace), file), stderr, "--plot"))
        {
            return ExitCodes.InvalidInput;
        }

        stdout.Write(TradeOffReport.FrontierMarkdown(frontier, workplace));
        return frontier.Points.Count > 0 ? ExitCodes.PlanFound : ExitCodes.NoPlan;
    }
}
