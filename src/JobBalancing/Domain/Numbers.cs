using System.Globalization;

namespace JobBalancing.Domain;

/// <summary>How the library writes and checks decimal figures.</summary>
internal static class Numbers
{
    /// <summary>The most decimals a rating or weight may have and still be honoured exactly.</summary>
    public const int MaxRatingDecimals = 4;

    /// <summary>The largest magnitude of a rating-scale end, so that scaled ratings times hours stay within the solvers' integers.</summary>
    public const decimal MaxRating = 1_000_000;

    /// <summary>The largest hour figure, in hour units, that the solvers' integer models accept.</summary>
    public const long MaxUnits = 10_000_000;

    /// <summary>A decimal as people write it: invariant, no trailing zeros (<c>2.5</c>, <c>-5</c>).</summary>
    public static string Format(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Hours with an "h": <c>2.5 h</c>.</summary>
    public static string Hours(decimal value) => Format(value) + " h";

    /// <summary>The number of decimals <paramref name="value"/> really has (<c>2.50</c> has 1).</summary>
    public static int Decimals(decimal value)
    {
        var normalized = value / 1.000000000000000000000000000000000m;
        return (decimal.GetBits(normalized)[3] >> 16) & 0xFF;
    }

    /// <summary>The sum of <paramref name="values"/>; <see langword="null"/> when it is beyond what a decimal holds.</summary>
    public static decimal? SafeSum(IEnumerable<decimal> values)
    {
        try
        {
            return values.Sum();
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary><paramref name="hours"/> in hour units; <see langword="null"/> when that is beyond what a decimal holds.</summary>
    public static decimal? InUnits(decimal hours, decimal unit)
    {
        try
        {
            return hours / unit;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="value"/> is a whole multiple of <paramref name="unit"/>.</summary>
    public static bool IsMultipleOf(decimal value, decimal unit) => unit > 0 && value % unit == 0;
}
