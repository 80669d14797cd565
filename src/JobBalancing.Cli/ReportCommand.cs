using System.CommandLine;
using JobBalancing.Domain;
using JobBalancing.IO;
using JobBalancing.Reports;

namespace JobBalancing.Cli;

/// <summary>
/// <c>jobbalancing report RESULT.json [--format md|csv] [--out FILE]</c>: a result as people read it. The result file
/// carries its workplace (<c>input</c>, written by <c>solve</c>), so no other file is needed.
/// </summary>
internal sealed class ReportCommand(TextWriter stdout, TextWriter stderr)
{
    private readonly Argument<string> _result = new("result")
    {
        Description = $"The result JSON ({ResultJson.FormatName}) that 'jobbalancing solve --out' wrote.",
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "md: a Markdown report with a balance statement per worker; csv: a row per worker and task.",
        DefaultValueFactory = _ => "md",
    };

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Write the report to this file instead of the standard output.",
        HelpName = "file",
        Validators = { static result => OutputFile.Check(result, "report") },
    };

    public Command Build()
    {
        _format.AcceptOnlyFromAmong("md", "csv");
        var command = new Command("report", "Report on a result as Markdown or CSV. Exit code 0: written; 1: the result has no plan (csv); 2: invalid input.")
        {
            _result,
            _format,
            _out,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(_result)!, parseResult.GetValue(_format)!, parseResult.GetValue(_out)));
        return command;
    }

    private int Run(string path, string format, string? outPath)
    {
        ResultFile file;
        try
        {
            file = ResultJson.Read(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            InputFile.ReportUnreadable(stderr, path, e);
            return ExitCodes.InvalidInput;
        }
        catch (InvalidWorkplaceException e)
        {
            WorkplaceInput.Report(stderr, e.Problems);
            return ExitCodes.InvalidInput;
        }

        string report;
        if (format == "csv")
        {
            if (file.Result.Plan is not { } plan)
            {
                stderr.WriteLine($"{file.Result.Status}: the result has no plan to tabulate. {file.Result.Explanation}".TrimEnd());
                return ExitCodes.NoPlan;
            }

            report = PlanReport.Csv(file.Workplace, plan);
        }
        else
        {
            report = PlanReport.Markdown(file.Workplace, file.Result);
        }

        if (outPath is null)
        {
            stdout.Write(report);
            return ExitCodes.Success;
        }

        return OutputFile.TryWrite(outPath, report, stderr) ? ExitCodes.Success : ExitCodes.InvalidInput;
    }
}
