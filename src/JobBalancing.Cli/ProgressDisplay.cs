using JobBalancing.Analysis;
using Spectre.Console;

namespace JobBalancing.Cli;

/// <summary>
/// Progress of a long run on stderr: a Spectre.Console progress bar when stderr is the terminal, plain lines otherwise,
/// so that logs, tests and CI stay readable.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing what it reports.</summary>
    /// <param name="stderr">Where progress goes; a bar only when it is the process's own stderr and that is a terminal.</param>
    /// <param name="title">What is running: <c>frontier against cost</c>.</param>
    /// <param name="work">The run, given where to report.</param>
    public static T Run<T>(TextWriter stderr, string title, Func<IProgress<TradeOffProgress>, T> work)
    {
        if (!ReferenceEquals(stderr, Console.Error) || Console.IsErrorRedirected)
        {
            return work(new Reporter(p => stderr.WriteLine($"[{p.Completed}/{p.Total}] {title}: {p.Step}")));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                task.IsIndeterminate = true;
                return work(new Reporter(p =>
                {
                    task.IsIndeterminate = false;
                    task.MaxValue = p.Total;
                    task.Value = p.Completed;
                    task.Description = Markup.Escape($"{title}: {p.Step}");
                }));
            });
    }

    /// <summary>Reports on the caller's thread, so that a report is shown before the next solve starts.</summary>
    private sealed class Reporter(Action<TradeOffProgress> report) : IProgress<TradeOffProgress>
    {
        public void Report(TradeOffProgress value) => report(value);
    }
}
