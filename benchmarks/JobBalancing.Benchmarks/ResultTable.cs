using System.Globalization;
using System.Reflection;
using Google.OrTools.Init;
using Google.OrTools.Sat;
using JobBalancing.Benchmarks.Runners;

namespace JobBalancing.Benchmarks;

/// <summary>
/// Prints measurements as a Markdown table, one column per instance, then what looked wrong, then where every figure
/// comes from, so that a pasted table carries its own provenance.
/// </summary>
internal static class ResultTable
{
    /// <summary>The times the issues quote objectives at; those within the budget get a row.</summary>
    private static readonly TimeSpan[] Checkpoints = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60)];

    /// <summary>How close to a reference objective counts as "there", in rating points.</summary>
    private static readonly decimal[] Tolerances = [0.05m, 0.01m];

    private const string None = "—";

    public static void Write(TextWriter output, IReadOnlyList<Measurement> runs, HarnessOptions options, IReadOnlyList<string> args)
    {
        WriteMarkdown(output, [["instance", .. runs.Select(m => m.Size.Name)], .. InstanceRows().Select(row => (string[])[row.Label, .. runs.Select(row.Value)])]);
        output.WriteLine();

        var columns = runs.SelectMany(m => m.Runs.Select(run => (Instance: m, Run: run))).ToList();
        WriteMarkdown(output,
        [
            ["solver", .. columns.Select(c => $"{c.Instance.Size.Name} {c.Run.Name}")],
            .. SolverRows(options.Budget).Select(row => (string[])[row.Label, .. columns.Select(c => row.Value(c.Instance, c.Run))]),
        ]);

        if (options.Runs > 1)
        {
            output.WriteLine();
            output.WriteLine(Invariant.Text(
                $"The balancer's {options.Runs} runs on each instance (seeds {options.BalancerSeeds.First()}–{options.BalancerSeeds.Last()}): the median, and in brackets the best and the worst (the highest bound first); for an even number of runs the median is the worse of the two middle ones."));
            output.WriteLine();
            WriteMarkdown(output,
            [
                ["balancer", .. runs.Select(m => m.Size.Name)],
                .. SpreadRows(options.Budget).Select(row => (string[])[row.Label, .. runs.Select(m => row.Value(m))]),
            ]);
        }

        var findings = runs.SelectMany(m => m.Findings.Select(f => (m.Size.Name, f))).ToList();
        output.WriteLine();
        output.WriteLine(findings.Count == 0 ? "Nothing looked wrong." : "What looked wrong:");
        foreach (var (instance, finding) in findings)
        {
            output.WriteLine($"- {instance}: {(finding.BreaksContract ? "breaks the contract" : "notice")}: {finding.Text}");
        }

        output.WriteLine();
        WriteProvenance(output, runs, options, args);
    }

    private static IEnumerable<(string Label, Func<Measurement, string> Value)> InstanceRows()
    {
        yield return ("workers × tasks", m => Invariant.Text($"{m.Size.Workers} × {m.Size.Tasks}"));
        yield return ("pairs", m => Invariant.Text($"{m.Pairs:N0}"));
        yield return ("current assignment's objective", m => Points(m.CurrentObjective));
        yield return ("best objective (solver)", m => m.BestObjective is { } best
            ? $"{Points(best)} ({string.Join(", ", m.Runs.Where(r => r.BestObjective == best).Select(r => r.Name))})"
            : None);
        yield return ("best known plan (source)", m => m.BestKnown is { } known ? $"{Points(known.Objective)} ({known.Source})" : None);
        yield return ("best proven bound (source)", m => $"{Points(m.BestBound.Bound)} ({m.BestBound.Source})");
        yield return ("load average before solves", m => m.LoadBefore);
    }

    private static IEnumerable<(string Label, Func<Measurement, SolverRun, string> Value)> SolverRows(TimeSpan budget)
    {
        yield return ("final status", (_, r) => r.Status);
        yield return ("first plan", (_, r) => Seconds(r.Timeline.FirstPlan));
        foreach (var checkpoint in Checkpoints.Where(c => c <= budget))
        {
            yield return (Invariant.Text($"objective / bound at {checkpoint.TotalSeconds:0} s"),
                (_, r) => r.Timeline.At(checkpoint) is { } known ? $"{Points(known.Objective)} / {Points(known.Bound)}" : "no plan yet");
        }

        yield return ("final objective", (_, r) => r.Plan is { } plan ? Points(plan.Objective) : None);
        yield return ("own bound (source)", (_, r) => $"{Points(r.Bound)} ({r.BoundSource})");
        yield return ("final answer at", (_, r) => Seconds(r.SolveTime));
        yield return ("proven optimal at", (_, r) => Seconds(r.OptimalAt));
        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of best proven bound"), (m, r) => Reach(r.Timeline, m.BestBound.Bound + tolerance));
        }

        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of best known plan"),
                (m, r) => m.BestKnown is { } known ? Reach(r.Timeline, known.Objective + tolerance) : None);
        }

        yield return ("same objective as balancer: time ÷ balancer's", SameObjective);
        yield return ("peak memory (before solve)", (_, r) => $"{Megabytes(r.Memory.PeakBytes)} ({Megabytes(r.Memory.BaselineBytes)})");
    }

    /// <summary>
    /// The balancer's figures over its runs on each instance (<see cref="HarnessOptions.Runs"/>), each a
    /// <see cref="Spread"/>; the rows of <see cref="SolverRows"/> that differ from run to run.
    /// </summary>
    private static IEnumerable<(string Label, Func<Measurement, string> Value)> SpreadRows(TimeSpan budget)
    {
        string Over<T>(Measurement m, Func<SolverRun, T?> figure, Func<T, string> format, string missing)
            where T : struct, IComparable<T> =>
            m.Balancers.Count == 0 ? None : Spread.Of(m.Balancers.Select(figure), format, missing);

        yield return ("first plan", m => Over(m, r => r.Timeline.FirstPlan, t => Seconds(t), "none"));
        foreach (var checkpoint in Checkpoints.Where(c => c <= budget))
        {
            yield return (Invariant.Text($"objective at {checkpoint.TotalSeconds:0} s"), m => Over(m, r => r.Timeline.At(checkpoint)?.Objective, Points, "no plan yet"));
        }

        yield return ("final objective", m => Over(m, r => r.Plan?.Objective, Points, "no plan"));
        yield return ("own bound", m => Over(m, r => (decimal?)-r.Bound, bound => Points(-bound), None));
        yield return ("final answer at", m => Over(m, r => (TimeSpan?)r.SolveTime, t => Seconds(t), None));
        yield return ("proven optimal at", m => Over(m, r => r.OptimalAt, t => Seconds(t), "never"));
        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of best proven bound"), m => Over(m, r => r.Timeline.Reach(m.BestBound.Bound + tolerance)?.At, t => Seconds(t), "never"));
        }

        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of best known plan"),
                m => m.BestKnown is { } known ? Over(m, r => r.Timeline.Reach(known.Objective + tolerance)?.At, t => Seconds(t), "never") : None);
        }

        yield return ("peak memory", m => Over(m, r => (long?)r.Memory.PeakBytes, Megabytes, None));
    }

    /// <summary>
    /// The peer's time to the better objective both it and the balancer reached (the worse of their two best), divided
    /// by the balancer's time to it: "the balancer is this many times faster to the same objective". With several runs
    /// of the balancer (<see cref="HarnessOptions.Runs"/>), the worst of their best objectives and the slowest of them
    /// to the common one: every run reached it, and none was slower.
    /// </summary>
    private static string SameObjective(Measurement m, SolverRun run)
    {
        var balancers = m.Balancers;
        if (run.Solver == SolverKind.Balancer || balancers.Count == 0 || balancers.Any(b => b.BestObjective is null))
        {
            return None;
        }

        if (run.BestObjective is not { } theirs)
        {
            return "no plan";
        }

        var common = Math.Max(balancers.Max(b => b.BestObjective!.Value), theirs);
        var (peer, mine) = (run.Timeline.Reach(common)!.Value, balancers.Max(b => b.Timeline.Reach(common)!.Value.At));
        string Ratio(TimeSpan time) => (time.TotalSeconds / Math.Max(mine.TotalSeconds, 1e-3)) is var r && r < 1
            ? r.ToString("0.00", CultureInfo.InvariantCulture)
            : r.ToString("0.0", CultureInfo.InvariantCulture);
        var text = peer.After < peer.At ? $"×{Ratio(peer.After)}–{Ratio(peer.At)}" : $"×{Ratio(peer.At)}";
        var slowest = balancers.Count > 1 ? Invariant.Text($" (the slowest of {balancers.Count} runs)") : "";
        return $"{Points(common)}: {Reach(run.Timeline, common)} ÷ {Seconds(mine)}{slowest} = {text}";
    }

    /// <summary>When a timeline first reached <paramref name="objective"/>; for a sampled one, "≤ t (> t')".</summary>
    private static string Reach(SolveTimeline timeline, decimal objective) =>
        timeline.Reach(objective) is not { } reach ? None
        : reach.After < reach.At ? $"≤ {Seconds(reach.At)} (> {Seconds(reach.After)})"
        : Seconds(reach.At);

    private static void WriteProvenance(TextWriter output, IReadOnlyList<Measurement> runs, HarnessOptions options, IReadOnlyList<string> args)
    {
        var memory = runs.SelectMany(m => m.Runs).All(r => r.Memory.PeakIsPerRun)
            ? "reset before each solve through /proc/self/clear_refs"
            : "NOT reset between solves: each figure is the peak since the process started";
        output.WriteLine(
            "Where the figures come from: every objective is recomputed by PlanEvaluator from the plan's hours, never taken "
            + "from a solver, and every plan is checked against the seven rules (a broken rule fails the run). The balancer "
            + "is watched through its IProgress<SolveProgress> reports (Elapsed, on its own clock, which starts after "
            + "validation); its final result counts too, at its solve time. The MIP solver (SCIP through OR-Tools' "
            + "linear solver wrapper, one thread, default parameters) cannot be watched: it is run afresh, model building "
            + "included, once stopped at its first plan and then at budgets of 1, 3, 10, 30, 60, 120, 300 s below the "
            + "instance's budget and at the budget, until a run proves optimality; its times read \"≤ t (> t')\": reached "
            + "by the run of t, not by the longer run of t'; a checkpoint counts a run that ended up to 5 % (at least "
            + "0.25 s) after it; its bound is SCIP's dual bound less 1e-6 relative. The greedy heuristic (fill, repair, trades) "
            + "reports once, at its end, and proves no bound. A checkpoint shows the best objective and the highest bound reported before it. "
            + "The best known plan is the better of this run's best and the plan stored for the instance (--best-known, "
            + "its hours re-evaluated on the generated workplace): DESIGN.md's reference where the bound stays near 0. "
            + "\"Same objective as balancer\" takes the worse of the two solvers' best objectives, which both reached, "
            + "and divides the peer's time to it by the balancer's (with several runs of the balancer, the worst of their best "
            + "objectives and the slowest of them to it). Pairs from BalancingProblem.Compile. Objectives and "
            + "bounds in rating points (wE·Δ_E + wD·Δ_D). Peak memory: Process.PeakWorkingSet64 (on Linux VmHWM, resident "
            + $"memory of the whole harness process, native solver memory included; for the MIP, its largest run), {memory}; "
            + "in brackets the resident memory just before the solve, which the peak includes. Solvers run one after "
            + "another in one process.");
        var threads = options.Threads == 0 ? Invariant.Text($"0 (= {Environment.ProcessorCount})") : Invariant.Text($"{options.Threads}");
        output.WriteLine(Invariant.Text(
            $"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}, {BuildConfiguration} build; OR-Tools {OrToolsVersion.VersionString()} (Google.OrTools package {PackageVersion(typeof(CpSolver).Assembly)}), {Peers.MipPeer.Version()}. Other processes may share the machine (see the load average row): timings are noisy."));
        output.WriteLine(Invariant.Text(
            $"Settings: budget {options.Budget.TotalSeconds:0.###} s per instance and solver, {Seeds(options)}, balancer threads {threads}."));
        output.WriteLine($"Command: dotnet run -c Release --project benchmarks/JobBalancing.Benchmarks -- {string.Join(' ', args)}");
    }

    private static string Seeds(HarnessOptions options) => options.Runs == 1
        ? Invariant.Text($"seed {options.Seed} (generator and balancer)")
        : Invariant.Text($"seed {options.Seed} (generator), {options.Runs} runs of the balancer with seeds {options.BalancerSeeds.First()}–{options.BalancerSeeds.Last()}");

    /// <summary>Writes rows as a Markdown table with the columns padded, so that it reads in a terminal too.</summary>
    private static void WriteMarkdown(TextWriter output, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        output.WriteLine(Line(rows[0].Select((cell, c) => cell.PadRight(widths[c]))));
        output.WriteLine(Line(widths.Select((w, c) => c == 0 ? new string('-', w) : new string('-', w - 1) + ":")));
        foreach (var row in rows.Skip(1))
        {
            output.WriteLine(Line(row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))));
        }
    }

    private static string Points(decimal value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan? time) =>
        time is { } t ? t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " s" : None;

    private static string Megabytes(long bytes) => Invariant.Text($"{bytes / (1024.0 * 1024.0):N0} MB");

    private static string PackageVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

#if DEBUG
    private const string BuildConfiguration = "DEBUG (timings are not representative; use -c Release)";
#else
    private const string BuildConfiguration = "Release";
#endif
}
