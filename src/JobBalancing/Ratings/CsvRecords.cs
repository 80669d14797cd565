using JobBalancing.Domain;

namespace JobBalancing.Ratings;

/// <summary>Splits CSV text into records as RFC 4180 describes them, with the separator the header uses.</summary>
internal static class CsvRecords
{
    /// <summary>One record: the line it starts on (1-based), its fields unquoted, and the separator of the file.</summary>
    public sealed record Record(int Line, IReadOnlyList<string> Fields, char Delimiter);

    /// <summary>Every record of <paramref name="text"/>; a quoted field left open is added to <paramref name="problems"/>.</summary>
    public static List<Record> Parse(string text, List<(int Line, ValidationProblem Problem)> problems)
    {
        text = text.TrimStart('\uFEFF');
        var delimiter = DetectDelimiter(text);
        var records = new List<Record>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var (line, recordLine, quoted, atFieldStart) = (1, 1, false, true);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && atFieldStart)
            {
                quoted = true;
                atFieldStart = false;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                atFieldStart = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                records.Add(new Record(recordLine, [.. fields], delimiter));
                (fields, field) = ([], field.Clear());
                line++;
                (recordLine, atFieldStart) = (line, true);
            }
            else
            {
                field.Append(c);
                atFieldStart = false;
            }
        }

        if (quoted)
        {
            problems.Add((recordLine, new ValidationProblem($"line {recordLine}", "a quoted field is not closed: a \" is missing")));
        }
        else if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            records.Add(new Record(recordLine, [.. fields], delimiter));
        }

        // Empty lines are no records; a line of empty fields is left to the reader, which skips it too.
        return records.Where(r => r.Fields.Count > 1 || r.Fields[0].Length > 0).ToList();
    }

    /// <summary>The separator the first line uses most outside quotes: comma, semicolon or tab; a comma when there is none.</summary>
    private static char DetectDelimiter(string text)
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

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == ',' ? 0 : 1).First().Key;
    }
}
