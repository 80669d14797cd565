using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace JobBalancing.Cli.Notebooks;

/// <summary>
/// Runs a notebook's code cells as one .NET 10 file-based app (<see cref="NotebookProgram"/>) with <c>dotnet run</c>,
/// in the notebook's folder, so that cells name data files relative to the notebook.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>The library project, relative to the repository's root.</summary>
    public static readonly string LibraryProjectPath = Path.Combine("src", "JobBalancing", "JobBalancing.csproj");

    /// <summary>Runs the cells; never throws for a failing cell, which the result reports.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="notebookPath">Where the notebook is: its folder is the working directory of the cells.</param>
    /// <param name="libraryProject">The absolute path of <c>JobBalancing.csproj</c>, which the app references.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static NotebookRun Run(NotebookFile notebook, string notebookPath, string libraryProject, CancellationToken cancellationToken)
    {
        var cells = notebook.CodeCells;
        if (cells.Count == 0)
        {
            return new NotebookRun([], null);
        }

        var fullPath = Path.GetFullPath(notebookPath);

        // The same notebook gets the same app file each time, so that dotnet builds it again only when a cell changed;
        // the token depends on the cells only, for the same reason.
        var key = Hash(fullPath);
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "jobbalancing-notebooks", key)).FullName;
        var appPath = Path.Combine(folder, AppName(fullPath) + ".cs");
        var token = "jbnb-" + Hash(string.Join("\n\u001e", cells) + libraryProject);
        var source = NotebookProgram.Generate(cells, libraryProject, token);
        if (!File.Exists(appPath) || File.ReadAllText(appPath) != source)
        {
            AtomicFile.WriteAllText(appPath, source);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(fullPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(appPath);
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using (cancellationToken.Register(() => process.Kill(entireProcessTree: true)))
        {
            process.WaitForExit();
        }

        cancellationToken.ThrowIfCancellationRequested();
        return NotebookOutputParser.Parse(stdout.Result, stderr.Result, process.ExitCode, cells.Count, token);
    }

    /// <summary>
    /// The library project of the repository that holds <paramref name="notebookPath"/>, or else of the one this tool
    /// was built in; <see langword="null"/> when neither has one.
    /// </summary>
    public static string? FindLibraryProject(string notebookPath)
    {
        foreach (var start in new[] { Path.GetDirectoryName(Path.GetFullPath(notebookPath)), AppContext.BaseDirectory })
        {
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var project = Path.Combine(folder.FullName, LibraryProjectPath);
                if (File.Exists(project))
                {
                    return project;
                }
            }
        }

        return null;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>The notebook's name as an app name: letters, digits and dashes.</summary>
    private static string AppName(string notebookPath)
    {
        var name = new string([.. Path.GetFileNameWithoutExtension(notebookPath).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : "notebook-" + name;
    }
}
