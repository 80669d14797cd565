namespace JobBalancing.Domain;

/// <summary>One thing wrong with an input, where it is, and why.</summary>
/// <param name="Path">Where the problem is, as a JSON path into the input: <c>tasks[3].hours</c>.</param>
/// <param name="Message">What is wrong, naming the value: <c>-5 must be positive</c>.</param>
public sealed record ValidationProblem(string Path, string Message)
{
    /// <summary>The problem as one line: <c>tasks[3].hours: -5 must be positive</c>.</summary>
    /// <returns>The path, a colon and the message.</returns>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>Thrown when an input has problems; <see cref="Problems"/> lists all of them.</summary>
public sealed class InvalidWorkplaceException : Exception
{
    /// <summary>Creates the exception for the given problems.</summary>
    /// <param name="problems">Every problem found; at least one.</param>
    public InvalidWorkplaceException(IReadOnlyList<ValidationProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Every problem found in the input.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string Describe(IReadOnlyList<ValidationProblem> problems) =>
        problems.Count == 1
            ? $"The workplace is invalid: {problems[0]}"
            : $"The workplace has {problems.Count} problems:{Environment.NewLine}"
              + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
