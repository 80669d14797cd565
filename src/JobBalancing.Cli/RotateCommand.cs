using System.CommandLine;
using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing rotate WORKPLACE.json --periods N [--balance dynamic|static] [--compare] [--window N] [--time-limit S] [--out plan.json]</c>:
/// a plan per period under the workplace's rotation rules, printed as a schedule of each worker's tasks by period.
/// </summary>
internal sealed class RotateCommand(TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
{
    private const int MaxPeriods = 520;

    private readonly Argument<string> _workplace = new("workplace")
    {
        Description = $"The workplace's JSON file ({WorkplaceJson.FormatName}); its \"rotation\" section holds the rotation rules.",
    };

    private readonly Option<int> _periods = new("--periods")
    {
        Description = "The number of periods to plan.",
        HelpName = "n",
        Required = true,
        CustomParser = result => SearchOptions.Parse(result, "--periods", 0, periods => periods is >= 1 and <= MaxPeriods,
            $"must be a whole number of periods from 1 to {MaxPeriods}"),
    };

    private readonly Option<HorizonBalance> _balance = new("--balance")
    {
        Description = "dynamic: balanced over the horizon; static: balanced in every period.",
        DefaultValueFactory = _ => HorizonBalance.Dynamic,
    };

    private readonly Option<bool> _compare = new("--compare")
    {
        Description = "Plan both ways, static and then dynamic (starting from the static plan), and compare them side by side.",
    };

    private readonly Option<int?> _window = new("--window")
    {
        Description = "Plan by rolling windows of this many periods (each keeps its first half); nothing is then proven about the whole horizon.",
        HelpName = "n",
        CustomParser = result => SearchOptions.Parse<int>(result, "--window", 0, window => window >= 1, "must be a whole number of periods, at least 1"),
    };

    private readonly SearchOptions _search = new();

    private readonly Option<string?> _out = OutputFile.Option($"Write the rotation JSON ({RotationJson.FormatName}) to this file.", "plan.json", "plan");

    public Command Build()
    {
        var command = new Command("rotate", "Plan a workplace over several periods: a job for every worker in every period, balanced over the horizon or in every period. Exit codes as for solve.")
        {
            _workplace, _periods, _balance, _compare, _window, _search.TimeLimit, _search.Threads, _search.Seed, _out,
        };
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        Workplace workplace;
        var periods = parseResult.GetValue(_periods);
        RotationResult result;
        RotationResult? staticResult = null;
        try
        {
            workplace = WorkplaceInput.Read(parseResult.GetValue(_workplace)!);
            var options = _search.From(parseResult);
            options.RotationWindow = parseResult.GetValue(_window);
            var balancer = new Balancer(options);
            if (parseResult.GetValue(_compare))
            {
                (staticResult, result) = balancer.CompareRotations(workplace, periods, cancellationToken);
            }
            else
            {
                result = balancer.Rotate(workplace, periods, parseResult.GetValue(_balance), cancellationToken: cancellationToken);
            }
        }
        catch (InvalidWorkplaceException e)
        {
            foreach (var problem in e.Problems)
            {
                stderr.WriteLine($"error: {problem}");
            }

            return Write(parseResult, new RotationResult { Status = SolveStatus.Invalid, Balance = parseResult.GetValue(_balance) }, null, e.Problems);
        }

        if (result.Periods.Count == 0 && result.Explanation is { } explanation)
        {
            stderr.WriteLine($"{result.Status}: {explanation}");
        }

        var exit = Write(parseResult, result, workplace, []);
        if (exit != ExitCodes.InvalidInput && result.Periods.Count > 0)
        {
            if (staticResult is not null)
            {
                WriteComparison(staticResult, result);
            }

            WriteSchedule(workplace, result);
        }

        return exit;
    }

    private int Write(ParseResult parseResult, RotationResult result, Workplace? workplace, IReadOnlyList<ValidationProblem> problems)
    {
        return parseResult.GetValue(_out) is { } path && !OutputFile.TryWrite(path, RotationJson.Write(result, workplace, problems) + "\n", stderr)
            ? ExitCodes.InvalidInput
            : ExitCodes.For(result.Status);
    }

    private void WriteComparison(RotationResult staticResult, RotationResult dynamicResult)
    {
        var table = new TextTable(TextTable.Align.Left, TextTable.Align.Right, TextTable.Align.Right);
        table.AddRow("", "static", "dynamic");
        table.AddRow("status", staticResult.Status.ToString(), dynamicResult.Status.ToString());
        table.AddRow("horizon balance", Figure(staticResult.HorizonObjective), Figure(dynamicResult.HorizonObjective));
        table.AddRow("worst period", Figure(staticResult.WorstPeriodObjective), Figure(dynamicResult.WorstPeriodObjective));
        table.AddRow("bound (own objective)", Figure(staticResult.Bound), Figure(dynamicResult.Bound));
        table.AddRow("task switches", $"{staticResult.TaskSwitches}", $"{dynamicResult.TaskSwitches}");
        table.AddRow("training hours", Number(staticResult.TrainingHours), Number(dynamicResult.TrainingHours));
        table.AddRow("reassigned hours", Number(staticResult.ReassignedHours), Number(dynamicResult.ReassignedHours));
        table.AddRow("fragments", $"{staticResult.Fragments}", $"{dynamicResult.Fragments}");
        table.WriteTo(stdout);
        stdout.WriteLine();
        stdout.WriteLine("The schedule below is the dynamic plan.");
    }

    /// <summary>Each worker's tasks in each period, and their scores over the horizon.</summary>
    private void WriteSchedule(Workplace workplace, RotationResult result)
    {
        stdout.WriteLine($"{workplace.DisplayName}: {result.Status}, {result.Balance.ToString().ToLowerInvariant()} balance over {result.Periods.Count} periods");
        stdout.WriteLine($"objective {Figure(result.Objective!.Value)} (bound {Figure(result.Bound)}, {result.BoundSource}); horizon {Figure(result.HorizonObjective)}, worst period {Figure(result.WorstPeriodObjective)}");
        stdout.WriteLine($"averages over the horizon: empowerment {Figure(result.AverageEmpowerment)}, desirability {Figure(result.AverageDesirability)}; "
            + $"{result.TaskSwitches} task switches, {Number(result.TrainingHours)} h training, {Number(result.ReassignedHours)} h reassigned, {result.Fragments} fragments");
        stdout.WriteLine();

        var columns = new[] { TextTable.Align.Left }
            .Concat(result.Periods.Select(_ => TextTable.Align.Left))
            .Concat([TextTable.Align.Right, TextTable.Align.Right]).ToArray();
        var table = new TextTable(columns);
        table.AddRow(["worker", .. result.Periods.Select((_, p) => $"period {p + 1}"), "E", "D"]);
        foreach (var score in result.Workers)
        {
            var cells = result.Periods.Select(plan => plan.Jobs.FirstOrDefault(j => j.Worker == score.Worker) is { } job
                ? string.Join(" + ", job.Tasks.Select(t => $"{t.Task} {Number(t.Hours)}"))
                : "—");
            table.AddRow([score.Worker, .. cells, Figure(score.Empowerment), Figure(score.Desirability)]);
        }

        table.WriteTo(stdout);
    }

    private static string Figure(decimal value) => Number(Math.Round(value, 3, MidpointRounding.AwayFromZero));

    private static string Number(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
