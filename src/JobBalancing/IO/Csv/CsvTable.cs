using System.Globalization;
using System.Text;
using JobBalancing.Domain;

namespace JobBalancing.IO.Csv;

/// <summary>One cell of a CSV table, with where it is, for naming problems: <c>tasks.csv line 3, hours</c>.</summary>
/// <param name="File">The file's name.</param>
/// <param name="Line">The 1-based line the cell's record starts on.</param>
/// <param name="Column">The column's name, as the header spells it.</param>
/// <param name="Text">The cell's text, unquoted; empty when the record has no such cell.</param>
internal readonly record struct CsvCell(string File, int Line, string Column, string Text)
{
    /// <summary>Where the cell is, as a problem's path: <c>tasks.csv line 3, hours</c>.</summary>
    public string Path => $"{File} line {Line}, {Column}";
}

/// <summary>One record of a CSV table: its line and its cells by column name.</summary>
internal sealed class CsvRecord(CsvTable table, int line, string[] cells)
{
    public int Line => line;

    /// <summary>The cell of <paramref name="column"/>; its text is empty when the table has no such column or the record is short.</summary>
    public CsvCell this[string column]
    {
        get
        {
            var index = table.IndexOf(column);
            var text = index >= 0 && index < cells.Length ? cells[index] : "";
            return new CsvCell(table.File, line, column, text);
        }
    }

    /// <summary>Where the record is: <c>tasks.csv line 3</c>.</summary>
    public string Path => $"{table.File} line {line}";
}

/// <summary>
/// A CSV table as spreadsheets export it (RFC 4180): a header row, then records; fields separated by commas, or by
/// semicolons with decimal commas as European spreadsheets write them (detected from the header); fields quoted with
/// <c>"</c> when they hold a separator, a quote (doubled) or a line break. Reading collects every problem at once.
/// </summary>
/// <remarks>Kept general, with no knowledge of workplaces, so that other tables (ratings surveys) can use it.</remarks>
internal sealed class CsvTable
{
    private readonly string[] _header;

    private CsvTable(string file, char separator, string[] header, List<(int Line, string[] Cells)> rows)
    {
        File = file;
        Separator = separator;
        _header = header;
        Records = [.. rows.Select(r => new CsvRecord(this, r.Line, r.Cells))];
    }

    public string File { get; }

    /// <summary>The field separator: <c>,</c> or <c>;</c> (then numbers may have a decimal comma), or a tab.</summary>
    public char Separator { get; }

    public IReadOnlyList<string> Header => _header;

    public IReadOnlyList<CsvRecord> Records { get; }

    public int IndexOf(string column) => Array.FindIndex(_header, h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Parses <paramref name="text"/>, reporting to <paramref name="problems"/> a header without the
    /// <paramref name="required"/> columns, columns that are neither required nor <paramref name="optional"/>, repeated
    /// columns, records with more cells than the header, and an unclosed quote.
    /// </summary>
    public static CsvTable Parse(string file, string text, string[] required, string[] optional, List<ValidationProblem> problems)
    {
        text = text.TrimStart('\uFEFF');
        var separator = DetectSeparator(text);
        var rows = Split(file, text, separator, problems);
        if (rows.Count == 0)
        {
            problems.Add(new ValidationProblem(file, $"the file is empty; expected a header row with {string.Join(", ", required)}"));
            return new CsvTable(file, separator, [], []);
        }

        var header = rows[0].Cells.Select(h => h.Trim()).ToArray();
        var known = required.Concat(optional).ToArray();
        for (var c = 0; c < header.Length; c++)
        {
            var name = header[c];
            var path = $"{file} line {rows[0].Line}, column {c + 1}";
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var suggestion = Suggestions.Closest(name, known);
                problems.Add(new ValidationProblem(path, suggestion is null
                    ? $"unknown column \"{name}\"; expected {string.Join(", ", known)}"
                    : $"unknown column \"{name}\" (did you mean \"{suggestion}\"?)"));
            }
            else if (Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)) < c)
            {
                problems.Add(new ValidationProblem(path, $"column \"{name}\" appears more than once"));
            }
        }

        foreach (var missing in required.Where(r => !header.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add(new ValidationProblem($"{file} line {rows[0].Line}", $"missing column \"{missing}\""));
        }

        var records = rows.Skip(1).Where(r => r.Cells.Any(cell => cell.Length > 0)).ToList();
        foreach (var (line, cells) in records.Where(r => r.Cells.Length > header.Length))
        {
            problems.Add(new ValidationProblem($"{file} line {line}", $"{cells.Length} cells, but the header has {header.Length} columns"));
        }

        return new CsvTable(file, separator, header, records);
    }

    /// <summary>Whether the header has <paramref name="column"/>.</summary>
    public bool Has(string column) => IndexOf(column) >= 0;

    /// <summary>A number in a cell: <c>2.5</c>, or <c>2,5</c> in a semicolon-separated table. <see langword="null"/>, reported, when it is not one.</summary>
    public decimal? Number(CsvCell cell, List<ValidationProblem> problems)
    {
        var text = cell.Text.Trim();
        if (Separator != ',' && text.Count(c => c == ',') == 1 && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(new ValidationProblem(cell.Path, $"expected a number, got \"{Shortened(cell.Text)}\""));
        return null;
    }

    /// <summary>Writes rows as CSV with <paramref name="separator"/>, quoting the fields that need it, <c>\n</c> line ends.</summary>
    public static string Write(char separator, IEnumerable<IReadOnlyList<string>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendJoin(separator, row.Select(field => Quote(field, separator))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A number as a table writes it: <c>2.5</c>, or <c>2,5</c> with a semicolon separator.</summary>
    public static string Format(decimal value, char separator)
    {
        var text = Numbers.Format(value);
        return separator == ',' ? text : text.Replace('.', ',');
    }

    private static string Quote(string field, char separator) =>
        field.IndexOfAny([separator, '"', '\n', '\r']) >= 0 || field != field.Trim()
            ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : field;

    private static string Shortened(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>The separator of the header line: the most frequent of <c>,</c>, <c>;</c> and tab outside quotes.</summary>
    internal static char DetectSeparator(string text)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted && counts.TryGetValue(c, out var count))
            {
                counts[c] = count + 1;
            }
        }

        return counts.MaxBy(p => p.Value) is { Value: > 0 } most ? most.Key : ',';
    }

    /// <summary>RFC 4180 records, each with the line it starts on; quoted fields may hold separators, <c>""</c> and line breaks.</summary>
    /// <param name="file">The file's name for the problems' paths; empty for text that is not a file's.</param>
    /// <param name="text">The text, without a byte-order mark.</param>
    /// <param name="separator">The separator between fields.</param>
    /// <param name="problems">Receives a quoted field that is never closed.</param>
    internal static List<(int Line, string[] Cells)> Split(string file, string text, char separator, List<ValidationProblem> problems)
    {
        var records = new List<(int, string[])>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, i) = (1, 1, 0);
        var quoted = false;
        var quoteLine = 0;

        void EndField()
        {
            cells.Add(field.ToString());
            field.Clear();
        }

        void EndRecord()
        {
            EndField();
            records.Add((recordLine, cells.ToArray()));
            cells.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                i++;
                continue;
            }

            if (c == '"' && field.Length == 0)
            {
                (quoted, quoteLine) = (true, line);
            }
            else if (c == separator)
            {
                EndField();
            }
            else if (c is '\n' or '\r')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }

            i++;
        }

        if (quoted)
        {
            // The rest of the file is one field: its record would only add problems that echo this one.
            problems.Add(new ValidationProblem(file.Length == 0 ? $"line {quoteLine}" : $"{file} line {quoteLine}", "a quoted field is never closed: a \" is missing"));
        }
        else if (field.Length > 0 || cells.Count > 0)
        {
            EndRecord();
        }

        return records;
    }
}
