namespace JobBalancing.Cli;

/// <summary>The command line, callable in-process so that tests can run it with their own writers.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("not implemented yet");
        return 2;
    }
}
