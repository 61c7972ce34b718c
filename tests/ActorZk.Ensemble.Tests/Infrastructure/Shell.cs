using System.Diagnostics;
using System.Text;

namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>The outcome of a finished command.</summary>
public sealed record CommandResult(int ExitCode, string Output, string Error)
{
    /// <summary>Output and error together, for messages.</summary>
    public string All => Output + Error;
}

/// <summary>Runs commands with a bound on their time; a command over its time is killed (with its children).</summary>
public static class Shell
{
    /// <summary>Runs a command and waits (bounded) for it to exit.</summary>
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <param name="stdin">Text written to its standard input, or null for none.</param>
    /// <returns>The exit code and the output.</returns>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, string? stdin = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {timeout}: {await output}{await error}");
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command that must succeed.</summary>
    /// <param name="file">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="timeout">How long it may run.</param>
    /// <returns>Its output.</returns>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var args = arguments.ToList();
        var result = await RunAsync(file, args, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {result.ExitCode}: {result.All}");
        }

        return result.Output;
    }

    /// <summary>Whether a program can be found on the PATH (or is an existing path).</summary>
    /// <param name="program">The program name or path.</param>
    /// <returns>True when it exists.</returns>
    public static bool Exists(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program);
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, program)));
    }

    /// <summary>Sends a signal to one process by PID.</summary>
    /// <param name="pid">The process.</param>
    /// <param name="signal">The signal name, for example STOP.</param>
    /// <returns>A task completing once kill returned.</returns>
    public static async Task SignalAsync(int pid, string signal)
    {
        var result = await RunAsync("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {pid} failed: {result.All}");
        }
    }

    /// <summary>Whether a process is alive (and not a zombie).</summary>
    /// <param name="pid">The process.</param>
    /// <returns>True when alive.</returns>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The last lines of a file, or a note that it is missing.</summary>
    /// <param name="path">The file.</param>
    /// <param name="lines">How many lines.</param>
    /// <returns>The text.</returns>
    public static string Tail(string path, int lines)
    {
        try
        {
            var all = File.ReadAllLines(path);
            var builder = new StringBuilder();
            foreach (var line in all.Skip(Math.Max(0, all.Length - lines)))
            {
                builder.AppendLine(line);
            }

            return builder.ToString();
        }
        catch (IOException)
        {
            return $"({path} missing)";
        }
    }
}
