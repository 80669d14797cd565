using System.Globalization;
using System.Reflection;
using Google.OrTools.Init;
using Google.OrTools.Sat;

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
        var rows = Rows(options.Budget).ToList();
        List<string[]> table = [["instance", .. runs.Select(m => m.Size.Name)]];
        table.AddRange(rows.Select(row => (string[])[row.Label, .. runs.Select(row.Value)]));
        WriteMarkdown(output, table);

        var findings = runs.SelectMany(m => SolverChecks.Findings(m).Select(f => (m.Size.Name, f))).ToList();
        output.WriteLine();
        output.WriteLine(findings.Count == 0 ? "Nothing looked wrong." : "What looked wrong:");
        foreach (var (instance, finding) in findings)
        {
            output.WriteLine($"- {instance}: {(finding.BreaksContract ? "breaks the contract" : "notice")}: {finding.Text}");
        }

        output.WriteLine();
        WriteProvenance(output, runs, options, args);
    }

    private static IEnumerable<(string Label, Func<Measurement, string> Value)> Rows(TimeSpan budget)
    {
        yield return ("workers × tasks", m => Invariant.Text($"{m.Size.Workers} × {m.Size.Tasks}"));
        yield return ("pairs", m => Invariant.Text($"{m.Pairs:N0}"));
        yield return ("current assignment's objective", m => Points(m.CurrentObjective));
        yield return ("first plan", m => Seconds(m.Timeline.FirstPlan));
        foreach (var checkpoint in Checkpoints.Where(c => c <= budget))
        {
            yield return (Invariant.Text($"objective / bound at {checkpoint.TotalSeconds:0} s"),
                m => m.Timeline.At(checkpoint) is { } known ? $"{Points(known.Objective)} / {Points(known.Bound)}" : "no plan yet");
        }

        yield return ("final status", m => m.Result.Status.ToString());
        yield return ("final objective", m => m.Result.Plan is { } plan ? Points(plan.Objective) : None);
        yield return ("final bound (source)", m => $"{Points(m.Result.Bound)} ({m.Result.BoundSource})");
        yield return ("gap", m => m.Result.Gap is { } gap ? Points(gap) : None);
        yield return ("solve time", m => Seconds(m.Result.SolveTime));
        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of final bound"),
                m => Seconds(m.Timeline.FirstWithin(m.Result.Bound, tolerance, m.Result)));
        }

        foreach (var tolerance in Tolerances)
        {
            yield return (Invariant.Text($"to within {tolerance} of final objective"),
                m => m.Result.Plan is { } plan ? Seconds(m.Timeline.FirstWithin(plan.Objective, tolerance, m.Result)) : None);
        }

        yield return ("load average before solve", m => m.LoadBefore);
        yield return ("peak memory (before solve)", m => $"{Megabytes(m.PeakBytes)} ({Megabytes(m.BaselineBytes)})");
    }

    private static void WriteProvenance(TextWriter output, IReadOnlyList<Measurement> runs, HarnessOptions options, IReadOnlyList<string> args)
    {
        var memory = runs.All(m => m.PeakIsPerRun)
            ? "reset before each solve through /proc/self/clear_refs"
            : "NOT reset between solves: each figure is the peak since the process started";
        output.WriteLine(
            "Where the figures come from: \"first plan\", the checkpoints and \"to within\" from the balancer's "
            + "IProgress<SolveProgress> reports (Elapsed, on the balancer's clock, which starts after validation); a checkpoint "
            + "shows the best objective and the highest bound reported before it; \"to within\" "
            + "counts the final result too, at its solve time. Final figures from BalancingResult. Pairs from "
            + "BalancingProblem.Compile. The current assignment's objective from PlanEvaluator.EvaluateCurrent. Objectives and "
            + "bounds in rating points (wE·Δ_E + wD·Δ_D). Peak memory: Process.PeakWorkingSet64 (on Linux VmHWM, resident "
            + $"memory of the whole process, CP-SAT's native memory included), {memory}; in brackets the resident memory just "
            + "before the solve.");
        var threads = options.Threads == 0 ? Invariant.Text($"0 (= {Environment.ProcessorCount})") : Invariant.Text($"{options.Threads}");
        output.WriteLine(Invariant.Text(
            $"Machine: {Environment.ProcessorCount} logical cores, {Environment.OSVersion}, .NET {Environment.Version}, {BuildConfiguration} build; OR-Tools {OrToolsVersion.VersionString()} (Google.OrTools package {PackageVersion(typeof(CpSolver).Assembly)}). Other processes may share the machine (see the load average row): timings are noisy."));
        output.WriteLine(Invariant.Text(
            $"Settings: budget {options.Budget.TotalSeconds:0.###} s per instance, seed {options.Seed} (generator and balancer), threads {threads}."));
        output.WriteLine($"Command: dotnet run -c Release --project benchmarks/JobBalancing.Benchmarks -- {string.Join(' ', args)}");
    }

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
