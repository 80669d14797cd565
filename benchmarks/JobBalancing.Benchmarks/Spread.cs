namespace JobBalancing.Benchmarks;

/// <summary>
/// What several runs of one solver measured, in one cell: the median and, in brackets, the best and the worst. Every
/// figure it summarises is better smaller (objectives, times, memory; a bound is given negated), and a run without one
/// (no plan yet, never got there) counts as worse than any run with one. For an even number of runs the median is the
/// worse of the two middle ones: the figure at least half of the runs did as well as.
/// </summary>
internal static class Spread
{
    /// <summary>
    /// "median (best–worst)", each figure written by <paramref name="format"/> and a missing one as
    /// <paramref name="missing"/>; the figure alone when every run measured the same.
    /// </summary>
    public static string Of<T>(IEnumerable<T?> values, Func<T, string> format, string missing)
        where T : struct, IComparable<T>
    {
        var sorted = values.Order(Comparer<T?>.Create(Compare)).ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("no runs to summarise", nameof(values));
        }

        string Text(T? value) => value is { } v ? format(v) : missing;
        var (best, median, worst) = (Text(sorted[0]), Text(sorted[sorted.Count / 2]), Text(sorted[^1]));
        return best == worst ? median : $"{median} ({best}–{worst})";
    }

    private static int Compare<T>(T? a, T? b)
        where T : struct, IComparable<T> =>
        (a, b) switch
        {
            ({ } x, { } y) => x.CompareTo(y),
            (null, null) => 0,
            (null, _) => 1,
            _ => -1,
        };
}
