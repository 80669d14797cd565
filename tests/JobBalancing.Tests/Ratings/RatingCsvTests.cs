using JobBalancing.Ratings;

namespace JobBalancing.Tests.Ratings;

public sealed class RatingCsvTests
{
    private static readonly JobBalancing.Domain.Workplace Office = RatingsFixtures.WithTasks(["design", "cleaning"]);

    [Fact]
    public void Read_SpreadsheetExportWithSemicolonsAndDecimalCommas_ReadsEveryScore()
    {
        var file = RatingCsv.Read("\uFEFFRater;Task;Empowerment;Desirability\r\nana;design;8,5;7\r\n\"ben \"\"b\"\"\";cleaning;;2,25\r\n\r\n", Office);

        Assert.Null(file.Comparisons);
        Assert.Equal(
            [new RatingScore("ana", "design", 8.5m, 7m), new RatingScore("ben \"b\"", "cleaning", null, 2.25m)],
            file.Scores!.Scores);
    }

    [Fact]
    public void Read_CommasWithQuotedDecimalCommaAndColumnsInAnotherOrder_ReadsEveryScore()
    {
        var file = RatingCsv.Read("task,rater,desirability,empowerment\ndesign,ana,\"6,5\",9\ncleaning,\"de, la\",2,1.5", Office);

        Assert.Equal(
            [new RatingScore("ana", "design", 9m, 6.5m), new RatingScore("de, la", "cleaning", 1.5m, 2m)],
            file.Scores!.Scores);
    }

    [Fact]
    public void Read_PairwiseHeader_ReadsJudgementsAndFractions()
    {
        var file = RatingCsv.Read("rater,taskA,taskB,dimension,judgement\nana,design,cleaning,Empowerment,7\nana,cleaning,design,desirability,1/3\nben,design,cleaning,desirability,\"2,5\"\n", Office);

        Assert.Null(file.Scores);
        Assert.Equal(
            [
                new PairwiseJudgement("ana", "design", "cleaning", RatingDimension.Empowerment, 7),
                new PairwiseJudgement("ana", "cleaning", "design", RatingDimension.Desirability, 1.0 / 3),
                new PairwiseJudgement("ben", "design", "cleaning", RatingDimension.Desirability, 2.5),
            ],
            file.Comparisons!.Judgements);
    }

    [Fact]
    public void Read_ScoresWithSeveralProblems_ListsEachWithLineColumnAndValue()
    {
        const string csv = """
            rater,task,empowerment,desirability
            ana,desing,11,7
            ana,design,7,5,5
            ben,cleaning,high,2
            ben,cleaning,3,4
            ,design,3,4
            """;

        var e = Assert.Throws<InvalidRatingsException>(() => RatingCsv.Read(csv, Office));

        Assert.Equal(
            [
                "line 2, task: unknown task \"desing\" (did you mean \"design\"?)",
                "line 2, empowerment: 11 is outside the rating scale 1–10",
                "line 3: expected 4 fields, got 5 (a decimal comma needs quotes, \"7,5\", or ';' between the fields)",
                "line 4, empowerment: \"high\" is not a number",
                "line 5, task: rater \"ben\" already scored task \"cleaning\" (line 4, task)",
                "line 6, rater: must not be empty",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Read_ComparisonsWithSeveralProblems_ListsEachWithLineColumnAndValue()
    {
        const string csv = """
            rater,taskA,taskB,dimension,judgement
            ana,design,design,empowerment,3
            ana,design,cleaning,joy,3
            ana,design,cleaning,empowerment,12
            ana,design,cleaning,empowerment,three
            ana,design,cleanin,desirability,1/0
            ana,cleaning,design,empowerment,1/2
            """;

        var e = Assert.Throws<InvalidRatingsException>(() => RatingCsv.Read(csv, Office));

        Assert.Equal(
            [
                "line 2, taskB: \"design\" is compared with itself",
                "line 3, dimension: \"joy\" must be empowerment or desirability",
                "line 4, judgement: 12 is outside Saaty's scale 1/9–9",
                "line 5, judgement: \"three\" is not a number or a fraction such as 1/3",
                "line 6, judgement: \"1/0\" is not a number or a fraction such as 1/3",
                "line 6, taskB: unknown task \"cleanin\" (did you mean \"cleaning\"?)",
                "line 7, taskB: rater \"ana\" already compared \"cleaning\" and \"design\" for empowerment (line 4, taskB)",
            ],
            e.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("", "line 1: the file is empty; it needs a header, \"rater,task,empowerment,desirability\" or \"rater,taskA,taskB,dimension,judgement\"")]
    [InlineData("rater,task,score\nana,design,3", "line 1: the header must be \"rater,task,empowerment,desirability\" (scores) or \"rater,taskA,taskB,dimension,judgement\" (pairwise comparisons), got \"rater,task,score\"")]
    [InlineData("rater,task,empowerment,desirability\nana,\"design,3,4", "line 2: a quoted field is never closed: a \" is missing")]
    public void Read_NoUsableHeaderOrOpenQuote_SaysWhat(string csv, string expected)
    {
        var e = Assert.Throws<InvalidRatingsException>(() => RatingCsv.Read(csv, Office));

        Assert.Equal(expected, Assert.Single(e.Problems).ToString());
    }

    [Fact]
    public void ReadFile_Missing_SaysTheFileDoesNotExist()
    {
        var e = Assert.Throws<InvalidRatingsException>(() => RatingCsv.ReadFile("/nowhere/survey.csv", Office));

        Assert.Equal("cannot read \"/nowhere/survey.csv\": its folder does not exist", Assert.Single(e.Problems).ToString());
    }
}
