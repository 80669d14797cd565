using JobBalancing.Analysis;
using JobBalancing.Benchmarks.Runners;
using JobBalancing.Cli;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Solving;

namespace JobBalancing.Benchmarks;

/// <summary>The best plan stored for an instance, evaluated on the workplace the generator makes.</summary>
/// <param name="Objective">Its objective, recomputed by <c>PlanEvaluator</c> from its hours on the generated workplace.</param>
/// <param name="Path">The file it was read from.</param>
internal sealed record BestKnownPlan(decimal Objective, string Path);

/// <summary>
/// The best plans known for the generated instances: one result JSON per instance, <c>DIRECTORY/ID.json</c>, as
/// <c>jobbalancing solve --out</c> writes them, kept in <see cref="DefaultDirectory"/>. DESIGN.md: where the proven bound
/// stays near 0 and cannot be improved, a plan is measured against the best plan known. A stored plan counts only when its
/// hours keep every rule of the workplace the generator makes today, and its objective is recomputed from them, never read.
/// </summary>
internal static class BestKnownPlans
{
    /// <summary>Where the harness looks for them, relative to the directory it runs in (the repository's root).</summary>
    public const string DefaultDirectory = "benchmarks/best-known";

    /// <summary>The file of <paramref name="workplace"/>'s best known plan in <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, Workplace workplace) => Path.Combine(directory, workplace.Id + ".json");

    /// <summary>
    /// Reads the best known plan of <paramref name="workplace"/> from <paramref name="directory"/>; no plan and no finding
    /// when none is stored, no plan and a notice when the stored one cannot be read or does not fit the workplace.
    /// </summary>
    public static (BestKnownPlan? Plan, Finding? Problem) Read(string directory, Workplace workplace)
    {
        var path = PathOf(directory, workplace);
        if (!File.Exists(path))
        {
            return (null, null);
        }

        ResultFile stored;
        try
        {
            stored = ResultJson.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is InvalidWorkplaceException or IOException or UnauthorizedAccessException)
        {
            return (null, SolverChecks.Notice($"the best known plan {path} cannot be read, so it is ignored: {e.Message}"));
        }

        if (stored.Result.Plan is not { } plan)
        {
            return (null, SolverChecks.Notice($"the best known plan {path} holds no plan ({stored.Result.Status}), so it is ignored"));
        }

        var evaluated = PlanEvaluator.Evaluate(workplace, plan.Jobs.ToDictionary(
            job => job.Worker, job => (IReadOnlyDictionary<string, decimal>)job.Tasks.ToDictionary(t => t.Task, t => t.Hours)));
        return evaluated.Violations.Count > 0
            ? (null, SolverChecks.Notice(
                $"the best known plan {path} breaks {evaluated.Violations.Count} rules of the generated {workplace.Id} (first: {evaluated.Violations[0]}): it is a plan of another workplace, so it is ignored"))
            : (new BestKnownPlan(evaluated.Objective, path), null);
    }

    /// <summary>
    /// Writes <paramref name="run"/>'s final plan as <paramref name="workplace"/>'s best known plan in
    /// <paramref name="directory"/>, atomically (a reader never sees half a file); returns the path.
    /// </summary>
    public static string Save(string directory, Workplace workplace, SolverRun run)
    {
        var plan = run.Plan ?? throw new ArgumentException($"{run.Name} found no plan to save", nameof(run));
        var result = new BalancingResult
        {
            Status = plan.Objective <= run.Bound ? SolveStatus.Optimal : SolveStatus.Feasible,
            Plan = plan,
            Bound = run.Bound,
            BoundSource = $"{run.Name}: {run.BoundSource}",
            SolveTime = run.SolveTime,
        };
        Directory.CreateDirectory(directory);
        var path = PathOf(directory, workplace);
        AtomicFile.WriteAllText(path, ResultJson.Write(result, workplace));
        return path;
    }
}
