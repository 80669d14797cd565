using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.IO.Csv;

public sealed class WorkplaceCsvTests
{
    /// <summary>Tables as the export writes them, with every table and a quoted field of each kind.</summary>
    private static readonly Dictionary<string, string> Bakery = new()
    {
        ["workplace.csv"] = "setting,value\nid,bakery\nname,\"Corner Bakery, Main St\"\nhourUnit,0.5\nratingMin,1\nratingMax,10\nmaxTasksPerWorker,3\nallowTraining,false\nweightEmpowerment,1\nweightDesirability,0.5\n",
        ["skills.csv"] = "id,name,trainingHours\nbaking,Baking,400\n",
        ["tasks.csv"] = "id,name,hours,empowerment,desirability,skill,minChunk,maxPerWorker\n"
            + "baking,\"Baking \"\"sourdough\"\"\",40,6.8,7.4,baking,4,\n"
            + "counter,\"Serving,\nat the counter\",30.5,4.2,5.6,,,20\n"
            + "cleaning,Cleaning,9.5,1.6,2,,,\n",
        ["workers.csv"] = "id,name,hours,skills\nrosa,Rosa,40,baking\ntom,Tom,39.5,\nmei,Mei,0.5,\n",
        ["current.csv"] = "worker,task,hours\nrosa,baking,32\nrosa,cleaning,8\ntom,counter,30.5\n",
        ["fixed.csv"] = "worker,task,hours\nrosa,baking,4\n",
        ["excluded.csv"] = "worker,task\ntom,baking\n",
    };

    [Fact]
    public void Write_AfterRead_ReproducesTheSameTables()
    {
        var tables = WorkplaceCsv.Write(WorkplaceCsv.Read(Bakery));

        Assert.Equal(Bakery.OrderBy(p => p.Key), tables.OrderBy(p => p.Key));
    }

    [Fact]
    public void Read_SemicolonsAndDecimalCommas_GivesTheSameWorkplace()
    {
        var european = WorkplaceCsv.Write(WorkplaceCsv.Read(Bakery), ';');

        Assert.Contains("counter;\"Serving,\nat the counter\";30,5;4,2;5,6;;;20\n", european["tasks.csv"], StringComparison.Ordinal);
        Assert.Equal(WorkplaceJson.Write(WorkplaceCsv.Read(Bakery)), WorkplaceJson.Write(WorkplaceCsv.Read(european)));
    }

    [Fact]
    public void Read_WhatSpreadsheetsAddAndReorder_IsAccepted()
    {
        var files = new Dictionary<string, string>
        {
            ["tasks.csv"] = "\uFEFFHours,ID,Empowerment,Desirability\r\n10,a,5,5\r\n\r\n10,b,3,3\r\n",
            ["workers.csv"] = "id;hours\nana;20\n",
        };

        var workplace = WorkplaceCsv.Read(files, "shop");

        Assert.Equal("shop", workplace.Id);
        Assert.Equal(["a", "b"], workplace.Tasks.Select(t => t.Id));
        Assert.Equal(20m, workplace.Workers[0].Hours);
    }

    [Fact]
    public void Read_SamplesWrittenAsTables_GiveTheSameWorkplace()
    {
        foreach (var sample in new[] { "quickstart.json", "hospital.json" })
        {
            var workplace = WorkplaceJson.ReadFile(Path.Combine("samples", sample));

            var tables = WorkplaceCsv.Write(workplace, ';');

            Assert.Equal(WorkplaceJson.Write(workplace), WorkplaceJson.Write(WorkplaceCsv.Read(tables)));
        }
    }

    public static TheoryData<string, string, string, string[]> BadTables => new()
    {
        {
            "unknown and missing columns", "tasks.csv", "id,hourz,empowerment,desirability,colour\na,10,5,5,red\n",
            [
                "tasks.csv line 1, column 2: unknown column \"hourz\" (did you mean \"hours\"?)",
                "tasks.csv line 1, column 5: unknown column \"colour\"; expected id, hours, empowerment, desirability, name, skill, minChunk, maxPerWorker",
                "tasks.csv line 1: missing column \"hours\"",
            ]
        },
        {
            "values that are not numbers, all at once", "tasks.csv", "id,hours,empowerment,desirability\na,ten,5,5\nb,10,1.234,5\nc,,x,5\n",
            [
                "tasks.csv line 2, hours: expected a number, got \"ten\"",
                "tasks.csv line 4, empowerment: expected a number, got \"x\"",
                "tasks.csv line 4, hours: is missing",
            ]
        },
        {
            "more cells than columns", "tasks.csv", "id,hours,empowerment,desirability\na,10,5,5,extra\n",
            ["tasks.csv line 2: 5 cells, but the header has 4 columns", "the tasks need 10 h but the workers have 20 h: 10 h fewer than the workers have"]
        },
        {
            "an unclosed quote", "tasks.csv", "id,hours,empowerment,desirability\n\"a,10,5,5\n",
            ["tasks.csv line 2: a quoted field is never closed: a \" is missing", "tasks.csv: a workplace needs at least one task"]
        },
        {
            "the workplace's own checks, at their place in the tables", "tasks.csv", "id,hours,empowerment,desirability\na,-5,5,5\nb,25,11,5\n",
            [
                "tasks.csv line 2, hours: -5 must be positive",
                "tasks.csv line 3, empowerment: 11 is outside the rating scale 1–10",
                "the tasks need 25 h but the workers have 20 h: 5 h more than the workers have",
            ]
        },
        {
            "skills no task needs", "workers.csv", "id,hours,skills\nana,20,\"surgery; nursing\"\n",
            [
                "workers.csv line 2, skills: unknown skill \"surgery\"",
                "workers.csv line 2, skills: unknown skill \"nursing\"",
            ]
        },
        {
            "a worker and a task nobody has heard of", "current.csv", "worker,task,hours\nanna,a,10\nana,b,10\nana,c,5\n",
            [
                "current.csv line 2, worker: unknown worker \"anna\" (did you mean \"ana\"?)",
                "current.csv line 4, hours: unknown task \"c\" (did you mean \"a\"?)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(BadTables))]
    public void Read_BadTable_NamesFileLineColumnAndValue(string why, string file, string text, string[] expected)
    {
        var files = new Dictionary<string, string>
        {
            ["tasks.csv"] = "id,hours,empowerment,desirability\na,10,5,5\nb,10,5,5\n",
            ["workers.csv"] = "id,hours\nana,20\n",
            [file] = text,
        };

        var problems = Assert.Throws<InvalidWorkplaceException>(() => WorkplaceCsv.Read(files)).Problems;

        Assert.True(expected.Order().SequenceEqual(problems.Select(p => p.ToString()).Order()), $"{why}:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Read_MisnamedTable_SuggestsTheName()
    {
        var files = new Dictionary<string, string>(Bakery) { ["task.csv"] = "id\n" };

        var problems = Assert.Throws<InvalidWorkplaceException>(() => WorkplaceCsv.Read(files)).Problems;

        Assert.Equal(["task.csv: unknown table (did you mean \"tasks.csv\"?)"], problems.Select(p => p.ToString()));
    }

    [Fact]
    public void ReadFolder_WithoutTables_SaysWhichAreMissing()
    {
        var folder = Directory.CreateTempSubdirectory("jobbalancing-csv-").FullName;
        try
        {
            var problems = Assert.Throws<InvalidWorkplaceException>(() => WorkplaceCsv.ReadFolder(folder)).Problems;

            Assert.Equal(["tasks.csv: the table is missing", "workers.csv: the table is missing"], problems.Select(p => p.ToString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
