using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace JobBalancing.Cli;

/// <summary>The command line, callable in-process so that tests can run it with their own writers.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/> and returns its exit code (see <see cref="ExitCodes"/>); never throws.</summary>
    /// <param name="args">The arguments, without the command's own name.</param>
    /// <param name="stdout">Where results go.</param>
    /// <param name="stderr">Where errors and explanations go.</param>
    /// <param name="cancellationToken">Stops a running solve, which then reports the best plan found so far.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        try
        {
            // Not a RootCommand, which takes its name from the executable ("JobBalancing.Cli"): the help should say
            // what people type.
            var root = new Command("jobbalancing", "Balanced job complexes for worker councils.")
            {
                new HelpOption(),
                new VersionOption(),
                new SolveCommand(stdout, stderr, cancellationToken).Build(),
                new RotateCommand(stdout, stderr, cancellationToken).Build(),
                new RatingsCommand(stdout, stderr).Build(),
                new ValidateCommand(stdout, stderr).Build(),
                new ImportCommand(stdout, stderr).Build(),
                new ExportCommand(stdout, stderr).Build(),
                new ReportCommand(stdout, stderr).Build(),
                new CompareCommand(stdout, stderr, cancellationToken).Build(),
                new NotebookCommand(stdout, stderr, cancellationToken).Build(),
                new FrontierCommand(stdout, stderr, cancellationToken).Build(),
                new PlotCommand(stdout, stderr).Build(),
            };
            var parseResult = root.Parse(args);

            // System.CommandLine answers a parse error with exit code 1, which here means "no plan"; a wrong command
            // line is invalid input.
            if (parseResult.Action is ParseErrorAction)
            {
                foreach (var error in parseResult.Errors)
                {
                    stderr.WriteLine($"error: {error.Message}");
                }

                stderr.WriteLine($"Run '{CommandLine(parseResult)} --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,

                // Ctrl+C is the caller's to handle (Program does): a test host must not have its signals taken.
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Every input error is handled where it arises; what reaches here is a bug, reported without a stack trace.
            stderr.WriteLine($"internal error: {e.Message}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command the arguments name, for pointing at its help: <c>jobbalancing solve</c>, or the tool itself.</summary>
    private static string CommandLine(ParseResult parseResult) =>
        parseResult.CommandResult.Command.Name is var name && name == "jobbalancing" ? name : $"jobbalancing {name}";
}
