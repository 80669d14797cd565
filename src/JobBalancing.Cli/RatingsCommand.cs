using System.CommandLine;
using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Ratings;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing ratings SURVEY.csv --workplace W.json [--out W.rated.json] [--method mean|median|trimmed-mean]
/// [--mapping ratio|range]</c>: turns a council's scores or pairwise comparisons into the workplace's ratings, prints
/// how much the raters agree (or, for comparisons, the weights and their consistency), and writes the rated workplace.
/// </summary>
internal sealed class RatingsCommand
{
    private static readonly Dictionary<string, AggregationMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["mean"] = AggregationMethod.Mean,
        ["median"] = AggregationMethod.Median,
        ["trimmed-mean"] = AggregationMethod.TrimmedMean,
    };

    private static readonly Dictionary<string, WeightMapping> Mappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ratio"] = WeightMapping.Ratio,
        ["range"] = WeightMapping.Range,
    };

    private readonly Argument<string> _survey = new("survey")
    {
        Description = $"The CSV file: scores ({RatingCsv.ScoresHeader}) or pairwise comparisons ({RatingCsv.ComparisonsHeader}).",
    };

    private readonly Option<string> _workplace = new("--workplace")
    {
        Description = $"The workplace's JSON file ({WorkplaceJson.FormatName}) whose tasks are rated.",
        HelpName = "workplace.json",
        Required = true,
    };

    private readonly Option<string?> _out = OutputFile.Option("Write the workplace with the new ratings to this file.", "rated.json", "workplace");

    private readonly Option<AggregationMethod> _method = new("--method")
    {
        Description = "How scores are combined: mean, median or trimmed-mean (20% dropped at each end).",
        HelpName = "mean|median|trimmed-mean",
        DefaultValueFactory = _ => AggregationMethod.Mean,
        CustomParser = result => Choose(result, "--method", Methods),
    };

    private readonly Option<WeightMapping> _mapping = new("--mapping")
    {
        Description = "How comparison weights become ratings: ratio (the heaviest task gets the top of the scale, ratios kept) or range (stretched from bottom to top).",
        HelpName = "ratio|range",
        DefaultValueFactory = _ => WeightMapping.Ratio,
        CustomParser = result => Choose(result, "--mapping", Mappings),
    };

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public RatingsCommand(TextWriter stdout, TextWriter stderr) => (_stdout, _stderr) = (stdout, stderr);

    public Command Build()
    {
        var command = new Command("ratings", "Turn a council's scores or pairwise comparisons into task ratings, report agreement, and write the rated workplace. Exit code 0: done; 2: invalid input.")
        {
            _survey,
            _workplace,
            _out,
            _method,
            _mapping,
        };
        command.SetAction(Run);
        return command;
    }

    private int Run(ParseResult parseResult)
    {
        Workplace workplace;
        RatingsFile file;
        try
        {
            workplace = WorkplaceInput.Read(parseResult.GetValue(_workplace)!);
            file = RatingCsv.ReadFile(parseResult.GetValue(_survey)!, workplace);
        }
        catch (InvalidWorkplaceException e)
        {
            return Fail(e.Problems);
        }
        catch (InvalidRatingsException e)
        {
            return Fail(e.Problems);
        }

        Workplace rated;
        try
        {
            rated = file.Scores is { } survey
                ? ReportScores(survey, workplace, parseResult.GetValue(_method))
                : ReportComparisons(file.Comparisons!, workplace, parseResult.GetValue(_mapping));
        }
        catch (InvalidRatingsException e)
        {
            return Fail(e.Problems);
        }

        if (parseResult.GetValue(_out) is { } outPath)
        {
            if (!OutputFile.TryWrite(outPath, WorkplaceJson.Write(rated) + "\n", _stderr))
            {
                return ExitCodes.InvalidInput;
            }

            _stdout.WriteLine();
            _stdout.WriteLine($"wrote {outPath}");
        }

        return ExitCodes.Success;
    }

    private int Fail(IReadOnlyList<ValidationProblem> problems)
    {
        foreach (var problem in problems)
        {
            _stderr.WriteLine($"error: {problem}");
        }

        return ExitCodes.InvalidInput;
    }

    private Workplace ReportScores(RatingSurvey survey, Workplace workplace, AggregationMethod method)
    {
        var ratings = RatingAggregator.Aggregate(survey, workplace, new AggregationOptions { Method = method });
        var answers = survey.Scores.Sum(s => (s.Empowerment is null ? 0 : 1) + (s.Desirability is null ? 0 : 1));
        _stdout.WriteLine($"{workplace.DisplayName} ({workplace.Id}): {ratings.Raters} raters, {answers} scores, {Name(method)}");
        _stdout.WriteLine();

        var table = new TextTable(
            TextTable.Align.Left, TextTable.Align.Right, TextTable.Align.Right, TextTable.Align.Right,
            TextTable.Align.Right, TextTable.Align.Right, TextTable.Align.Right);
        table.AddRow("task", "empowerment", "sd", "n", "desirability", "sd", "n");
        foreach (var task in ratings.Tasks)
        {
            table.AddRow([task.Task, .. Cells(task.Empowerment), .. Cells(task.Desirability)]);
        }

        table.WriteTo(_stdout);
        _stdout.WriteLine();

        var reports = Enum.GetValues<RatingDimension>().Select(d => RaterAgreement.Analyze(survey, workplace, d)).ToArray();
        var agreement = new TextTable(TextTable.Align.Left, TextTable.Align.Left, TextTable.Align.Left);
        agreement.AddRow("agreement", "empowerment", "desirability");
        agreement.AddRow(["Kendall's W", .. reports.Select(r => Kendall(r.Kendall))]);
        agreement.AddRow(["Krippendorff's alpha", .. reports.Select(r => r.KrippendorffAlpha is { } alpha ? Figure(alpha) : "n/a")]);
        agreement.AddRow(["most disagreement", .. reports.Select(r => r.Disagreements.Count == 0
            ? "none"
            : string.Join(", ", r.Disagreements.Take(3).Select(d => $"{d.Task} (sd {Figure(d.StandardDeviation, "0.00")})")))]);
        agreement.WriteTo(_stdout);
        return ratings.ApplyTo(workplace);
    }

    private Workplace ReportComparisons(PairwiseSurvey survey, Workplace workplace, WeightMapping mapping)
    {
        var ratings = PairwiseComparison.Analyze(survey, workplace, new PairwiseOptions { Mapping = mapping });
        _stdout.WriteLine($"{workplace.DisplayName} ({workplace.Id}): {survey.Judgements.Count} pairwise judgements, {mapping.ToString().ToLowerInvariant()} mapping onto {Rating(workplace.RatingScale.Min)}–{Rating(workplace.RatingScale.Max)}");
        foreach (var weights in ratings.Dimensions)
        {
            var n = weights.Tasks.Count;
            var pairs = n * (n - 1) / 2;
            _stdout.WriteLine();
            _stdout.WriteLine($"{weights.Dimension.ToString().ToLowerInvariant()}: {n} tasks, {weights.Raters} raters, {pairs - weights.MissingPairs} of {pairs} pairs compared{(weights.MissingPairs > 0 ? " (Harker's method for the rest)" : "")}");
            _stdout.WriteLine($"consistency: lambda max {Figure(weights.LambdaMax)}, CI {Figure(weights.ConsistencyIndex)}, CR {Consistency(weights)}");
            var table = new TextTable(TextTable.Align.Left, TextTable.Align.Right, TextTable.Align.Right);
            table.AddRow("task", "weight", "rating");
            for (var i = 0; i < n; i++)
            {
                table.AddRow(weights.Tasks[i], Figure(weights.Weights[i], "0.0000"), Rating(weights.Ratings[i]));
            }

            table.WriteTo(_stdout);
            var worst = weights.Inconsistencies.Where(x => x.Factor > 1 + 1e-9).Take(3).ToList();
            if (worst.Count > 0)
            {
                _stdout.WriteLine("most inconsistent: " + string.Join("; ", worst.Select(x =>
                    $"{x.TaskA} vs {x.TaskB} judged {Figure(x.Judgement, "0.##")}, weights say {Figure(x.Implied, "0.##")}")));
            }
        }

        return ratings.ApplyTo(workplace);
    }

    private static string[] Cells(ScoreSummary? summary) =>
        summary is null
            ? ["kept", "", "0"]
            : [Rating(summary.Rating), Figure(summary.StandardDeviation, "0.00"), summary.Count.ToString(CultureInfo.InvariantCulture)];

    private static string Kendall(KendallConcordance? kendall) =>
        kendall is null
            ? "n/a"
            : $"{Figure(kendall.W)} (chi-square {Figure(kendall.ChiSquare, "0.0")}, df {kendall.DegreesOfFreedom}, p {(kendall.PValue < 0.001 ? "< 0.001" : "= " + Figure(kendall.PValue))}; {kendall.Raters} raters x {kendall.Tasks} tasks)";

    private static string Consistency(PriorityWeights weights) =>
        weights.ConsistencyRatio is not { } cr
            ? "n/a (Saaty gives random indices up to 15 tasks)"
            : $"{Figure(cr)} ({(weights.IsConsistentEnough ? "acceptable" : "too inconsistent")}: at most {Figure(PriorityWeights.AcceptableConsistencyRatio, "0.00")})";

    private static string Name(AggregationMethod method) => Methods.First(kv => kv.Value == method).Key;

    /// <summary>A rating as the workplace file writes it: up to 4 decimals, no trailing zeros.</summary>
    private static string Rating(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Figure(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);

    private static T Choose<T>(System.CommandLine.Parsing.ArgumentResult result, string option, Dictionary<string, T> choices)
    {
        var text = result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }

        result.AddError($"{option}: \"{text}\" must be one of {string.Join(", ", choices.Keys)}");
        return choices.Values.First();
    }
}
