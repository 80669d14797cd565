using JobBalancing.Domain;
using JobBalancing.IO.Csv;

namespace JobBalancing.Ratings;

/// <summary>A survey's CSV text as records, split by the one RFC 4180 reader of the library (<see cref="CsvTable"/>).</summary>
internal static class CsvRecords
{
    /// <summary>One record: the line it starts on (1-based), its fields unquoted, and the separator of the file.</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Fields, char Delimiter);

    /// <summary>Every record of <paramref name="text"/>; a quoted field left open is added to <paramref name="problems"/>.</summary>
    public static List<Record> Parse(string text, List<(int Line, ValidationProblem Problem)> problems)
    {
        text = text.TrimStart('\uFEFF');
        var separator = CsvTable.DetectSeparator(text);
        var found = new List<ValidationProblem>();
        var records = CsvTable.Split("", text, separator, found);

        // A field left open runs to the end of the text, so its problem comes last.
        problems.AddRange(found.Select(problem => (int.MaxValue, problem)));

        // Empty lines are no records; a line of empty fields is left to the reader, which skips it too.
        return [.. records
            .Where(r => r.Cells.Length > 1 || r.Cells[0].Length > 0)
            .Select(r => new Record(r.Line, r.Cells, separator))];
    }
}
