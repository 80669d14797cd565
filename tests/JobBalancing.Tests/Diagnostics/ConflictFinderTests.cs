using JobBalancing.Diagnostics;
using JobBalancing.Domain;
using JobBalancing.IO;

namespace JobBalancing.Tests.Diagnostics;

/// <summary>
/// What OR-Tools 9.15's <c>SufficientAssumptionsForInfeasibility</c> returns (issue #3983 reports the whole set of
/// assumptions in some versions), and that deletion turns it into an irreducible set. The figures are written to the
/// test output; docs/inputs.md quotes them.
/// </summary>
public sealed class ConflictFinderTests
{
    [Fact]
    public void Find_HospitalWithOneTaskPerWorker_ShrinksCpSatsCoreToAnIrreducibleSet()
    {
        var hospital = Hospital();
        var workplace = hospital with { Rules = hospital.Rules with { MaxTasksPerWorker = 1 } };

        var (rules, core, _) = ConflictFinder.FirstCore(workplace);
        var conflict = ConflictFinder.Find(workplace, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"hospital, maxTasksPerWorker 1: {rules} rules, CP-SAT's core {core.Length}, minimal set {conflict.Rules.Count} after {conflict.Solves} solves");
        Assert.True(conflict.IsMinimal);
        Assert.InRange(core.Length, 1, rules - 1);
        Assert.InRange(conflict.Rules.Count, 1, core.Length);
    }

    [Fact]
    public void Find_HospitalWithSurgeryLimitedToFourHours_NamesSurgeryAlone()
    {
        var hospital = Hospital();
        var workplace = hospital with { Tasks = [.. hospital.Tasks.Select(t => t.Id == "surgery" ? t with { MaxPerWorker = 4 } : t)] };

        var conflict = ConflictFinder.Find(workplace, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        // 60 h of surgery, at most 4 h each from the few surgeons, and training off.
        Assert.Equal(
            [(RuleKind.Coverage, "surgery"), (RuleKind.Qualification, null), (RuleKind.ServiceLimit, "surgery")],
            conflict.Rules.Select(r => (r.Kind, r.Task)).Order());
        Assert.Equal("surgery", conflict.Rules.Single(r => r.Kind == RuleKind.Qualification).Skill);
    }

    [Fact]
    public void Explain_WithoutArithmeticReason_SaysNoPlanKeepsTheRules()
    {
        var conflict = new Conflict([new ConflictingRule(RuleKind.Coverage, "a", null, null, "A needs 4 h (coverage)")], IsMinimal: false, Solves: 3);

        Assert.Equal(
            "no plan keeps every rule at once, though no single task or worker is short of hours on its own. "
            + "The rules that conflict (not shown to be minimal in the time allowed): A needs 4 h (coverage)",
            ConflictFinder.Explain(null, conflict));
    }

    private static Workplace Hospital() => WorkplaceJson.ReadFile(Path.Combine("samples", "hospital.json"));
}
