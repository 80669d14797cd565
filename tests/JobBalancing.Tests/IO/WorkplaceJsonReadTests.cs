using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.IO;

public sealed class WorkplaceJsonReadTests
{
    /// <summary>A valid workplace: three tasks of 10 h, two workers of 15 h.</summary>
    private const string Clinic = """
        {
          "id": "clinic",
          "tasks": [
            { "id": "surgery", "hours": 10, "empowerment": 9, "desirability": 8 },
            { "id": "rounds", "hours": 10, "empowerment": 5, "desirability": 5 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [
            { "id": "ana", "hours": 15 },
            { "id": "ben", "hours": 15 }
          ]
        }
        """;

    [Fact]
    public void Read_EveryFieldOfTheDesign_ReadsThemAll()
    {
        const string json = """
            {
              "format": "jobbalancing.workplace/1",
              "id": "hospital", "name": "Riverside Hospital", "region": "north", "enterprise": "health",
              "hourUnit": 0.5,
              "ratingScale": { "min": 0, "max": 100 },
              "skills": [ { "id": "surgery", "name": "Surgery", "trainingHours": 4000 } ],
              "tasks": [
                { "id": "surgery", "name": "Surgery", "hours": 48, "empowerment": 90, "desirability": 80,
                  "skill": "surgery", "minChunk": 4, "maxPerWorker": 24 },
                { "id": "rounds", "hours": 31.5, "empowerment": 40.25, "desirability": 50 },
                { "id": "lifting", "hours": 0.5, "empowerment": 10, "desirability": 5 }
              ],
              "workers": [
                { "id": "ana", "name": "Ana", "hours": 40, "skills": ["surgery"],
                  "current": { "surgery": 32, "rounds": 8 }, "fixed": { "rounds": 4 }, "excluded": ["lifting"] },
                { "id": "ben", "hours": 40, "skills": ["surgery"] }
              ],
              "rules": { "maxTasksPerWorker": 4, "allowTraining": true },
              "weights": { "empowerment": 2, "desirability": 0.5 }
            }
            """;

        var workplace = WorkplaceJson.Read(json);

        Assert.Equal(("hospital", "Riverside Hospital", "north", "health"), (workplace.Id, workplace.Name, workplace.Region, workplace.Enterprise));
        Assert.Equal(0.5m, workplace.HourUnit);
        Assert.Equal(new RatingScale(0, 100), workplace.RatingScale);
        Assert.Equal(new Skill { Id = "surgery", Name = "Surgery", TrainingHours = 4000 }, Assert.Single(workplace.Skills));
        Assert.Equal(
            new WorkTask { Id = "surgery", Name = "Surgery", Hours = 48, Empowerment = 90, Desirability = 80, Skill = "surgery", MinChunk = 4, MaxPerWorker = 24 },
            workplace.Tasks[0]);
        Assert.Equal(new WorkTask { Id = "rounds", Hours = 31.5m, Empowerment = 40.25m, Desirability = 50 }, workplace.Tasks[1]);
        var ana = workplace.Workers[0];
        Assert.Equal(("ana", "Ana", 40m), (ana.Id, ana.Name, ana.Hours));
        Assert.Equal(["surgery"], ana.Skills);
        Assert.Equal(new Dictionary<string, decimal> { ["surgery"] = 32, ["rounds"] = 8 }, ana.Current);
        Assert.Equal(new Dictionary<string, decimal> { ["rounds"] = 4 }, ana.Fixed);
        Assert.Equal(["lifting"], ana.Excluded);
        Assert.Equal(new WorkplaceRules { MaxTasksPerWorker = 4, AllowTraining = true }, workplace.Rules);
        Assert.Equal(new ObjectiveWeights(2, 0.5m), workplace.Weights);
    }

    [Fact]
    public void Read_OnlyRequiredFields_UsesTheDefaults()
    {
        var workplace = WorkplaceJson.Read(Clinic);

        Assert.Equal(1m, workplace.HourUnit);
        Assert.Equal(RatingScale.Default, workplace.RatingScale);
        Assert.Equal(WorkplaceRules.Default, workplace.Rules);
        Assert.Equal(ObjectiveWeights.Default, workplace.Weights);
        Assert.Null(workplace.Tasks[0].MinChunk);
        Assert.Empty(workplace.Workers[0].Current);
    }

    [Fact]
    public void Read_CommentsTrailingCommasAndNullOptionals_AreAccepted()
    {
        var json = Clinic
            .Replace("\"id\": \"clinic\",", "// a council's own notes\n  \"id\": \"clinic\", \"name\": null,", StringComparison.Ordinal)
            .Replace("\"desirability\": 8 }", "\"desirability\": 8, \"skill\": null, }", StringComparison.Ordinal);

        var workplace = WorkplaceJson.Read(json);

        Assert.Null(workplace.Name);
        Assert.Null(workplace.Tasks[0].Skill);
    }

    [Fact]
    public void Read_FormatOfAnotherVersion_ReportsOnlyTheFormatNamingIt()
    {
        var json = Clinic.Replace("\"id\": \"clinic\",", "\"format\": \"jobbalancing.workplace/2\", \"id\": 7, \"shifts\": [],", StringComparison.Ordinal);

        Assert.Equal(
            ["format: unsupported format \"jobbalancing.workplace/2\"; this version reads \"jobbalancing.workplace/1\""],
            Problems(json));
    }

    [Fact]
    public void Read_FormatThatIsNoString_ReportsIt()
    {
        var json = Clinic.Replace("\"id\": \"clinic\",", "\"format\": 1, \"id\": \"clinic\",", StringComparison.Ordinal);

        Assert.Equal(["format: unsupported format 1; this version reads \"jobbalancing.workplace/1\""], Problems(json));
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndColumn()
    {
        const string json = "{\n  \"id\": \"x\",\n  \"tasks\": [ { \"id\": \"a\" } { } ]\n}";

        var problem = Assert.Single(ProblemsOf(json));

        Assert.Equal("", problem.Path);
        Assert.Equal("malformed JSON at line 3, column 28: '{' is invalid after a value. Expected either ',', '}', or ']'.", problem.Message);
    }

    [Fact]
    public void Read_MalformedJsonAfterNonAsciiText_CountsColumnsInCharacters()
    {
        Assert.Equal(
            ["malformed JSON at line 1, column 16: 'x' is invalid after a value. Expected either ',', '}', or ']'."],
            Problems("{\"name\": \"Zoë\" x}"));
    }

    [Theory]
    [InlineData("", "the text is empty; expected a JSON object describing a workplace")]
    [InlineData("  \n ", "the text is empty; expected a JSON object describing a workplace")]
    [InlineData("[1, 2]", "expected an object, got an array")]
    [InlineData("\"hospital\"", "expected an object, got \"hospital\"")]
    [InlineData("{\"id\": \"\\ud800\"}", "the text holds an invalid Unicode escape: a lone surrogate such as \\ud800")]
    [InlineData("{\"\\ud800\": 1}", "the text holds an invalid Unicode escape: a lone surrogate such as \\ud800")]
    public void Read_TextThatIsNoWorkplace_SaysWhat(string json, string message)
    {
        Assert.Equal([message], Problems(json));
    }

    [Fact]
    public void Read_WrongTypes_ReportEachWithWhatWasExpectedAndTheValue()
    {
        var json = Clinic
            .Replace("\"hours\": 10, \"empowerment\": 1", "\"hours\": \"ten\", \"empowerment\": 1", StringComparison.Ordinal)
            .Replace("\"id\": \"rounds\"", "\"id\": 42", StringComparison.Ordinal)
            .Replace("{ \"id\": \"ana\", \"hours\": 15 }", "{ \"id\": \"ana\", \"hours\": 15, \"skills\": \"surgery\", \"current\": { \"surgery\": \"8\" }, \"excluded\": [\"rounds\", true] }", StringComparison.Ordinal)
            .Replace("\"workers\":", "\"rules\": { \"maxTasksPerWorker\": 2.5, \"allowTraining\": \"no\" }, \"weights\": [1, 1], \"workers\":", StringComparison.Ordinal);

        Assert.Equal(
            [
                "tasks[1].id: expected a string, got 42",
                "tasks[2].hours: expected a number, got \"ten\"",
                "workers[0].skills: expected an array, got \"surgery\"",
                "workers[0].current.surgery: expected a number, got \"8\"",
                "workers[0].excluded[1]: expected a string, got true",
                "rules.maxTasksPerWorker: expected a whole number, got 2.5",
                "rules.allowTraining: expected true or false, got \"no\"",
                "weights: expected an object, got an array",

                // True, if a consequence: with the id unreadable, the workplace has no task "rounds".
                "workers[0].excluded[0]: unknown task \"rounds\"",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_MissingRequiredFields_ReportEachPath()
    {
        const string json = """
            {
              "tasks": [ { "name": "Surgery" } ],
              "workers": [ { "name": "Ana" } ]
            }
            """;

        Assert.Equal(
            [
                "id: is missing",
                "tasks[0].id: is missing",
                "tasks[0].hours: is missing",
                "tasks[0].empowerment: is missing",
                "tasks[0].desirability: is missing",
                "workers[0].id: is missing",
                "workers[0].hours: is missing",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_RequiredFieldNull_ReportsTheNull()
    {
        var json = Clinic.Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": null, \"empowerment\": 9", StringComparison.Ordinal);

        Assert.Equal(["tasks[0].hours: expected a number, got null"], Problems(json));
    }

    [Fact]
    public void Read_UnknownProperties_ReportEachWithTheLikelyName()
    {
        var json = Clinic
            .Replace("{ \"id\": \"surgery\", \"hours\": 10", "{ \"id\": \"surgery\", \"hourz\": 10", StringComparison.Ordinal)
            .Replace("{ \"id\": \"ben\", \"hours\": 15 }", "{ \"id\": \"ben\", \"hours\": 15, \"colour\": \"blue\" }", StringComparison.Ordinal)
            .Replace("\"id\": \"clinic\",", "\"id\": \"clinic\", \"Name\": \"Clinic\",", StringComparison.Ordinal);

        Assert.Equal(
            [
                "Name: unknown property (did you mean \"name\"?)",
                "tasks[0].hourz: unknown property (did you mean \"hours\"?)",
                "tasks[0].hours: is missing",
                "workers[1].colour: unknown property; expected one of id, name, hours, skills, current, fixed, excluded",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_PropertyTwice_ReportsTheRepeat()
    {
        var json = Clinic.Replace("{ \"id\": \"ana\", \"hours\": 15 }", "{ \"id\": \"ana\", \"hours\": 15, \"hours\": 16 }", StringComparison.Ordinal);

        Assert.Equal(["workers[0].hours: appears more than once"], Problems(json));
    }

    [Fact]
    public void Read_NumberBeyondDecimal_ReportsItOutOfRange()
    {
        var json = Clinic.Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": 1e40, \"empowerment\": 9", StringComparison.Ordinal);

        Assert.Equal(["tasks[0].hours: 1e40 is out of range"], Problems(json));
    }

    [Fact]
    public void Read_InvalidValues_ReportsWhatTheValidatorFinds()
    {
        var json = Clinic
            .Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": -5, \"empowerment\": 9", StringComparison.Ordinal)
            .Replace("\"empowerment\": 5,", "\"empowerment\": 11,", StringComparison.Ordinal);

        Assert.Equal(
            [
                "tasks[0].hours: -5 must be positive",
                "tasks[1].empowerment: 11 is outside the rating scale 1–10",
                "the tasks need 20 h but the workers have 30 h: 10 h fewer than the workers have",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_ReadingAndValidationProblems_AreReportedTogetherWithoutEchoes()
    {
        // The unreadable hours must not come back from the validator as "0 must be positive", nor as a difference of
        // the totals; the unknown skill is the validator's own finding and must be kept.
        var json = Clinic
            .Replace("\"hours\": 10, \"empowerment\": 9", "\"hours\": \"ten\", \"empowerment\": 9", StringComparison.Ordinal)
            .Replace("\"desirability\": 2 }", "\"desirability\": 2, \"skill\": \"mopping\" }", StringComparison.Ordinal);

        Assert.Equal(
            [
                "tasks[0].hours: expected a number, got \"ten\"",
                "tasks[2].skill: unknown skill \"mopping\"",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_UnreadableHourUnitAndScale_DoNotJudgeHoursOrRatingsAgainstDefaults()
    {
        var json = Clinic
            .Replace("\"id\": \"clinic\",", "\"id\": \"clinic\", \"hourUnit\": \"half\", \"ratingScale\": { \"min\": 0, \"max\": \"100\" },", StringComparison.Ordinal)
            .Replace("\"empowerment\": 9", "\"empowerment\": 90", StringComparison.Ordinal);

        Assert.Equal(
            [
                "hourUnit: expected a number, got \"half\"",
                "ratingScale.max: expected a number, got \"100\"",
            ],
            Problems(json));
    }

    [Fact]
    public void Read_ItemThatIsNotAnObject_KeepsTheIndicesOfTheOthers()
    {
        var json = Clinic.Replace("{ \"id\": \"ana\", \"hours\": 15 },", "7, { \"id\": \"ana\", \"hours\": -15 },", StringComparison.Ordinal);

        Assert.Equal(
            [
                "workers[0]: expected an object, got 7",
                "workers[1].hours: -15 must be positive",
            ],
            Problems(json));
    }

    [Fact]
    public void ReadFile_MissingFile_ReportsThatItDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobbalancing-{Guid.NewGuid():N}.json");

        Assert.Equal([$"cannot read \"{path}\": the file does not exist"], Problems(() => WorkplaceJson.ReadFile(path)));
    }

    [Fact]
    public void ReadFile_Folder_SaysItIsNoFile()
    {
        var path = Directory.CreateTempSubdirectory("jobbalancing-").FullName;
        try
        {
            Assert.Equal([$"cannot read \"{path}\": it is a folder, not a file"], Problems(() => WorkplaceJson.ReadFile(path)));
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_ValidFile_ReadsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"jobbalancing-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Clinic);
        try
        {
            Assert.Equal("clinic", WorkplaceJson.ReadFile(path).Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IReadOnlyList<ValidationProblem> ProblemsOf(string json) =>
        Assert.Throws<InvalidWorkplaceException>(() => WorkplaceJson.Read(json)).Problems;

    private static string[] Problems(string json) => ProblemsOf(json).Select(p => p.ToString()).ToArray();

    private static string[] Problems(Func<Workplace> read) =>
        Assert.Throws<InvalidWorkplaceException>(() => read()).Problems.Select(p => p.ToString()).ToArray();
}
