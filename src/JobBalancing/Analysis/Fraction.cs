using System.Numerics;

namespace JobBalancing.Analysis;

/// <summary>
/// An exact rational number, so that a plan's scores, deviations and objective are computed without rounding and
/// rounded once, the same way, when they become decimals: equal fractions always give equal decimals.
/// </summary>
internal readonly record struct Fraction : IComparable<Fraction>
{
    public Fraction(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        var sign = denominator.Sign;
        Numerator = sign * numerator / gcd;
        Denominator = sign * denominator / gcd;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Fraction Zero { get; } = new(0, 1);

    /// <summary>The exact value of a decimal: its mantissa over a power of ten.</summary>
    public static Fraction Of(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        return new Fraction(bits[3] < 0 ? -mantissa : mantissa, BigInteger.Pow(10, scale));
    }

    public static Fraction operator +(Fraction a, Fraction b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public Fraction Abs() => new(BigInteger.Abs(Numerator), Denominator);

    public static Fraction Max(Fraction a, Fraction b) => a >= b ? a : b;

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The nearest decimal: exact when the fraction has one, else correctly rounded to 28 digits.</summary>
    public decimal ToDecimal()
    {
        var whole = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        if (remainder.IsZero)
        {
            return (decimal)whole;
        }

        // Digits after the point: as many as decimal holds beside the whole part.
        var digits = Math.Max(0, 28 - (int)Math.Ceiling(BigInteger.Log10(BigInteger.Abs(whole) + 1)));
        var scaled = BigInteger.DivRem(Numerator * BigInteger.Pow(10, digits), Denominator, out var rest);
        if (BigInteger.Abs(rest) * 2 >= BigInteger.Abs(Denominator))
        {
            scaled += Numerator.Sign;
        }

        return (decimal)scaled / (decimal)BigInteger.Pow(10, digits);
    }
}
