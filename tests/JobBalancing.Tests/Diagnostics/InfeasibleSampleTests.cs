using JobBalancing.Diagnostics;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;
using JobBalancing.Tests.Solving;

namespace JobBalancing.Tests.Diagnostics;

/// <summary>
/// The infeasible samples of <c>samples/data/infeasible/</c>, each explained by the minimal set of rules worked out by
/// hand, and each rule of that set shown necessary by relaxing it in the workplace itself and finding a plan.
/// </summary>
public sealed class InfeasibleSampleTests
{
    public static TheoryData<string, string[]> Samples => new()
    {
        // Surgery needs 80 h; Ana and Ben, the only surgeons, give at most 24 h each.
        { "too-few-surgeons", ["Coverage surgery", "Qualification surgery", "ServiceLimit surgery"] },

        // 12 h of night shifts in chunks of 8 to 10 h: one chunk is too little, two too much.
        { "chunks-cannot-cover", ["Coverage night", "MinChunk night", "ServiceLimit night"] },

        // Ana has three tasks fixed but may hold two.
        { "fixed-beyond-fragmentation", ["Fixed ana design", "Fixed ana press", "Fixed ana binding", "FragmentationLimit ana"] },

        // Only Ana may lift, and she may lift 10 h of the 20.
        { "everyone-excluded", ["Coverage lifting", "ServiceLimit lifting", "Excluded ben lifting", "Excluded cy lifting"] },
    };

    /// <summary>Where the hours run short twice over, the rules conflict in two irreducible ways; either is a right answer.</summary>
    public static TheoryData<string, string[], string[]> SamplesWithTwoCauses => new()
    {
        // Jo (40 h) may do only the counter's 30 h; equally, loans and audits need 70 h and the skilled give 60 h.
        {
            "worker-without-work",
            ["Capacity jo", "Coverage counter", "Qualification lending", "Qualification audit"],
            ["Capacity ana", "Capacity ben", "Coverage loans", "Coverage audits", "Qualification lending", "Qualification audit"]
        },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Solve_InfeasibleSample_NamesItsMinimalCause(string sample, string[] expected)
    {
        var result = Balance(sample);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Equal(expected.Order(), result.ConflictingRules.Select(Key).Order());
        Assert.Contains("The rules that conflict (drop any one and a plan exists): ", result.Explanation, StringComparison.Ordinal);
        Assert.All(result.ConflictingRules, rule => Assert.Contains(rule.Description, result.Explanation, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SamplesWithTwoCauses))]
    public void Solve_InfeasibleSampleWithTwoCauses_NamesOneOfThem(string sample, string[] one, string[] other)
    {
        var found = Balance(sample).ConflictingRules.Select(Key).Order().ToArray();

        Assert.True(found.SequenceEqual(one.Order()) || found.SequenceEqual(other.Order()), string.Join(", ", found));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Relax_AnyOneRuleOfTheCause_GivesAPlan(string sample, string[] expected)
    {
        var workplace = Read(sample);
        foreach (var rule in Balance(sample).ConflictingRules.Where(r => r.Kind is not (RuleKind.Coverage or RuleKind.Capacity)))
        {
            var relaxed = Relax(workplace, rule);

            var result = Solve.Balance(relaxed, seconds: 5);

            Assert.True(result.HasPlan, $"{sample} without \"{rule}\": {result.Status} {result.Explanation}");
        }

        Assert.NotEmpty(expected);
    }

    [Fact]
    public void Solve_ArithmeticReason_ComesFirst()
    {
        var result = Balance("too-few-surgeons");

        Assert.StartsWith(
            "Surgery needs 80 h; the 2 workers with the surgery skill can give at most 48 h (maxPerWorker 24); training is off. ",
            result.Explanation, StringComparison.Ordinal);
        Assert.Contains("only the 2 workers with the surgery skill may hold Surgery, as training is off (qualification)", result.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("too-few-surgeons")]
    [InlineData("chunks-cannot-cover")]
    [InlineData("fixed-beyond-fragmentation")]
    [InlineData("everyone-excluded")]
    [InlineData("worker-without-work")]
    public void FirstCore_OfEveryRule_IsInfeasibleAndNoLargerThanTheRules(string sample)
    {
        var (rules, core, status) = ConflictFinder.FirstCore(Read(sample));

        Assert.Equal(Google.OrTools.Sat.CpSolverStatus.Infeasible, status);
        Assert.InRange(core.Length, 1, rules);
    }

    [Fact]
    public void Find_FeasibleWorkplace_FindsNoConflict()
    {
        var conflict = ConflictFinder.Find(WorkplaceJson.ReadFile(Path.Combine("samples", "quickstart.json")), TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Empty(conflict.Rules);
    }

    private static BalancingResult Balance(string sample) => Solve.Balance(Read(sample), seconds: 5);

    private static Workplace Read(string sample) => WorkplaceJson.ReadFile(Path.Combine("samples", "infeasible", sample + ".json"));

    private static string Key(ConflictingRule rule) =>
        string.Join(' ', new[] { rule.Kind.ToString(), rule.Worker, rule.Task, rule.Skill }.Where(part => part is not null));

    /// <summary>The workplace without <paramref name="rule"/>, stated in the workplace's own terms.</summary>
    private static Workplace Relax(Workplace workplace, ConflictingRule rule) => rule.Kind switch
    {
        RuleKind.Qualification => workplace with { Workers = [.. workplace.Workers.Select(w => w with { Skills = [.. w.Skills.Append(rule.Skill!).Distinct()] })] },
        RuleKind.MinChunk => WithTask(workplace, rule.Task!, t => t with { MinChunk = null }),
        RuleKind.ServiceLimit => WithTask(workplace, rule.Task!, t => t with { MaxPerWorker = null }),
        RuleKind.Fixed => WithWorker(workplace, rule.Worker!, w => w with { Fixed = w.Fixed.Where(f => f.Key != rule.Task).ToDictionary() }),
        RuleKind.Excluded => WithWorker(workplace, rule.Worker!, w => w with { Excluded = [.. w.Excluded.Where(t => t != rule.Task)] }),

        // The domain states the limit for everyone; lifting it for all is a weaker check than for the one worker.
        RuleKind.FragmentationLimit => workplace with { Rules = workplace.Rules with { MaxTasksPerWorker = null } },
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "coverage and capacity cannot be dropped in a valid workplace"),
    };

    private static Workplace WithTask(Workplace workplace, string id, Func<WorkTask, WorkTask> change) =>
        workplace with { Tasks = [.. workplace.Tasks.Select(t => t.Id == id ? change(t) : t)] };

    private static Workplace WithWorker(Workplace workplace, string id, Func<Worker, Worker> change) =>
        workplace with { Workers = [.. workplace.Workers.Select(w => w.Id == id ? change(w) : w)] };
}
