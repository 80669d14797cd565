using System.Globalization;

namespace JobBalancing.Benchmarks;

/// <summary>Text for the tables: numbers written the same on every machine, whatever its culture.</summary>
internal static class Invariant
{
    public static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
