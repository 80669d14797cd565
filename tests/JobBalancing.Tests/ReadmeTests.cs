namespace JobBalancing.Tests;

/// <summary>The README's quick start is the code of samples/QuickStart, which the build compiles, so it cannot rot.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void Readme_FirstCSharpCodeBlock_IsTheQuickStartProgram()
    {
        var root = Repository.Root();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var program = File.ReadAllText(Path.Combine(root, "samples", "QuickStart", "Program.cs"));

        Assert.Equal(Normalize(program), Normalize(FirstCodeBlock(readme, "csharp")));
    }

    /// <summary>The text between the first <c>```language</c> line and the next <c>```</c> line.</summary>
    private static string FirstCodeBlock(string markdown, string language)
    {
        var lines = Normalize(markdown).Split('\n');
        var start = Array.FindIndex(lines, line => line.Trim() == "```" + language);
        Assert.True(start >= 0, $"README.md has no ```{language} code block");
        var end = Array.FindIndex(lines, start + 1, line => line.Trim() == "```");
        Assert.True(end > start, $"README.md's first ```{language} code block is not closed");
        return string.Join('\n', lines[(start + 1)..end]);
    }

    /// <summary>LF line endings, and no blank lines at the end, so that only the code itself is compared.</summary>
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
}
