using System.Globalization;
using System.Numerics;

namespace JobBalancing.Tests.Oracle;

/// <summary>
/// An exact fraction, so that the oracle's scores and objectives carry no rounding at all: <c>1/3</c> stays
/// <c>1/3</c>. The solver reports decimals; the tests compare those against these exact values.
/// </summary>
internal readonly record struct Rational : IComparable<Rational>
{
    private Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException();
        }

        if (denominator.Sign < 0)
        {
            (numerator, denominator) = (-numerator, -denominator);
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            (numerator, denominator) = (numerator / gcd, denominator / gcd);
        }

        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational Zero { get; } = new(0, 1);

    public static Rational Of(BigInteger numerator, BigInteger denominator) => new(numerator, denominator);

    /// <summary>The decimal exactly: a decimal is a whole number over a power of ten.</summary>
    public static Rational Of(decimal value)
    {
        var bits = decimal.GetBits(value);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var magnitude = ((BigInteger)unchecked((uint)bits[2]) << 64) | ((BigInteger)unchecked((uint)bits[1]) << 32) | unchecked((uint)bits[0]);
        return new Rational(negative ? -magnitude : magnitude, BigInteger.Pow(10, scale));
    }

    public static implicit operator Rational(decimal value) => Of(value);

    public static implicit operator Rational(int value) => new(value, 1);

    public static Rational operator +(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) =>
        new((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public static Rational Abs(Rational a) => a.Numerator.Sign < 0 ? -a : a;

    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The nearest decimal, near enough for choosing a level between two objectives.</summary>
    public decimal ToDecimal() => (decimal)Numerator / (decimal)Denominator;

    /// <summary>Whether the decimal <paramref name="reported"/> is this value up to decimal rounding (1e-20).</summary>
    public bool IsCloseTo(decimal reported) => Abs(Of(reported) - this) <= Of(1, BigInteger.Pow(10, 20));

    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator} (≈{(double)Numerator / (double)Denominator:0.############})");
}
