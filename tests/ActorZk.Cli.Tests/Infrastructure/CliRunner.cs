using System.Diagnostics;
using System.Text;
using ActorZk.Cli.Terminal;

namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>Runs a shell: ActorZk.Cli in-process or as a process, or the real zkCli.sh, capturing its output.</summary>
internal static class CliRunner
{
    /// <summary>Where Debian's zkCli.sh is.</summary>
    public const string ZkCliPath = "/usr/share/zookeeper/bin/zkCli.sh";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs ActorZk.Cli in-process with <paramref name="args"/>, feeding <paramref name="stdin"/> as redirected input.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyList<string> args, string stdin = "", ITerminal? terminal = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var exitCode = await CliApplication.RunAsync(args, new CliConsole(input, output, error, terminal), TimeZoneInfo.Utc)
            .WaitAsync(ProcessTimeout);
        return new CliRun(output.ToString(), error.ToString(), exitCode);
    }

    /// <summary>Runs a script of commands, one per line, through ActorZk.Cli connected to <paramref name="hosts"/>.</summary>
    public static Task<CliRun> RunScriptAsync(string hosts, string script)
        => RunAsync(["-server", hosts], script);

    /// <summary>Runs ActorZk.Cli.dll as a child process (what <c>dotnet run</c> starts).</summary>
    public static Task<CliRun> RunProcessAsync(IReadOnlyList<string> args, string? stdin = null)
        => RunChildAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "ActorZk.Cli.dll"), .. args], stdin);

    /// <summary>Runs the real zkCli.sh.</summary>
    public static Task<CliRun> RunZkCliAsync(IReadOnlyList<string> args, string? stdin = null)
        => RunChildAsync(ZkCliPath, args, stdin);

    private static async Task<CliRun> RunChildAsync(string fileName, IReadOnlyList<string> args, string? stdin)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Both shells print times in the local zone; UTC makes the two runs comparable.
        start.Environment["TZ"] = "UTC";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(ProcessTimeout);
            await process.WaitForExitAsync(timeout.Token);
            return new CliRun(await output, await error, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
