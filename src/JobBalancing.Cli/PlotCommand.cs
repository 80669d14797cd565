using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.IO;
using ScottPlot;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing plot jobs|councils|rotation FILE --out PLOT.png|.svg</c>: plots of files the other commands wrote — each
/// worker's job before and after balancing (a result of <c>solve</c>), cost per council by policy (a comparison of
/// <c>compare</c>), a rotation as a heat map of worker × period (a plan of <c>rotate</c>).
/// </summary>
internal sealed class PlotCommand(TextWriter stdout, TextWriter stderr)
{
    public Command Build() => new("plot", "Draw a result, a region comparison or a rotation as a PNG or SVG plot. Exit code 0: drawn; 1: the file has no plan; 2: invalid input.")
    {
        Sub("jobs", "Each worker's job (empowerment, desirability) now and after balancing, from a result JSON that 'solve --out' wrote.", $"the result JSON ({ResultJson.FormatName})", (path, _) => Jobs(path)),
        Sub("councils", "Cost of balancing per council, a bar per policy, from a comparison JSON that 'compare --out' wrote.", $"the comparison JSON ({ComparisonJson.FormatName})", (path, _) => Councils(path)),
        Sub("rotation", "A rotation as a heat map of each worker's job score by period, from a plan JSON that 'rotate --out' wrote.", $"the rotation JSON ({RotationJson.FormatName})", Rotation),
    };

    private Command Sub(string name, string description, string what, Func<string, string, Plot?> draw)
    {
        var file = new Argument<string>("file") { Description = $"The file: {what}." };
        var output = OutputFile.Option("The plot file: PNG or SVG, by its extension.", $"{name}.png", "plot", extensions: Plots.Extensions);
        output.Required = true;
        var score = new Option<string>("--score")
        {
            Description = "rotation: the score that colours the map, empowerment or desirability.",
            DefaultValueFactory = _ => "empowerment",
        };
        score.AcceptOnlyFromAmong("empowerment", "desirability");
        var command = new Command(name, description) { file, output };
        if (name == "rotation")
        {
            command.Add(score);
        }

        command.SetAction(parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            Plot? plot;
            try
            {
                plot = draw(path, parseResult.GetValue(score)!);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                InputFile.ReportUnreadable(stderr, path, e);
                return ExitCodes.InvalidInput;
            }
            catch (InvalidWorkplaceException e)
            {
                WorkplaceInput.Report(stderr, e.Problems);
                return ExitCodes.InvalidInput;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                stderr.WriteLine($"error: \"{path}\" is not {what}: {e.Message}");
                return ExitCodes.InvalidInput;
            }

            if (plot is null)
            {
                return ExitCodes.NoPlan;
            }

            var outPath = parseResult.GetValue(output)!;
            if (!OutputFile.TryWrite(outPath, target => Plots.Save(plot, target), stderr))
            {
                return ExitCodes.InvalidInput;
            }

            stdout.WriteLine($"wrote {outPath}");
            return ExitCodes.Success;
        });
        return command;
    }

    private Plot? Jobs(string path)
    {
        var file = ResultJson.Read(File.ReadAllText(path));
        if (file.Result.Plan is not { } plan)
        {
            stderr.WriteLine($"{file.Result.Status}: the result has no plan to draw.");
            return null;
        }

        var before = file.Workplace.Workers.All(w => w.Current.Count > 0) ? PlanEvaluator.EvaluateCurrent(file.Workplace) : null;
        return Plots.Jobs(file.Workplace, before, plan);
    }

    private Plot? Councils(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var councils = new List<string>();
        var policies = new List<(string Policy, Dictionary<string, double> Hours)>();
        foreach (var policy in root.GetProperty("policies").EnumerateArray())
        {
            if (!policy.TryGetProperty("councils", out var outcomes))
            {
                continue;
            }

            var hours = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var council in outcomes.EnumerateArray())
            {
                var id = council.GetProperty("workplace").GetString()!;
                if (!councils.Contains(id))
                {
                    councils.Add(id);
                }

                hours[id] = council.GetProperty("costs").GetProperty("totalHours").GetDouble();
            }

            policies.Add((policy.GetProperty("policy").GetString()!, hours));
        }

        if (policies.Count == 0)
        {
            stderr.WriteLine("No policy of the comparison has a plan to draw.");
            return null;
        }

        return Plots.CouncilCosts(
            councils, policies.Select(p => (p.Policy, (IReadOnlyList<double>)councils.Select(c => p.Hours.GetValueOrDefault(c)).ToArray())).ToArray(),
            $"Cost of balancing per council: region {root.GetProperty("region").GetString()}");
    }

    private Plot? Rotation(string path, string score)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        var periods = root.GetProperty("periods").EnumerateArray().ToArray();
        if (periods.Length == 0)
        {
            stderr.WriteLine($"{root.GetProperty("status").GetString()}: the rotation has no plan to draw.");
            return null;
        }

        var workers = root.GetProperty("workers").EnumerateArray().Select(w => w.GetProperty("worker").GetString()!).ToArray();
        var scores = new double[workers.Length, periods.Length];
        for (var p = 0; p < periods.Length; p++)
        {
            foreach (var job in periods[p].GetProperty("jobs").EnumerateArray())
            {
                var worker = job.GetProperty("worker").GetString();
                var row = Array.IndexOf(workers, worker);
                if (row < 0)
                {
                    throw new KeyNotFoundException($"period {p + 1} has a job for \"{worker}\", who is not among \"workers\"");
                }

                scores[row, p] = job.GetProperty(score).GetDouble();
            }
        }

        // The workplace's name when it is short enough for a title, else its id.
        var name = root.TryGetProperty("workplace", out var workplace)
            ? workplace.GetProperty("name").GetString() is { Length: <= 40 } shortName ? shortName : workplace.GetProperty("id").GetString()
            : "rotation";
        var balance = root.GetProperty("balance").GetString();
        return Plots.RotationHeatMap(workers, scores, score, string.Create(CultureInfo.InvariantCulture, $"Job {score} by period, {balance} balance: {name}"));
    }
}
