using JobBalancing.Benchmarks;

// Measures the balancer on generated workplaces and prints one table; see README.md in this folder.
HarnessOptions? options;
try
{
    options = HarnessOptions.Parse(args);
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}{Environment.NewLine}{Environment.NewLine}{HarnessOptions.Usage}");
    return 2;
}

if (options is null)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

var runs = new List<Measurement>();
foreach (var size in options.Sizes)
{
    // Progress goes to stderr, so that stdout holds only the table and can be redirected to a file.
    await Console.Error.WriteLineAsync(Invariant.Text(
        $"{size.Name}: {size.Workers} workers × {size.Tasks} tasks, {options.Budget.TotalSeconds:0.###} s ..."));
    var run = Measurement.Run(size, options);
    runs.Add(run);
    await Console.Error.WriteLineAsync(Invariant.Text(
        $"{size.Name}: {run.Result.Status}, objective {run.Result.Plan?.Objective:0.000}, bound {run.Result.Bound:0.000}, {run.Wall.TotalSeconds:0.0} s"));
}

ResultTable.Write(Console.Out, runs, options, args);
return runs.SelectMany(SolverChecks.Findings).Any(f => f.BreaksContract) ? 1 : 0;
