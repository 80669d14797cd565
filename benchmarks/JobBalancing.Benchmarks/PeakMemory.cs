using System.Diagnostics;

namespace JobBalancing.Benchmarks;

/// <summary>
/// The peak resident memory of this process, native memory included: <see cref="Process.PeakWorkingSet64"/>, which on
/// Linux is the kernel's high-water mark VmHWM. CP-SAT's memory is native, so the managed heap alone would miss most of it.
/// </summary>
internal static class PeakMemory
{
    /// <summary>
    /// Collects garbage, then forgets the peak so far, so that the next <see cref="Read"/> covers only what follows and a
    /// run in <c>--all</c> is not charged for the one before it.
    /// </summary>
    /// <returns>
    /// Whether the peak was reset. Only Linux can (writing 5 to <c>/proc/self/clear_refs</c>); elsewhere a reading is the
    /// peak since the process started.
    /// </returns>
    public static bool Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The peak resident memory in bytes since the process started or the last successful <see cref="Reset"/>.</summary>
    public static long Read()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    /// <summary>
    /// Runs <paramref name="run"/> and measures it: resident memory just before it, and the peak during it (reset first;
    /// see <see cref="Reset"/>).
    /// </summary>
    public static (T Value, MemoryUse Memory) Measure<T>(Func<T> run)
    {
        var perRun = Reset();
        var baseline = Current();
        var value = run();
        return (value, new MemoryUse(baseline, Read(), perRun));
    }

    /// <summary>The resident memory now, in bytes.</summary>
    public static long Current()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}

/// <summary>The memory a solve used.</summary>
/// <param name="BaselineBytes">Resident memory just before the solve.</param>
/// <param name="PeakBytes">Peak resident memory during the solve, the baseline included.</param>
/// <param name="PeakIsPerRun">Whether the peak was reset before the solve; if not, it is the peak since the process started.</param>
internal sealed record MemoryUse(long BaselineBytes, long PeakBytes, bool PeakIsPerRun)
{
    /// <summary>The larger of two solves' use: the one with the higher peak.</summary>
    public static MemoryUse Max(MemoryUse a, MemoryUse b) => a.PeakBytes >= b.PeakBytes ? a : b;
}
