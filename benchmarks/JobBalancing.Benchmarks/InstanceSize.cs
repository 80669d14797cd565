using System.Globalization;

namespace JobBalancing.Benchmarks;

/// <summary>How large a generated workplace is: its name in the tables, and its numbers of workers and tasks.</summary>
/// <param name="Name">What the tables call it: <c>S</c>, <c>M</c>, or <c>40x16</c>.</param>
/// <param name="Workers">The number of workers.</param>
/// <param name="Tasks">
/// The number of tasks: at least 2, so that a service-limited task has an unlimited one beside it, and at most
/// <paramref name="Workers"/>, so that every task has someone who holds it now.
/// </param>
internal sealed record InstanceSize(string Name, int Workers, int Tasks)
{
    public static InstanceSize S { get; } = new("S", 10, 8);

    public static InstanceSize M { get; } = new("M", 60, 25);

    public static InstanceSize L { get; } = new("L", 300, 80);

    public static InstanceSize XL { get; } = new("XL", 2000, 300);

    /// <summary>The sizes the issues quote, smallest first. <c>40x16</c> and <c>200x60</c> are DESIGN.md's rows.</summary>
    public static IReadOnlyList<InstanceSize> Standard { get; } = [S, Parse("40x16"), M, Parse("200x60"), L, XL];

    /// <summary>
    /// What <c>--all</c> runs: every standard size but <see cref="XL"/>, which DESIGN.md measured at more than 10 GB with a
    /// plain model; name it explicitly to run it.
    /// </summary>
    public static IReadOnlyList<InstanceSize> All { get; } = [.. Standard.Where(s => s != XL)];

    /// <summary>A standard size by name (<c>S</c>, <c>M</c>, <c>L</c>, <c>XL</c>, any case) or any <c>WORKERSxTASKS</c>.</summary>
    /// <exception cref="FormatException">The text is neither.</exception>
    public static InstanceSize Parse(string text)
    {
        var named = new[] { S, M, L, XL }.FirstOrDefault(s => string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }

        var parts = text.Split('x', 'X', '×');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var workers)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var tasks)
            && tasks >= 2 && workers >= tasks)
        {
            return new InstanceSize(Invariant.Text($"{workers}x{tasks}"), workers, tasks);
        }

        throw new FormatException(
            $"size \"{text}\" is neither S, M, L, XL nor WORKERSxTASKS with at least 2 tasks and at least as many workers as tasks (e.g. 40x16)");
    }
}
