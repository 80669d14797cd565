using System.Globalization;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Ratings;

/// <summary>What a ratings CSV file holds: scores or pairwise comparisons, told apart by its header. Immutable.</summary>
public sealed record RatingsFile
{
    /// <summary>The scores, when the file has the header <see cref="RatingCsv.ScoresHeader"/>; otherwise <see langword="null"/>.</summary>
    public RatingSurvey? Scores { get; init; }

    /// <summary>The comparisons, when the file has the header <see cref="RatingCsv.ComparisonsHeader"/>; otherwise <see langword="null"/>.</summary>
    public PairwiseSurvey? Comparisons { get; init; }
}

/// <summary>
/// Reads rating surveys and pairwise comparisons from CSV as spreadsheets export them: fields separated by commas,
/// semicolons or tabs (whichever the header uses), quoted with <c>"</c> where needed, decimal points or decimal commas
/// (<c>7.5</c>, <c>"7,5"</c>, or <c>7,5</c> between semicolons), judgements as numbers or fractions (<c>3</c>, <c>1/3</c>).
/// </summary>
/// <remarks>
/// The header names the columns, in any order and any letter case. Scores may be empty (a missing answer); every
/// other field is required. Every problem is reported at once, each with its line, column and value.
/// </remarks>
public static class RatingCsv
{
    /// <summary>The columns of a scores file: each rater's score of each task, one row per rater and task.</summary>
    public const string ScoresHeader = "rater,task,empowerment,desirability";

    /// <summary>The columns of a comparisons file: <c>taskA</c> is <c>judgement</c> times as empowering (or desirable) as <c>taskB</c>.</summary>
    public const string ComparisonsHeader = "rater,taskA,taskB,dimension,judgement";

    private static readonly string[] ScoreColumns = ScoresHeader.Split(',');
    private static readonly string[] ComparisonColumns = ComparisonsHeader.Split(',');

    /// <summary>Reads a ratings file's text and validates it against <paramref name="workplace"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="workplace">The workplace whose tasks are rated; it gives the task ids and the rating scale.</param>
    /// <returns>The scores or the comparisons; they are valid for the workplace.</returns>
    /// <exception cref="InvalidRatingsException">
    /// The text has problems; every one is listed, such as <c>line 4, empowerment: "high" is not a number</c>.
    /// </exception>
    public static RatingsFile Read(string csv, Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(workplace);
        var problems = new List<(int Line, ValidationProblem Problem)>();
        var records = CsvRecords.Parse(csv, problems);
        if (problems.Count == 0 && records.Count == 0)
        {
            problems.Add((1, new ValidationProblem("line 1", $"the file is empty; it needs a header, \"{ScoresHeader}\" or \"{ComparisonsHeader}\"")));
        }

        RatingsFile? file = null;
        if (problems.Count == 0)
        {
            var header = records[0];
            var rows = records.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)).ToList();
            if (Columns(header, ScoreColumns) is { } scoreColumns)
            {
                file = new RatingsFile { Scores = ReadScores(rows, scoreColumns, workplace, problems) };
            }
            else if (Columns(header, ComparisonColumns) is { } comparisonColumns)
            {
                file = new RatingsFile { Comparisons = ReadComparisons(rows, comparisonColumns, workplace, problems) };
            }
            else
            {
                problems.Add((header.Line, new ValidationProblem(
                    $"line {header.Line}",
                    $"the header must be \"{ScoresHeader}\" (scores) or \"{ComparisonsHeader}\" (pairwise comparisons), got \"{string.Join(",", header.Fields)}\"")));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidRatingsException([.. problems.OrderBy(p => p.Line).Select(p => p.Problem)]);
        }

        return file!;
    }

    /// <summary>Reads a ratings CSV file and validates it against <paramref name="workplace"/>.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="workplace">The workplace whose tasks are rated.</param>
    /// <returns>The scores or the comparisons.</returns>
    /// <exception cref="InvalidRatingsException">The file cannot be read, or its text has problems; see <see cref="Read"/>.</exception>
    public static RatingsFile ReadFile(string path, Workplace workplace)
    {
        ArgumentNullException.ThrowIfNull(path);
        string csv;
        try
        {
            csv = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidRatingsException([new ValidationProblem("", $"cannot read \"{path}\": {WorkplaceJson.Reason(e, path)}")]);
        }

        return Read(csv, workplace);
    }

    /// <summary>The position of each expected column in the header, or <see langword="null"/> when the header has other columns.</summary>
    private static int[]? Columns(CsvRecords.Record header, string[] expected)
    {
        var names = header.Fields.Select(f => f.Trim()).ToArray();
        if (names.Length != expected.Length)
        {
            return null;
        }

        var positions = expected.Select(column => Array.FindIndex(names, n => string.Equals(n, column, StringComparison.OrdinalIgnoreCase))).ToArray();
        return positions.Contains(-1) ? null : positions;
    }

    private static RatingSurvey ReadScores(
        List<CsvRecords.Record> rows, int[] columns, Workplace workplace, List<(int, ValidationProblem)> problems)
    {
        var scores = new List<RatingScore>();
        var lines = new List<int>();
        foreach (var row in rows)
        {
            if (!HasFieldCount(row, ScoreColumns.Length, problems))
            {
                continue;
            }

            string Field(int column) => row.Fields[columns[column]].Trim();
            decimal? Score(int column)
            {
                var text = Field(column);
                if (text.Length == 0)
                {
                    return null;
                }

                if (ParseNumber(text) is { } value)
                {
                    return value;
                }

                problems.Add((row.Line, new ValidationProblem($"line {row.Line}, {ScoreColumns[column]}", $"\"{text}\" is not a number")));
                return null;
            }

            scores.Add(new RatingScore(Field(0), Field(1), Score(2), Score(3)));
            lines.Add(row.Line);
        }

        var survey = new RatingSurvey { Scores = scores };
        problems.AddRange(survey.Validate(workplace, (i, field) => $"line {lines[i]}, {field}").Select(p => (LineOf(p), p)));
        return survey;
    }

    private static PairwiseSurvey ReadComparisons(
        List<CsvRecords.Record> rows, int[] columns, Workplace workplace, List<(int, ValidationProblem)> problems)
    {
        var judgements = new List<PairwiseJudgement>();
        var lines = new List<int>();
        foreach (var row in rows)
        {
            if (!HasFieldCount(row, ComparisonColumns.Length, problems))
            {
                continue;
            }

            string Field(int column) => row.Fields[columns[column]].Trim();
            void Problem(int column, string message) =>
                problems.Add((row.Line, new ValidationProblem($"line {row.Line}, {ComparisonColumns[column]}", message)));

            var dimensionText = Field(3);
            RatingDimension? dimension = RatingDimensions.All.Cast<RatingDimension?>()
                .FirstOrDefault(d => string.Equals(d!.Value.Name(), dimensionText, StringComparison.OrdinalIgnoreCase));
            if (dimension is null)
            {
                Problem(3, $"\"{dimensionText}\" must be empowerment or desirability");
            }

            var judgementText = Field(4);
            var judgement = ParseJudgement(judgementText);
            if (judgement is null)
            {
                Problem(4, $"\"{judgementText}\" is not a number or a fraction such as 1/3");
            }

            if (dimension is not null && judgement is not null)
            {
                judgements.Add(new PairwiseJudgement(Field(0), Field(1), Field(2), dimension.Value, judgement.Value));
                lines.Add(row.Line);
            }
            else
            {
                // The tasks are still checked, so that one run reports every problem of the line.
                var check = new PairwiseSurvey { Judgements = [new PairwiseJudgement(Field(0), Field(1), Field(2), RatingDimension.Empowerment, 1)] };
                problems.AddRange(check.Validate(workplace, (_, field) => $"line {row.Line}, {field}").Select(p => (row.Line, p)));
            }
        }

        var survey = new PairwiseSurvey { Judgements = judgements };
        problems.AddRange(survey.Validate(workplace, (i, field) => $"line {lines[i]}, {field}").Select(p => (LineOf(p), p)));
        return survey;
    }

    private static bool HasFieldCount(CsvRecords.Record row, int expected, List<(int, ValidationProblem)> problems)
    {
        if (row.Fields.Count == expected)
        {
            return true;
        }

        var hint = row.Fields.Count > expected && row.Delimiter == ','
            ? " (a decimal comma needs quotes, \"7,5\", or ';' between the fields)"
            : "";
        problems.Add((row.Line, new ValidationProblem($"line {row.Line}", $"expected {expected} fields, got {row.Fields.Count}{hint}")));
        return false;
    }

    private static int LineOf(ValidationProblem problem) =>
        int.Parse(problem.Path.AsSpan(5, problem.Path.IndexOf(',', StringComparison.Ordinal) - 5), CultureInfo.InvariantCulture);

    /// <summary>A number with a decimal point or a decimal comma; <see langword="null"/> when the text is not one.</summary>
    internal static decimal? ParseNumber(string text)
    {
        const NumberStyles style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        return decimal.TryParse(text, style, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>A judgement: a positive number or a fraction <c>a/b</c>; <see langword="null"/> when the text is neither.</summary>
    internal static double? ParseJudgement(string text)
    {
        var parts = text.Split('/');
        if (parts.Length > 2 || parts.Any(p => ParseNumber(p.Trim()) is not > 0))
        {
            return null;
        }

        var numerator = (double)ParseNumber(parts[0].Trim())!.Value;
        return parts.Length == 1 ? numerator : numerator / (double)ParseNumber(parts[1].Trim())!.Value;
    }
}
