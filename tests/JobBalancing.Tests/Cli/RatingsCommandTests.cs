using JobBalancing.Cli;
using JobBalancing.IO;

namespace JobBalancing.Tests.Cli;

public sealed class RatingsCommandTests : IDisposable
{
    private const string Office = """
        {
          "id": "office", "name": "Print Office",
          "tasks": [
            { "id": "design", "hours": 10, "empowerment": 9, "desirability": 7 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [ { "id": "ana", "hours": 10 }, { "id": "ben", "hours": 10 } ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("jobbalancing-ratings-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Ratings_Scores_WritesTheAggregatedWorkplaceAndPrintsAgreement()
    {
        var survey = File("survey.csv", "rater,task,empowerment,desirability\nana,design,8,6\nben,design,7,\ncem,design,8,7\nana,cleaning,2,1\nben,cleaning,1,3\ncem,cleaning,2,2\n");
        var rated = Path.Combine(_folder, "rated.json");

        var run = Run("ratings", survey, "--workplace", File("office.json", Office), "--out", rated);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        var workplace = WorkplaceJson.ReadFile(rated);
        Assert.Equal([(7.6667m, 6.5m), (1.6667m, 2m)], workplace.Tasks.Select(t => (t.Empowerment, t.Desirability)));
        Assert.Equal(
            [
                "Print Office (office): 3 raters, 11 scores, mean",
                "",
                "task      empowerment    sd  n  desirability    sd  n",
                "design         7.6667  0.58  3           6.5  0.71  2",
                "cleaning       1.6667  0.58  3             2  1.00  3",
                "",
            ],
            run.Stdout.Split('\n')[..6]);
        Assert.Contains("Kendall's W           1.000 (chi-square 3.0, df 1, p = 0.083; 3 raters x 2 tasks)", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"wrote {rated}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_Comparisons_PrintsWeightsAndConsistencyRatio()
    {
        var survey = File("pairwise.csv", "rater,taskA,taskB,dimension,judgement\nana,design,cleaning,empowerment,9\nben,cleaning,design,empowerment,1/4\n");

        var run = Run("ratings", survey, "--workplace", File("office.json", Office), "--mapping", "range");

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(
            [
                "Print Office (office): 2 pairwise judgements, range mapping onto 1–10",
                "",
                "empowerment: 2 tasks, 2 raters, 1 of 1 pairs compared",
                "consistency: lambda max 2.000, CI 0.000, CR 0.000 (acceptable: at most 0.10)",
                "task      weight  rating",
                "design    0.8571      10",
                "cleaning  0.1429       1",
                "",
            ],
            run.Stdout.Split('\n'));
    }

    [Fact]
    public void Ratings_BadSurvey_ExitsTwoWithEveryProblemAndWritesNothing()
    {
        var survey = File("survey.csv", "rater,task,empowerment,desirability\nana,desing,8,6\nben,design,\"7,5\",11\n");
        var rated = Path.Combine(_folder, "rated.json");

        var run = Run("ratings", survey, "--workplace", File("office.json", Office), "--out", rated);

        Assert.Equal((2, ""), (run.ExitCode, run.Stdout));
        Assert.Equal(
            [
                "error: line 2, task: unknown task \"desing\" (did you mean \"design\"?)",
                "error: line 3, desirability: 11 is outside the rating scale 1–10",
            ],
            run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(System.IO.File.Exists(rated));
    }

    [Theory]
    [InlineData("--method", "mode", "error: --method: \"mode\" must be one of mean, median, trimmed-mean")]
    [InlineData("--mapping", "log", "error: --mapping: \"log\" must be one of ratio, range")]
    public void Ratings_UnknownChoice_ExitsTwoNamingTheOption(string option, string value, string expected)
    {
        var run = Run("ratings", File("survey.csv", "rater,task,empowerment,desirability\n"), "--workplace", File("office.json", Office), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratings_WithoutWorkplace_ExitsTwo()
    {
        var run = Run("ratings", File("survey.csv", "rater,task,empowerment,desirability\n"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--workplace", run.Stderr, StringComparison.Ordinal);
    }

    private static CliRun Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr, TestContext.Current.CancellationToken);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private sealed record CliRun(int ExitCode, string Stdout, string Stderr);
}
