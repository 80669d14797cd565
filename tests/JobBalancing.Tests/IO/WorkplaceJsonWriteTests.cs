using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.IO;

public sealed class WorkplaceJsonWriteTests
{
    /// <summary>A valid workplace with every field set, some hours and ratings with decimals and names beyond ASCII.</summary>
    private static readonly Workplace Hospital = new()
    {
        Id = "hospital",
        Name = "Riverside Hospital",
        Region = "north",
        Enterprise = "health",
        HourUnit = 0.5m,
        RatingScale = new RatingScale(0, 100),
        Skills = [new Skill { Id = "surgery", Name = "Surgery", TrainingHours = 4000 }],
        Tasks =
        [
            new WorkTask { Id = "surgery", Name = "Surgery", Hours = 48, Empowerment = 90, Desirability = 80, Skill = "surgery", MinChunk = 4, MaxPerWorker = 24 },
            new WorkTask { Id = "rounds", Hours = 31.50m, Empowerment = 40.25m, Desirability = 50 },
            new WorkTask { Id = "lifting", Hours = 0.5m, Empowerment = 10, Desirability = 5 },
        ],
        Workers =
        [
            new Worker
            {
                Id = "ana", Name = "Ana Müller", Hours = 40, Skills = ["surgery"],
                Current = new Dictionary<string, decimal> { ["surgery"] = 32, ["rounds"] = 8 },
                Fixed = new Dictionary<string, decimal> { ["rounds"] = 4 },
                Excluded = ["lifting"],
            },
            new Worker { Id = "ben", Hours = 40, Skills = ["surgery"] },
        ],
        Rules = new WorkplaceRules { MaxTasksPerWorker = 4, AllowTraining = true },
        Weights = new ObjectiveWeights(2, 0.5m),
    };

    [Fact]
    public void WriteThenRead_WorkplaceWithEveryField_GivesAnEqualWorkplace()
    {
        var read = WorkplaceJson.Read(WorkplaceJson.Write(Hospital));

        Assert.Equivalent(Hospital, read, strict: true);
    }

    [Fact]
    public void Write_Workplace_WritesTheFormatCamelCaseNamesAndNumbersWithoutTrailingZeros()
    {
        var json = WorkplaceJson.Write(Hospital);

        Assert.StartsWith("{\n  \"format\": \"jobbalancing.workplace/1\",\n  \"id\": \"hospital\",", json, StringComparison.Ordinal);
        Assert.Contains("""{ "min": 0, "max": 100 }""".Replace(" ", "", StringComparison.Ordinal), json.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"hours\": 31.5,", json, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"Ana Müller\"", json, StringComparison.Ordinal);
        Assert.Contains("\"maxTasksPerWorker\": 4", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DefaultsLeftOut_OmitsOptionalFieldsAndEmptyMaps()
    {
        var json = WorkplaceJson.Write(Hospital with { Name = null, Rules = WorkplaceRules.Default });

        Assert.DoesNotContain("\"name\": \"Riverside Hospital\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("maxTasksPerWorker", json, StringComparison.Ordinal);
        Assert.Single(AllIndexesOf(json, "\"current\""));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void WriteThenRead_AnyValidWorkplace_GivesAnEqualWorkplace(Workplace workplace)
    {
        var json = WorkplaceJson.Write(workplace);
        var read = WorkplaceJson.Read(json);

        Assert.Equivalent(workplace, read, strict: true);
        Assert.Equal(json, WorkplaceJson.Write(read));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 1000)]
    public void Read_AnyMangledText_ThrowsNothingButInvalidWorkplace(MangledText text)
    {
        try
        {
            Assert.Empty(WorkplaceJson.Read(text.Value).Validate());
        }
        catch (InvalidWorkplaceException e)
        {
            Assert.NotEmpty(e.Problems);
            Assert.All(e.Problems, problem => Assert.False(string.IsNullOrWhiteSpace(problem.Message)));
        }
    }

    private static IEnumerable<int> AllIndexesOf(string text, string value)
    {
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }

    /// <summary>A workplace text after a few random edits.</summary>
    public sealed record MangledText(string Value)
    {
        public override string ToString() => Value;
    }

    public static class Arbitraries
    {
        private static readonly string?[] Names = [null, "Ana", "Zoë Müller", "quote \" and \\ backslash", "tab\tand\nnew line", "日本"];

        /// <summary>What an edit may insert: JSON's punctuation, wrong types, numbers out of range, escapes.</summary>
        private static readonly string[] Snippets =
            ["", "{", "}", "[", "]", ",", ":", "\"", "null", "true", "\"ten\"", "-5", "1e400", "2.5", "\\ud800", "\"hourz\": 1,", "é", "\0", "//", "/*"];

        public static Arbitrary<Workplace> ValidWorkplaces() => Arb.From(ValidWorkplace().Where(w => w.Validate().Count == 0));

        public static Arbitrary<MangledText> MangledTexts() => Arb.From(
            from text in Gen.Elements(WorkplaceJson.Write(Hospital), WorkplaceJson.Write(Hospital with { HourUnit = 1, Workers = [Hospital.Workers[1]] }))
            from count in Gen.Choose(1, 3)
            from edits in Gen.ArrayOf(
                from position in Gen.Choose(0, 100_000)
                from deleted in Gen.Choose(0, 8)
                from inserted in Gen.Elements(Snippets)
                select (position, deleted, inserted),
                count)
            select new MangledText(edits.Aggregate(text, (current, edit) =>
            {
                var at = edit.position % (current.Length + 1);
                return current.Remove(at, Math.Min(edit.deleted, current.Length - at)).Insert(at, edit.inserted);
            })));

        private static Gen<Workplace> ValidWorkplace() =>
            from unit in Gen.Elements(1m, 0.5m, 0.25m)
            from skillCount in Gen.Choose(0, 2)
            from trainingHours in Gen.ArrayOf(Gen.Choose(0, 400), skillCount)
            from taskCount in Gen.Choose(1, 4)
            from tasks in Gen.ArrayOf(Task(unit, skillCount), taskCount)
            from workerCount in Gen.Choose(1, 4)
            let taskUnits = (int)(tasks.Sum(t => t.Hours) / unit)
            from piles in Gen.Piles(Math.Min(workerCount, taskUnits), taskUnits - Math.Min(workerCount, taskUnits))
            from workers in Gen.CollectToArray(piles, pile => Worker((pile + 1) * unit, unit, skillCount, taskCount))
            from id in Gen.Elements("x", "Zoë's \"place\"", "a/b")
            from name in Gen.Elements(Names)
            from scale in Gen.Elements(RatingScale.Default, new RatingScale(0, 100))
            from maxTasks in Gen.Choose(0, 4)
            from allowTraining in Gen.Elements(true, false)
            from empowermentWeight in Gen.Choose(1, 8)
            from desirabilityWeight in Gen.Choose(0, 8)
            select new Workplace
            {
                Id = id,
                Name = name,
                Region = name is null ? null : "north",
                HourUnit = unit,
                RatingScale = scale,
                Skills = trainingHours.Select((hours, s) => new Skill { Id = $"s{s}", Name = s == 0 ? name : null, TrainingHours = hours }).ToArray(),
                Tasks = tasks.Select((task, t) => task with { Id = $"t{t}" }).ToArray(),
                Workers = workers.Select((worker, w) => worker with { Id = $"w{w}" }).ToArray(),
                Rules = new WorkplaceRules { MaxTasksPerWorker = maxTasks == 0 ? null : maxTasks, AllowTraining = allowTraining },
                Weights = new ObjectiveWeights(empowermentWeight / 4m, desirabilityWeight / 4m),
            };

        private static Gen<WorkTask> Task(decimal unit, int skillCount) =>
            from units in Gen.Choose(1, 40)
            from empowerment in Gen.Choose(10, 100)
            from desirability in Gen.Choose(10, 100)
            from name in Gen.Elements(Names)
            from skill in Gen.Choose(-1, skillCount - 1)
            from minChunk in Gen.Choose(0, units)
            from maxPerWorker in Gen.Choose(0, units + 3)
            select new WorkTask
            {
                Id = "",
                Name = name,
                Hours = units * unit,
                Empowerment = empowerment / 10m,
                Desirability = desirability / 10m,
                Skill = skill < 0 ? null : $"s{skill}",
                MinChunk = minChunk == 0 ? null : minChunk * unit,
                MaxPerWorker = maxPerWorker == 0 ? null : Math.Max(maxPerWorker, minChunk) * unit,
            };

        private static Gen<Worker> Worker(decimal hours, decimal unit, int skillCount, int taskCount) =>
            from name in Gen.Elements(Names)
            from skills in Gen.SubListOf(Enumerable.Range(0, skillCount).Select(s => $"s{s}"))
            from current in Gen.SubListOf(Enumerable.Range(0, taskCount))
            from currentUnits in Gen.ArrayOf(Gen.Choose(0, 10), taskCount)
            from excluded in Gen.SubListOf(Enumerable.Range(0, taskCount).Select(t => $"t{t}"))
            from fixedTask in Gen.Choose(-1, taskCount - 1)
            select new Worker
            {
                Id = "",
                Name = name,
                Hours = hours,
                Skills = skills,
                Current = current.ToDictionary(t => $"t{t}", t => currentUnits[t] * unit),
                Fixed = fixedTask < 0 ? new Dictionary<string, decimal>() : new Dictionary<string, decimal> { [$"t{fixedTask}"] = unit },
                Excluded = excluded,
            };
    }
}
