using JobBalancing.Solving;

namespace JobBalancing.Cli;

/// <summary>The exit codes of the command line, part of its public contract (DESIGN.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked: a workplace is valid, a file was written.</summary>
    public const int Success = 0;

    /// <summary>A plan was found.</summary>
    public const int PlanFound = 0;

    /// <summary>The workplace is infeasible, or no plan was found in time.</summary>
    public const int NoPlan = 1;

    /// <summary>A notebook's cell failed (<c>notebook run</c>): the notebook is left as it was.</summary>
    public const int CellFailed = 1;

    /// <summary>The input is invalid: a missing or unreadable file, malformed JSON, an invalid workplace or option.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// Something went wrong that no input explains: a bug. Kept apart from <see cref="InvalidInput"/> so that nobody
    /// searches their file for a mistake that is not there.
    /// </summary>
    public const int InternalError = 3;

    /// <summary>The exit code for a solve that ended with <paramref name="status"/>.</summary>
    public static int For(SolveStatus status) => status switch
    {
        SolveStatus.Optimal or SolveStatus.Feasible => PlanFound,
        SolveStatus.Infeasible or SolveStatus.Unknown => NoPlan,
        _ => InvalidInput,
    };
}
