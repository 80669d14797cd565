using System.Text.Json.Nodes;
using JobBalancing.Cli.Notebooks;

namespace JobBalancing.Tests.Cli;

public sealed class NotebookCommandTests
{
    /// <summary>
    /// A notebook as Jupyter writes it (indent 1, sorted keys, lists of lines, non-ASCII kept), with a Markdown cell,
    /// cell ids, stored outputs and metadata the runner must not touch.
    /// </summary>
    private const string Stored = """
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "intro",
           "metadata": {
            "tags": [
             "keep"
            ]
           },
           "source": [
            "# Zürich café — <b>council</b>\n",
            "Numbers: 1.50 and 2e3."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "id": "first",
           "metadata": {},
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "x = 42\n",
              "émigré\n"
             ]
            }
           ],
           "source": [
            "var x = 6 * 7;\n",
            "Console.WriteLine($\"x = {x}\");\n",
            "Console.WriteLine(\"émigré\");"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "language_info": {
           "name": "csharp"
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }

        """;

    /// <summary>A text cell, a cell that shows a table between two lines of text and an image, and a cell reading a data file.</summary>
    private static readonly string[] s_working =
    [
        "using JobBalancing.IO;\nvar x = 6 * 7;\nConsole.WriteLine($\"x = {x}\");",
        "Console.WriteLine(\"before\");\nNotebook.Table([\"name\", \"value\"], [[\"x\", x], [\"a|b\", x / 4.0]]);\nNotebook.Image([137, 80, 78, 71]);\nConsole.Write(\"after\");",
        "var office = WorkplaceJson.ReadFile(\"data/office.json\");\nConsole.WriteLine(office.Name);",
    ];

    [Fact]
    public void Parse_ThenWrite_GivesBackTheFileJupyterWrote()
    {
        var text = Stored.ReplaceLineEndings("\n");

        Assert.Equal(text, NotebookFile.Parse(text).ToString());
    }

    [Fact]
    public void SetOutputs_ChangesOnlyTheCodeCellsOutputsAndCounts()
    {
        var notebook = NotebookFile.Parse(Stored);

        notebook.SetOutputs([[new CellOutput(CellOutputKind.Text, "x = 42\nnew line\n"), new CellOutput(CellOutputKind.Markdown, "| a |\n|---|\n")]]);

        var before = JsonNode.Parse(Stored)!;
        var after = JsonNode.Parse(notebook.ToString())!;
        Assert.True(JsonNode.DeepEquals(before["metadata"], after["metadata"]));
        Assert.True(JsonNode.DeepEquals(before["cells"]![0], after["cells"]![0]));
        Assert.True(JsonNode.DeepEquals(before["cells"]![1]!["source"], after["cells"]![1]!["source"]));
        Assert.Equal(
            """[{"name":"stdout","output_type":"stream","text":["x = 42\n","new line\n"]},{"data":{"text/markdown":["| a |\n","|---|\n"]},"metadata":{},"output_type":"display_data"}]""",
            after["cells"]![1]!["outputs"]!.ToJsonString());
    }

    [Theory]
    [InlineData("{ \"cells\": [", "is not JSON")]
    [InlineData("""{ "nbformat": 3, "cells": [] }""", "nbformat: 3; only nbformat 4 notebooks can be run")]
    [InlineData("""{ "nbformat": 4, "metadata": { "language_info": { "name": "python" } }, "cells": [] }""", "metadata.language_info.name: \"python\"; only C# notebooks can be run")]
    [InlineData("""{ "nbformat": 4, "cells": [ { "source": "x" } ] }""", "cells[0]: not a cell")]
    [InlineData("""{ "nbformat": 4, "cells": [ { "cell_type": "code", "source": [ 1 ] } ] }""", "a field has the wrong type")]
    public void Run_NotACSharpNotebook_ExitsTwoAndSaysWhy(string json, string message)
    {
        var folder = Directory.CreateTempSubdirectory("jobbalancing-notebook-").FullName;
        try
        {
            var path = Path.Combine(folder, "bad.ipynb");
            File.WriteAllText(path, json);

            var run = CliRun.Of("notebook", "run", path);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
            Assert.Equal(json, File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Parse_CompilerErrorsInACell_BlameTheFirstSuchCellWithItsOwnLines()
    {
        const string build = """
            /tmp/x/cell 3(4,9): error CS0103: The name 'z' does not exist in the current context [/tmp/x/app.csproj]
            /tmp/x/cell 2(2,1): error CS1002: ; expected [/tmp/x/app.csproj]
            /tmp/x/cell 2(2,1): error CS1002: ; expected [/tmp/x/app.csproj]

            The build failed. Fix the build errors and run again.
            """;

        var run = NotebookOutputParser.Parse(build, "", 1, cellCount: 3, token: "jbnb-test");

        Assert.Empty(run.Outputs);
        Assert.Equal(2, run.Failure?.Cell);
        Assert.Equal("the cell does not compile:\nline 2, column 1: CS1002: ; expected", run.Failure?.Error);
    }

    [Fact]
    public void Run_WorkingNotebook_StoresEachCellsOutputs_AndARerunChangesNothing()
    {
        var path = Notebook("working", s_working);

        var run = CliRun.Of("notebook", "run", path);

        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        var cells = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
        Assert.Equal("# A tiny notebook\n", cells[0]!["source"]!.GetValue<string>());
        Assert.Null(cells[0]!["outputs"]);
        Assert.Equal([1, 2, 3], cells.Skip(1).Select(cell => cell!["execution_count"]!.GetValue<int>()));
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":["x = 42\n"]}]""", cells[1]!["outputs"]!.ToJsonString());
        Assert.Equal(
            """[{"name":"stdout","output_type":"stream","text":["before\n"]},""" +
            """{"data":{"text/markdown":["| name | value |\n","|---|---:|\n","| x | 42 |\n","| a\\|b | 10.5 |\n"]},"metadata":{},"output_type":"display_data"},""" +
            """{"data":{"image/png":"iVBORw=="},"metadata":{},"output_type":"display_data"},""" +
            """{"name":"stdout","output_type":"stream","text":["after"]}]""",
            cells[2]!["outputs"]!.ToJsonString());
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":["Print Office\n"]}]""", cells[3]!["outputs"]!.ToJsonString());

        var stored = File.ReadAllText(path);
        var rerun = CliRun.Of("notebook", "run", path);

        Assert.Equal(0, rerun.ExitCode);
        Assert.Equal(stored, File.ReadAllText(path));
    }

    [Fact]
    public void Run_CellThrows_StopsWithTheCellsNumberAndLeavesTheNotebookAsItWas()
    {
        var path = Notebook("failing", [s_working[0], "Console.WriteLine(\"about to fail\");\n\nthrow new InvalidOperationException($\"no plan for {x}\");", "Console.WriteLine(\"never\");"]);
        var before = File.ReadAllText(path);

        var run = CliRun.Of("notebook", "run", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [
                "error: code cell 2 (cell 3 of the notebook) failed: InvalidOperationException: no plan for 42",
                "at cell 2, line 3",
                "The cell had printed:",
                "about to fail",
                $"\"{path}\" was left as it was.",
            ],
            CliRun.Lines(run.Stderr));
        Assert.Equal(before, File.ReadAllText(path));
    }

    /// <summary>
    /// A notebook with a Markdown cell and <paramref name="cells"/>, beside a data folder, in a folder under the test's
    /// output that stays the same from run to run, so that dotnet builds its app again only when the cells change.
    /// </summary>
    private static string Notebook(string name, string[] cells)
    {
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "notebook-tests", name)).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "data", "office.json"), """
            { "id": "office", "name": "Print Office",
              "tasks": [ { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 } ],
              "workers": [ { "id": "ana", "hours": 10 } ] }
            """);
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(
            [
                new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# A tiny notebook\n" },
                .. cells.Select(source => new JsonObject
                {
                    ["cell_type"] = "code",
                    ["execution_count"] = null,
                    ["metadata"] = new JsonObject(),
                    ["outputs"] = new JsonArray(),
                    ["source"] = source,
                }),
            ]),
            ["metadata"] = new JsonObject { ["language_info"] = new JsonObject { ["name"] = "csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name + ".ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
