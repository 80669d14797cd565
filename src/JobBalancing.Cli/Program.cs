namespace JobBalancing.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The first Ctrl+C stops the search and reports the best plan found so far; a second one ends the process.
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };
        return CliApp.Run(args, Console.Out, Console.Error, cancellation.Token);
    }
}
