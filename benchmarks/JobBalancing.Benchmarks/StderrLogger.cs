using Microsoft.Extensions.Logging;

namespace JobBalancing.Benchmarks;

/// <summary>The balancer's log on stderr, one line a message with the seconds since the harness started.</summary>
internal sealed class StderrLoggerFactory : ILoggerFactory
{
    private static readonly DateTime Started = DateTime.UtcNow;

    public ILogger CreateLogger(string categoryName) => new StderrLogger();

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The harness logs to stderr only.");

    public void Dispose()
    {
    }

    private sealed class StderrLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Console.Error.WriteLine($"{(DateTime.UtcNow - Started).TotalSeconds,8:0.00} s  {logLevel,-11} {formatter(state, exception)}");
    }
}
