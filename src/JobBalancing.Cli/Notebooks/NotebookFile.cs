using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace JobBalancing.Cli.Notebooks;

/// <summary>
/// A Jupyter notebook (nbformat 4) kept as the JSON it was read from, so that everything the runner does not own (Markdown
/// cells, metadata, cell ids, key order) is written back exactly as it was. The runner owns only the code cells'
/// <c>outputs</c> and <c>execution_count</c>.
/// </summary>
internal sealed class NotebookFile
{
    /// <summary>How Jupyter writes a notebook: one space per level, non-ASCII characters as they are, a final newline.</summary>
    private static readonly JsonSerializerOptions s_jupyterStyle = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject _root;
    private readonly List<JsonObject> _codeCells;

    private NotebookFile(JsonObject root, List<JsonObject> codeCells, IReadOnlyList<string> sources)
    {
        _root = root;
        _codeCells = codeCells;
        CodeCells = sources;
    }

    /// <summary>The source of each code cell, in order.</summary>
    public IReadOnlyList<string> CodeCells { get; }

    /// <summary>The position (1-based, counting every cell) of the code cell <paramref name="codeCell"/> (1-based).</summary>
    public int Position(int codeCell) => ((JsonArray)_root["cells"]!).IndexOf(_codeCells[codeCell - 1]) + 1;

    /// <summary>Reads a notebook; <see cref="NotebookFormatException"/> says what is wrong with one that is not nbformat 4.</summary>
    public static NotebookFile Parse(string json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"the file is not JSON: {e.Message}");
        }

        if (node is not JsonObject root)
        {
            throw new NotebookFormatException("the file is not a notebook: its JSON is not an object");
        }

        try
        {
            return Parse(root);
        }
        catch (InvalidOperationException e)
        {
            // JsonNode.GetValue on a value of another type: a number where a string belongs, say.
            throw new NotebookFormatException($"a field has the wrong type: {e.Message}");
        }
    }

    private static NotebookFile Parse(JsonObject root)
    {
        if (root["nbformat"] is not JsonValue format || !format.TryGetValue(out int major) || major != 4)
        {
            throw new NotebookFormatException($"nbformat: {root["nbformat"]?.ToJsonString() ?? "missing"}; only nbformat 4 notebooks can be run");
        }

        var language = root["metadata"]?["language_info"]?["name"]?.GetValue<string>()
            ?? root["metadata"]?["kernelspec"]?["language"]?.GetValue<string>();
        if (language is not null && !IsCSharp(language))
        {
            throw new NotebookFormatException($"metadata.language_info.name: \"{language}\"; only C# notebooks can be run");
        }

        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException("cells: missing or not a list");
        }

        var codeCells = new List<JsonObject>();
        var sources = new List<string>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"]?.GetValue<string>() is not { } type)
            {
                throw new NotebookFormatException($"cells[{i}]: not a cell (an object with a cell_type)");
            }

            if (type == "code")
            {
                if (cell["source"] is not (JsonArray or JsonValue))
                {
                    throw new NotebookFormatException($"cells[{i}].source: missing");
                }

                codeCells.Add(cell);
                sources.Add(JoinText(cell["source"]));
            }
        }

        return new NotebookFile(root, codeCells, sources);
    }

    /// <summary>Replaces the outputs of every code cell and numbers the cells 1, 2, … in order.</summary>
    /// <param name="outputs">The outputs of each code cell, as many lists as there are code cells.</param>
    public void SetOutputs(IReadOnlyList<IReadOnlyList<CellOutput>> outputs)
    {
        if (outputs.Count != _codeCells.Count)
        {
            throw new ArgumentException($"{outputs.Count} output lists for {_codeCells.Count} code cells.", nameof(outputs));
        }

        for (var i = 0; i < _codeCells.Count; i++)
        {
            _codeCells[i]["execution_count"] = i + 1;
            _codeCells[i]["outputs"] = new JsonArray([.. outputs[i].Select(ToJson)]);
        }
    }

    /// <summary>The notebook as Jupyter writes it.</summary>
    public override string ToString() => _root.ToJsonString(s_jupyterStyle) + "\n";

    private static bool IsCSharp(string language) =>
        language.Equals("csharp", StringComparison.OrdinalIgnoreCase)
        || language.Equals("C#", StringComparison.OrdinalIgnoreCase)
        || language.Equals("dotnet-interactive.csharp", StringComparison.OrdinalIgnoreCase);

    /// <summary>A multiline string: Jupyter stores it as one string or as a list of lines.</summary>
    private static string JoinText(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line?.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>A multiline string as Jupyter writes it: a list of lines, each but the last ending with its newline.</summary>
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }

        return lines;
    }

    // Keys in alphabetical order, as Jupyter writes them.
    private static JsonObject ToJson(CellOutput output) => output.Kind switch
    {
        CellOutputKind.Text => new JsonObject
        {
            ["name"] = "stdout",
            ["output_type"] = "stream",
            ["text"] = Lines(output.Content),
        },
        CellOutputKind.Markdown => new JsonObject
        {
            ["data"] = new JsonObject { ["text/markdown"] = Lines(output.Content) },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        },
        CellOutputKind.Png => new JsonObject
        {
            ["data"] = new JsonObject { ["image/png"] = output.Content },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        },
        _ => throw new ArgumentOutOfRangeException(nameof(output), output.Kind, "Unknown output kind."),
    };
}

/// <summary>What a code cell showed: text it printed, a Markdown table, or a PNG image (base64).</summary>
internal sealed record CellOutput(CellOutputKind Kind, string Content);

/// <summary>The kinds of cell output the runner stores.</summary>
internal enum CellOutputKind
{
    /// <summary>Text the cell wrote to the console (stdout and stderr together).</summary>
    Text,

    /// <summary>Markdown, shown as formatted text.</summary>
    Markdown,

    /// <summary>A PNG image, base64-encoded.</summary>
    Png,
}

/// <summary>A file that is not a C# nbformat 4 notebook; the message says what is wrong.</summary>
internal sealed class NotebookFormatException(string message) : Exception(message);
