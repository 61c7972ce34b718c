using System.Text.RegularExpressions;

namespace ActorZk.Cli.Tests.Infrastructure;

/// <summary>What one run of a shell printed, and its exit status.</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Err">Standard error.</param>
/// <param name="ExitCode">The exit status.</param>
internal sealed partial record CliRun(string Out, string Err, int ExitCode)
{
    /// <summary>Standard output with the run-dependent parts replaced (see <see cref="Normalize"/>).</summary>
    public string NormalizedOut(int port) => Normalize(Out, port);

    /// <summary>Standard error with the run-dependent parts replaced, and the Java client's SLF4J noise removed.</summary>
    public string NormalizedErr(int port) => Normalize(string.Concat(Err.Split('\n').Where(l => !l.StartsWith("SLF4J:", StringComparison.Ordinal)).Select(l => l + "\n"))[..^1], port);

    /// <summary>
    /// Standard output normalized, without the SyncConnected event of the first connection: zkCli prints it from its
    /// event thread, so where it lands relative to the banner is a race in zkCli (ActorZk.Cli prints it in a fixed
    /// place, which the scenario tests check).
    /// </summary>
    public string NormalizedOutWithoutConnectEvent(int port)
    {
        const string connected = "\nWATCHER::\n\nWatchedEvent state:SyncConnected type:None path:null\n";
        var text = NormalizedOut(port);
        var at = text.IndexOf(connected, StringComparison.Ordinal);
        return at < 0 ? text : text.Remove(at, connected.Length);
    }

    /// <summary>
    /// Replaces what differs between servers and runs: the port by PORT, zxids by 0xZXID, a non-zero session id
    /// by 0xSESSION, Java dates by DATE (after checking their shape), CRLF by LF.
    /// </summary>
    public static string Normalize(string text, int port)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace(":" + port, ":PORT", StringComparison.Ordinal);
        text = Zxid().Replace(text, "$1 = 0xZXID");
        text = Owner().Replace(text, "ephemeralOwner = 0xSESSION");
        return JavaDate().Replace(text, "DATE");
    }

    [GeneratedRegex("(cZxid|mZxid|pZxid) = 0x[0-9a-f]+")]
    private static partial Regex Zxid();

    [GeneratedRegex("ephemeralOwner = 0x[1-9a-f][0-9a-f]*")]
    private static partial Regex Owner();

    [GeneratedRegex("(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [A-Z][A-Za-z0-9:+-]* [0-9]{4}")]
    private static partial Regex JavaDate();
}
