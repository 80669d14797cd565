using Microsoft.Extensions.Logging;

namespace JobBalancing;

/// <summary>Every message the library logs, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Balancing {Workplace}: {Workers} workers, {Tasks} tasks, {Pairs} allowed pairs, exact scaling {Exact}")]
    public static partial void SolveStarted(ILogger logger, string workplace, int workers, int tasks, int pairs, bool exact);

    [LoggerMessage(2, LogLevel.Information, "Stage {Stage}: {Value} (bound {Bound}) after {Seconds:0.00} s, proven {Proven}")]
    public static partial void StageFinished(ILogger logger, string stage, long value, long bound, double seconds, bool proven);

    [LoggerMessage(3, LogLevel.Debug, "Neighbourhood of {Size} workers: {Status} in {Seconds:0.000} s, {Stage} {Value}, improved {Improved}")]
    public static partial void NeighbourhoodSolved(ILogger logger, int size, string status, double seconds, string stage, long value, bool improved);

    [LoggerMessage(4, LogLevel.Information, "{Workplace} is infeasible: {Explanation}")]
    public static partial void Infeasible(ILogger logger, string workplace, string explanation);

    [LoggerMessage(5, LogLevel.Information, "Balanced {Workplace}: {Status}, objective {Objective}, bound {Bound}, {Seconds:0.00} s")]
    public static partial void SolveFinished(ILogger logger, string workplace, string status, decimal objective, decimal bound, double seconds);

    [LoggerMessage(6, LogLevel.Information, "Bound from the {Source}: {Bound} after {Seconds:0.00} s")]
    public static partial void BoundFound(ILogger logger, string source, decimal bound, double seconds);

    [LoggerMessage(7, LogLevel.Debug, "Model of {Allowed} of {Pairs} pairs ({Kind}): {Status}, balance {Value} after {Seconds:0.00} s")]
    public static partial void PairModelSolved(ILogger logger, int allowed, int pairs, string kind, string status, long value, double seconds);

    [LoggerMessage(8, LogLevel.Debug, "A plan within {Level}: {Status} after {Seconds:0.00} s")]
    public static partial void LevelProbed(ILogger logger, decimal level, string status, double seconds);

    [LoggerMessage(9, LogLevel.Debug, "Swaps on the costs, stage {Stage}: {Before} to {After} after {Seconds:0.00} s")]
    public static partial void CostsLowered(ILogger logger, string stage, long before, long after, double seconds);

    [LoggerMessage(10, LogLevel.Debug, "Swaps on the balance ({Mode}): {Before} to {After} after {Seconds:0.00} s")]
    public static partial void BalanceSwapped(ILogger logger, string mode, long before, long after, double seconds);
}
