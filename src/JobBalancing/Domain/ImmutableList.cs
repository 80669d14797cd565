using System.Collections.ObjectModel;

namespace JobBalancing.Domain;

/// <summary>Copies that make the domain records immune to later changes of the caller's collections.</summary>
internal static class ImmutableList
{
    public static readonly IReadOnlyDictionary<string, decimal> EmptyHours =
        new ReadOnlyDictionary<string, decimal>(new Dictionary<string, decimal>(StringComparer.Ordinal));

    /// <summary>A read-only copy; <see langword="null"/> (possible from deserializers) becomes empty.</summary>
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T>? items) =>
        items is null ? [] : Array.AsReadOnly(items.ToArray());

    /// <summary>A read-only copy that keeps the caller's order of entries.</summary>
    public static IReadOnlyDictionary<string, decimal> Copy(IReadOnlyDictionary<string, decimal>? hours)
    {
        if (hours is null || hours.Count == 0)
        {
            return EmptyHours;
        }

        var copy = new Dictionary<string, decimal>(hours.Count, StringComparer.Ordinal);
        foreach (var (task, value) in hours)
        {
            copy[task] = value;
        }

        return new ReadOnlyDictionary<string, decimal>(copy);
    }
}
