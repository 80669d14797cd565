using JobBalancing.Benchmarks;

// Measures the balancer and its peers on generated workplaces and prints the tables; see README.md in this folder.
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

if (options.RegionDirectory is { } directory)
{
    foreach (var path in RegionGenerator.Write(directory, options.Seed))
    {
        Console.WriteLine(path);
    }

    return 0;
}

if (options.InstanceDirectory is { } instances)
{
    foreach (var path in WorkplaceGenerator.Write(instances, options.Sizes, options.Seed))
    {
        Console.WriteLine(path);
    }

    return 0;
}

if (options.Region is { } scale)
{
    return RegionScale.Run(scale.Workplaces, scale.Workers, options, Console.Out);
}

var runs = new List<Measurement>();
foreach (var size in options.Sizes)
{
    // Progress goes to stderr, so that stdout holds only the tables and can be redirected to a file.
    await Console.Error.WriteLineAsync(Invariant.Text(
        $"{size.Name}: {size.Workers} workers × {size.Tasks} tasks, {options.Budget.TotalSeconds:0.###} s per solver ..."));
    runs.Add(Measurement.Run(size, options));
}

ResultTable.Write(Console.Out, runs, options, args);
// The balancer without a plan, any broken rule or a false bound fails the run; a peer without a plan is a result.
return runs.SelectMany(m => m.Findings).Any(f => f.BreaksContract) ? 1 : 0;
