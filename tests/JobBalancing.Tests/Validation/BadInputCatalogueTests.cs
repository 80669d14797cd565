using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.Validation;

/// <summary>
/// The error catalogue: every kind of bad input the issue lists, each as a small change to one valid workplace, with
/// the exact problems it must get. docs/inputs.md shows the same messages.
/// </summary>
public sealed class BadInputCatalogueTests
{
    /// <summary>Valid: 30 h of tasks, 30 h of workers, every optional field used once.</summary>
    private const string Clinic = """
        {
          "format": "jobbalancing.workplace/1",
          "id": "clinic",
          "hourUnit": 1,
          "ratingScale": { "min": 1, "max": 10 },
          "skills": [ { "id": "surgery", "trainingHours": 400 } ],
          "tasks": [
            { "id": "surgery", "hours": 10, "empowerment": 9, "desirability": 8, "skill": "surgery", "minChunk": 2, "maxPerWorker": 10 },
            { "id": "rounds", "hours": 10, "empowerment": 5, "desirability": 5 },
            { "id": "cleaning", "hours": 10, "empowerment": 1, "desirability": 2 }
          ],
          "workers": [
            { "id": "ana", "hours": 15, "skills": ["surgery"], "current": { "surgery": 10, "rounds": 5 }, "fixed": { "rounds": 2 }, "excluded": ["cleaning"] },
            { "id": "ben", "hours": 15 }
          ],
          "rules": { "maxTasksPerWorker": 3, "allowTraining": false },
          "weights": { "empowerment": 1, "desirability": 1 }
        }
        """;

    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        // Malformed text.
        { "empty file", "", "", ["the text is empty; expected a JSON object describing a workplace"] },
        { "blank file", Clinic, "   \n  ", ["the text is empty; expected a JSON object describing a workplace"] },
        { "missing comma", "\"id\": \"clinic\",", "\"id\": \"clinic\"", ["malformed JSON at line 4, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'."] },
        { "unclosed object", Clinic, Clinic.TrimEnd()[..^1], ["malformed JSON at line 18, column 1: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."] },
        { "not an object", Clinic, "[1, 2]", ["expected an object, got an array"] },
        { "another format", "\"format\": \"jobbalancing.workplace/1\"", "\"format\": \"jobbalancing.workplace/2\"", ["format: unsupported format \"jobbalancing.workplace/2\"; this version reads \"jobbalancing.workplace/1\""] },

        // Ids.
        { "missing id", "\"id\": \"clinic\",", "", ["id: is missing"] },
        { "missing task id", "{ \"id\": \"rounds\", ", "{ ", ["tasks[1].id: is missing", "workers[0].current.rounds: unknown task \"rounds\"", "workers[0].fixed.rounds: unknown task \"rounds\""] },
        { "duplicate task id", "{ \"id\": \"cleaning\"", "{ \"id\": \"rounds\"", ["tasks[2].id: duplicate task id \"rounds\"", "workers[0].excluded[0]: unknown task \"cleaning\""] },
        { "duplicate worker id", "{ \"id\": \"ben\"", "{ \"id\": \"ana\"", ["workers[1].id: duplicate worker id \"ana\""] },
        { "duplicate skill id", "[ { \"id\": \"surgery\", \"trainingHours\": 400 } ]", "[ { \"id\": \"surgery\" }, { \"id\": \"surgery\" } ]", ["skills[1].id: duplicate skill id \"surgery\""] },

        // Unknown references, anywhere.
        { "unknown skill of a task", "\"skill\": \"surgery\"", "\"skill\": \"surgry\"", ["tasks[0].skill: unknown skill \"surgry\" (did you mean \"surgery\"?)"] },
        { "unknown skill of a worker", "\"skills\": [\"surgery\"]", "\"skills\": [\"surgery\", \"nursing\"]", ["workers[0].skills[1]: unknown skill \"nursing\""] },
        { "unknown task in current", "\"current\": { \"surgery\": 10", "\"current\": { \"surgey\": 10", ["workers[0].current.surgey: unknown task \"surgey\" (did you mean \"surgery\"?)"] },
        { "unknown task in fixed", "\"fixed\": { \"rounds\": 2 }", "\"fixed\": { \"round\": 2 }", ["workers[0].fixed.round: unknown task \"round\" (did you mean \"rounds\"?)"] },
        { "unknown task in excluded", "\"excluded\": [\"cleaning\"]", "\"excluded\": [\"laundry\"]", ["workers[0].excluded[0]: unknown task \"laundry\""] },
        { "unknown property", "\"hourUnit\": 1,", "\"hourUnits\": 1,", ["hourUnits: unknown property (did you mean \"hourUnit\"?)"] },

        // Values of the wrong type.
        { "hours as text", "{ \"id\": \"rounds\", \"hours\": 10", "{ \"id\": \"rounds\", \"hours\": \"ten\"", ["tasks[1].hours: expected a number, got \"ten\""] },
        { "skills not a list", "\"skills\": [\"surgery\"]", "\"skills\": \"surgery\"", ["workers[0].skills: expected an array, got \"surgery\""] },
        { "flag as text", "\"allowTraining\": false", "\"allowTraining\": \"no\"", ["rules.allowTraining: expected true or false, got \"no\""] },
        { "fractional task limit", "\"maxTasksPerWorker\": 3", "\"maxTasksPerWorker\": 2.5", ["rules.maxTasksPerWorker: expected a whole number, got 2.5"] },

        // Ratings.
        { "rating above the scale", "\"empowerment\": 9", "\"empowerment\": 11", ["tasks[0].empowerment: 11 is outside the rating scale 1–10"] },
        { "rating below the scale", "\"desirability\": 2 }", "\"desirability\": 0 }", ["tasks[2].desirability: 0 is outside the rating scale 1–10"] },
        { "rating too precise", "\"empowerment\": 5,", "\"empowerment\": 5.123456,", ["tasks[1].empowerment: 5.123456 has more than 4 decimals"] },
        { "scale upside down", "\"min\": 1, \"max\": 10", "\"min\": 10, \"max\": 1", ["ratingScale: min 10 must be below max 1"] },

        // Hours.
        { "negative hours", "{ \"id\": \"rounds\", \"hours\": 10", "{ \"id\": \"rounds\", \"hours\": -5", ["tasks[1].hours: -5 must be positive", "the tasks need 20 h but the workers have 30 h: 10 h fewer than the workers have"] },
        { "hours off the unit", "\"hourUnit\": 1,", "\"hourUnit\": 4,", [
            "tasks[0].hours: 10 is not a multiple of the hour unit 4", "tasks[0].minChunk: 2 is not a multiple of the hour unit 4",
            "tasks[0].maxPerWorker: 10 is not a multiple of the hour unit 4", "tasks[1].hours: 10 is not a multiple of the hour unit 4",
            "tasks[2].hours: 10 is not a multiple of the hour unit 4", "workers[0].hours: 15 is not a multiple of the hour unit 4",
            "workers[0].current.surgery: 10 is not a multiple of the hour unit 4", "workers[0].current.rounds: 5 is not a multiple of the hour unit 4",
            "workers[0].fixed.rounds: 2 is not a multiple of the hour unit 4", "workers[1].hours: 15 is not a multiple of the hour unit 4",
        ] },
        { "zero hour unit", "\"hourUnit\": 1,", "\"hourUnit\": 0,", ["hourUnit: 0 must be positive"] },
        { "minChunk above the task", "\"minChunk\": 2", "\"minChunk\": 12", ["tasks[0].minChunk: 12 is above the task's 10 h", "tasks[0].maxPerWorker: 10 is below the task's minChunk 12, so nobody could hold it"] },
        { "zero service limit", "\"maxPerWorker\": 10", "\"maxPerWorker\": 0", ["tasks[0].maxPerWorker: 0 must be positive"] },
        { "negative training", "\"trainingHours\": 400", "\"trainingHours\": -400", ["skills[0].trainingHours: -400 must not be negative"] },
        { "fixed above the task", "\"fixed\": { \"rounds\": 2 }", "\"fixed\": { \"rounds\": 12 }", ["workers[0].fixed.rounds: 12 h is above the task's 10 h", "tasks[1].hours: 10 h is below the 12 h that workers have fixed in it"] },
        { "fixed above the worker", "{ \"id\": \"ben\", \"hours\": 15 }", "{ \"id\": \"ben\", \"hours\": 15, \"fixed\": { \"rounds\": 8, \"cleaning\": 10 } }", ["workers[1].fixed: 18 h in all is above the worker's 15 h"] },
        { "fixed and excluded", "\"fixed\": { \"rounds\": 2 }", "\"fixed\": { \"cleaning\": 2 }", ["workers[0].fixed.cleaning: task \"cleaning\" is both fixed and excluded"] },
        { "more task hours than worker hours", "{ \"id\": \"cleaning\", \"hours\": 10", "{ \"id\": \"cleaning\", \"hours\": 14", ["the tasks need 34 h but the workers have 30 h: 4 h more than the workers have"] },
        { "fewer task hours than worker hours", "{ \"id\": \"ben\", \"hours\": 15", "{ \"id\": \"ben\", \"hours\": 17", ["the tasks need 30 h but the workers have 32 h: 2 h fewer than the workers have"] },

        // Numbers the solvers' integer model cannot hold.
        { "hours beyond the model", "\"hourUnit\": 1,", "\"hourUnit\": 0.000001,", [
            "workers[0].hours: 15 is 15000000 hour units, above the 10000000 the solvers accept",
            "workers[1].hours: 15 is 15000000 hour units, above the 10000000 the solvers accept",
            "tasks: 30 h in all is 30000000 hour units, above the 10000000 the solvers accept; use a larger hourUnit",
        ] },
        { "number beyond a decimal", "{ \"id\": \"rounds\", \"hours\": 10", "{ \"id\": \"rounds\", \"hours\": 1e30", ["tasks[1].hours: 1e30 is out of range"] },
        { "scale beyond the model", "\"max\": 10", "\"max\": 10000000", ["ratingScale.max: 10000000 must be between -1000000 and 1000000 with at most 4 decimals"] },
        { "weight beyond the model", "\"weights\": { \"empowerment\": 1", "\"weights\": { \"empowerment\": 5000", ["weights.empowerment: 5000 must be at most 1000 with at most 4 decimals"] },

        // Limits.
        { "zero task limit", "\"maxTasksPerWorker\": 3", "\"maxTasksPerWorker\": 0", ["rules.maxTasksPerWorker: 0 must be at least 1"] },
        { "negative weight", "\"desirability\": 1 }", "\"desirability\": -1 }", ["weights.desirability: -1 must not be negative"] },
        { "a task that is not an object", "{ \"id\": \"cleaning\", \"hours\": 10, \"empowerment\": 1, \"desirability\": 2 }", "null", ["tasks[2]: expected an object, got null", "workers[0].excluded[0]: unknown task \"cleaning\""] },
        { "no workers", "\"workers\": [", "\"workers\": [], \"staff\": [", ["staff: unknown property; expected one of $schema, format, id, name, region, enterprise, hourUnit, ratingScale, skills, tasks, workers, rules, weights, rotation", "workers: a workplace needs at least one worker"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_BadInput_GetsExactlyItsProblems(string why, string replace, string with, string[] expected)
    {
        var json = replace.Length == 0 ? with : Clinic.Replace(replace, with, StringComparison.Ordinal);
        Assert.True(replace.Length == 0 || json != Clinic, $"{why}: the change does not apply");

        var problems = Assert.Throws<InvalidWorkplaceException>(() => WorkplaceJson.Read(json)).Problems.Select(p => p.ToString()).ToArray();

        Assert.True(expected.SequenceEqual(problems), $"{why}:\n  expected\n    {string.Join("\n    ", expected)}\n  got\n    {string.Join("\n    ", problems)}");
    }

    [Fact]
    public void Read_Clinic_IsValid() => Assert.Empty(WorkplaceJson.Read(Clinic).Validate());
}
