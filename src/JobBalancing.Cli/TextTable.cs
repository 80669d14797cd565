namespace JobBalancing.Cli;

/// <summary>Plain-text columns, aligned with spaces, that read the same in a terminal and in a Markdown code block.</summary>
internal sealed class TextTable(params TextTable.Align[] alignments)
{
    /// <summary>How a column's cells line up: text to the left, figures to the right.</summary>
    public enum Align
    {
        /// <summary>Padded on the right.</summary>
        Left,

        /// <summary>Padded on the left, so that figures line up on their last digit.</summary>
        Right,
    }

    private const string Gap = "  ";

    private readonly List<string[]> _rows = [];

    /// <summary>Adds a row, one cell per column; a heading is just the first row.</summary>
    public void AddRow(params string[] cells)
    {
        if (cells.Length != alignments.Length)
        {
            throw new ArgumentException($"expected {alignments.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes every row, each column as wide as its widest cell, without trailing spaces.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = Enumerable.Range(0, alignments.Length).Select(c => _rows.Max(row => row[c].Length)).ToArray();
        foreach (var row in _rows)
        {
            var cells = row.Select((cell, c) => alignments[c] == Align.Right ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            output.WriteLine(string.Join(Gap, cells).TrimEnd());
        }
    }
}
