using JobBalancing.Analysis;
using JobBalancing.Domain;
using JobBalancing.Reports;
using JobBalancing.Solving;

namespace JobBalancing.Tests.Reports;

/// <summary>The report of a plan worked out by hand: its figures follow from the ratings, not from the solver.</summary>
public sealed class PlanReportTests
{
    /// <summary>Design (9, 7) and cleaning (1, 2), 10 h each; Ana designs now, Ben cleans. Averages 5 and 4.5.</summary>
    private static readonly Workplace Office = new()
    {
        Id = "office",
        Name = "Print Office",
        Tasks =
        [
            new WorkTask { Id = "design", Name = "Design", Hours = 10, Empowerment = 9, Desirability = 7 },
            new WorkTask { Id = "cleaning", Name = "Cleaning", Hours = 10, Empowerment = 1, Desirability = 2 },
        ],
        Workers =
        [
            new Worker { Id = "ana", Name = "Ana", Hours = 10, Current = new Dictionary<string, decimal> { ["design"] = 10 } },
            new Worker { Id = "ben", Name = "Ben", Hours = 10 },
        ],
    };

    /// <summary>Ana 6 h design and 4 h cleaning (5.8, 5); Ben the rest (4.2, 4).</summary>
    private static readonly Plan Uneven = PlanEvaluator.Evaluate(Office, new Dictionary<string, IReadOnlyDictionary<string, decimal>>
    {
        ["ana"] = new Dictionary<string, decimal> { ["design"] = 6, ["cleaning"] = 4 },
        ["ben"] = new Dictionary<string, decimal> { ["design"] = 4, ["cleaning"] = 6 },
    });

    [Fact]
    public void Markdown_Plan_StatesEachWorkersBalanceAndChange()
    {
        var report = PlanReport.Markdown(Office, new BalancingResult { Status = SolveStatus.Feasible, Plan = Uneven, Bound = 0 });

        // Ana: E = (9·6 + 1·4)/10 = 5.8, 0.8 above 5; design pulls by (9 − 5)·6/10 = 2.4, cleaning by (1 − 5)·4/10 = −1.6.
        // D = (7·6 + 2·4)/10 = 5, 0.5 above 4.5; design (7 − 4.5)·0.6 = 1.5, cleaning (2 − 4.5)·0.4 = −1.
        Assert.Contains(
            """
            ### Ana

            - Empowerment 5.8 against the average 5 (+0.8); desirability 5 against 4.5 (+0.5).
            - Empowerment: pulled up by Design (+2.4); pulled down by Cleaning (−1.6).
            - Desirability: pulled up by Design (+1.5); pulled down by Cleaning (−1).
            - From the current job: empowerment 9 → 5.8, desirability 7 → 5; Cleaning +4 h, Design −4 h.

            ### Ben

            - Empowerment 4.2 against the average 5 (−0.8); desirability 4 against 4.5 (−0.5).
            - Empowerment: pulled up by Design (+1.6); pulled down by Cleaning (−2.4).
            - Desirability: pulled up by Design (+1); pulled down by Cleaning (−1.5).
            - No current job recorded.
            """.ReplaceLineEndings("\n"),
            report, StringComparison.Ordinal);
        Assert.Contains("| Ana | 10 | 5.8 | +0.8 | 5 | +0.5 | Design 6 h, Cleaning 4 h |", report, StringComparison.Ordinal);
        Assert.Contains("Objective 1.3 (proven bound 0)", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_NoPlan_SaysWhy()
    {
        var result = new BalancingResult { Status = SolveStatus.Infeasible, Explanation = "Design needs 10 h; nobody may hold it" };

        Assert.Equal("# Plan for Print Office\n\nStatus: **Infeasible**. No plan.\n\nDesign needs 10 h; nobody may hold it\n", PlanReport.Markdown(Office, result));
    }

    [Fact]
    public void Csv_Plan_HasARowPerWorkerAndTaskHeldNowOrInThePlan()
    {
        Assert.Equal(
            """
            worker,workerName,task,taskName,hours,currentHours,taskEmpowerment,taskDesirability,jobEmpowerment,jobDesirability
            ana,Ana,design,Design,6,10,9,7,5.8,5
            ana,Ana,cleaning,Cleaning,4,0,1,2,5.8,5
            ben,Ben,design,Design,4,0,9,7,4.2,4
            ben,Ben,cleaning,Cleaning,6,0,1,2,4.2,4

            """.ReplaceLineEndings("\n"),
            PlanReport.Csv(Office, Uneven));
    }

    [Fact]
    public void Csv_Semicolon_WritesDecimalCommas() =>
        Assert.Contains("ana;Ana;design;Design;6;10;9;7;5,8;5\n", PlanReport.Csv(Office, Uneven, ';'), StringComparison.Ordinal);
}
