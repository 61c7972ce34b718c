using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorZk.Ensemble.Tests.Infrastructure;

/// <summary>One member of an ensemble.</summary>
/// <param name="Id">Its myid (1-based).</param>
/// <param name="Host">Its address.</param>
/// <param name="ClientPort">Its client port.</param>
/// <param name="IsObserver">Whether it is an observer.</param>
public sealed record Member(int Id, string Host, int ClientPort, bool IsObserver)
{
    /// <summary>host:port.</summary>
    public string Address => $"{Host}:{ClientPort}";
}

/// <summary>
/// An ensemble of the target implementation, started through deploy/local/ensemble.sh in a temporary directory:
/// on free loopback ports, or (for partition tests) one member per network namespace. Every process it starts is
/// killed by PID when it is disposed, and the namespaces are deleted, whatever happened.
/// </summary>
public sealed class Ensemble : IAsyncDisposable
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(300);
    private static int counter;
    private readonly ITestOutputHelper output;
    private readonly string directory;
    private readonly int basePort;
    private readonly NetnsNetwork? network;
    private readonly HashSet<int> pids = [];
    private readonly HashSet<int> frozen = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private Ensemble(ITestOutputHelper output, string directory, int basePort, IReadOnlyList<Member> members, NetnsNetwork? network)
    {
        this.output = output;
        this.directory = directory;
        this.basePort = basePort;
        this.network = network;
        Members = members;
    }

    /// <summary>The members, in myid order.</summary>
    public IReadOnlyList<Member> Members { get; }

    /// <summary>The connect string naming every member.</summary>
    public string HostList => string.Join(',', Members.Select(m => m.Address));

    /// <summary>The tickTime the members run with.</summary>
    public static int TickTime => EnsembleTarget.TickTime;

    /// <summary>The server.N lines of member <paramref name="id"/>'s zoo.cfg, as ensemble.sh wrote them.</summary>
    /// <param name="id">The myid.</param>
    public IReadOnlyList<string> ServerLines(int id)
        => [.. File.ReadAllLines(Path.Combine(directory, id.ToString(CultureInfo.InvariantCulture), "zoo.cfg"))
            .Where(line => line.StartsWith("server.", StringComparison.Ordinal))];

    /// <summary>Member <paramref name="id"/> (1-based).</summary>
    /// <param name="id">The myid.</param>
    public Member this[int id] => Members[id - 1];

    /// <summary>Starts an ensemble and waits until every member serves.</summary>
    /// <param name="output">Where to log.</param>
    /// <param name="voters">Voting members.</param>
    /// <param name="observers">Observers.</param>
    /// <param name="netns">Whether to run each member in its own network namespace.</param>
    /// <returns>The running ensemble.</returns>
    /// <param name="extra">More zoo.cfg lines for every member.</param>
    public static async Task<Ensemble> StartAsync(ITestOutputHelper output, int voters, int observers = 0, bool netns = false, IEnumerable<string>? extra = null)
    {
        var count = voters + observers;
        NetnsNetwork? network = netns ? await NetnsNetwork.CreateAsync(count) : null;
        var basePort = netns ? 2181 : FreePortBlock();
        var dir = Path.Combine(Path.GetTempPath(), $"actorzk-ensemble-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}");
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }

        var members = Enumerable.Range(1, count)
            .Select(i => new Member(i, network?.Address(i) ?? "127.0.0.1", basePort + i - 1, i > voters))
            .ToList();
        var ensemble = new Ensemble(output, dir, basePort, members, network);
        var args = new List<string>
        {
            "start", "--voters", voters.ToString(CultureInfo.InvariantCulture), "--observers", observers.ToString(CultureInfo.InvariantCulture),
            "--impl", EnsembleTarget.Impl, "--tick-time", TickTime.ToString(CultureInfo.InvariantCulture),
            "--extra", "minSessionTimeout=" + (2 * TickTime).ToString(CultureInfo.InvariantCulture),
            "--extra", "maxClientCnxns=200",
        };
        foreach (var line in extra ?? [])
        {
            args.AddRange(["--extra", line]);
        }

        if (network is not null)
        {
            args.AddRange(["--hosts", string.Join(',', members.Select(m => m.Host)), "--netns", network.NamespacePrefix]);
        }

        try
        {
            var watch = Stopwatch.StartNew();
            await ensemble.ScriptAsync(args, check: true);
            ensemble.Log($"ensemble of {voters} voters + {observers} observers ({EnsembleTarget.Impl}, tickTime {TickTime} ms"
                         + $"{(netns ? ", one network namespace per member" : string.Empty)}) serving after {watch.ElapsedMilliseconds} ms: {ensemble.HostList}");
            return ensemble;
        }
        catch
        {
            await ensemble.DumpAsync();
            await ensemble.DisposeAsync();
            throw;
        }
    }

    /// <summary>Logs a line with the time since the ensemble started.</summary>
    /// <param name="line">The text.</param>
    public void Log(string line) => output.WriteLine($"[{clock.Elapsed.TotalSeconds,7:F2}s] {line}");

    /// <summary>Logs a measured timing and appends it to the results file, if one is named.</summary>
    /// <param name="line">For example "failover ms: 1234".</param>
    public void Report(string line)
    {
        Log(line);
        if (Environment.GetEnvironmentVariable(EnsembleTarget.ResultsVariable) is { Length: > 0 } file)
        {
            File.AppendAllText(file, $"{EnsembleTarget.Impl} {line}{Environment.NewLine}");
        }
    }

    /// <summary>The connect string of some members.</summary>
    /// <param name="ids">The members.</param>
    /// <returns>host:port,...</returns>
    public string HostsOf(params int[] ids) => string.Join(',', ids.Select(i => this[i].Address));

    /// <summary>Sends a four-letter word to a member (bounded to 5 s) and returns the answer, "" when none.</summary>
    /// <param name="id">The member.</param>
    /// <param name="word">The word.</param>
    /// <returns>The answer.</returns>
    public async Task<string> FourLetterWordAsync(int id, string word)
    {
        var member = this[id];
        if (network is not null)
        {
            // From inside the member's namespace, so that a partitioned member can still be asked.
            var result = await network.ExecAsync(id, ["timeout", "5", "nc", "-w", "3", member.Host, member.ClientPort.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(15), word);
            return result.Output;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Parse(member.Host), member.ClientPort, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(word), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return string.Empty;
        }
    }

    /// <summary>A member's mode from srvr: leader, follower, observer, standalone, "not serving" or "down".</summary>
    /// <param name="id">The member.</param>
    /// <returns>The mode.</returns>
    public async Task<string> ModeAsync(int id)
    {
        if (Pid(id) is not { } pid || !Shell.IsAlive(pid))
        {
            return "down";
        }

        if (IsFrozen(id))
        {
            // It cannot answer; asking would only cost the 5 s bound.
            return "frozen";
        }

        var answer = await FourLetterWordAsync(id, "srvr");
        var line = answer.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("Mode:", StringComparison.Ordinal));
        return line is null ? "not serving" : line["Mode:".Length..].Trim();
    }

    /// <summary>Every member's mode.</summary>
    /// <returns>id -> mode.</returns>
    public async Task<IReadOnlyDictionary<int, string>> ModesAsync()
    {
        var modes = new SortedDictionary<int, string>();
        foreach (var member in Members)
        {
            modes[member.Id] = await ModeAsync(member.Id);
        }

        return modes;
    }

    /// <summary>Formats modes for the log.</summary>
    /// <param name="modes">id -> mode.</param>
    /// <returns>"1=leader 2=follower ...".</returns>
    public static string Format(IReadOnlyDictionary<int, string> modes) => string.Join(' ', modes.Select(p => $"{p.Key}={p.Value}"));

    /// <summary>Waits until a member's mode satisfies a condition.</summary>
    /// <param name="id">The member.</param>
    /// <param name="accept">The condition.</param>
    /// <param name="timeout">The bound.</param>
    /// <param name="what">What is awaited, for the message.</param>
    /// <returns>The mode.</returns>
    public async Task<string> WaitModeAsync(int id, Func<string, bool> accept, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        var mode = string.Empty;
        while (deadline.Elapsed < timeout)
        {
            mode = await ModeAsync(id);
            if (accept(mode))
            {
                return mode;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"member {id} not {what} within {timeout} (mode: {mode})");
    }

    /// <summary>Waits until a member serves (leader, follower, observer or standalone).</summary>
    /// <param name="id">The member.</param>
    /// <param name="timeout">The bound.</param>
    /// <returns>The mode.</returns>
    public Task<string> WaitServingAsync(int id, TimeSpan timeout) => WaitModeAsync(id, IsServing, timeout, "serving");

    /// <summary>Whether a mode is a serving one.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns>True for leader, follower, observer, standalone.</returns>
    public static bool IsServing(string mode) => mode is "leader" or "follower" or "observer" or "standalone";

    /// <summary>
    /// Waits until exactly one member is leader and every member in <paramref name="mustServe"/> (default: every
    /// running member) serves; returns the leader's id.
    /// </summary>
    /// <param name="timeout">The bound.</param>
    /// <param name="mustServe">Members that must serve too.</param>
    /// <returns>The leader.</returns>
    public async Task<int> WaitForLeaderAsync(TimeSpan timeout, IEnumerable<int>? mustServe = null)
    {
        var deadline = Stopwatch.StartNew();
        IReadOnlyDictionary<int, string> modes = new Dictionary<int, string>();
        while (deadline.Elapsed < timeout)
        {
            modes = await ModesAsync();
            var leaders = modes.Where(p => p.Value == "leader").Select(p => p.Key).ToList();
            var required = mustServe?.ToList() ?? modes.Where(p => p.Value != "down").Select(p => p.Key).ToList();
            if (leaders.Count == 1 && required.All(i => IsServing(modes[i])))
            {
                return leaders[0];
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no single leader with every member serving within {timeout}: {Format(modes)}");
    }

    /// <summary>The member whose connections include a session (from the cons four-letter word), or null.</summary>
    /// <param name="sessionId">The session.</param>
    /// <returns>The member's id, or null.</returns>
    public async Task<int?> MemberHoldingSessionAsync(long sessionId)
    {
        var needle = $"sid=0x{sessionId:x}";
        var live = Members.Where(m => !IsFrozen(m.Id) && Pid(m.Id) is { } pid && Shell.IsAlive(pid)).ToList();
        var answers = await Task.WhenAll(live.Select(m => FourLetterWordAsync(m.Id, "cons")));
        var holder = answers.Select((a, k) => (a, k)).FirstOrDefault(p => p.a.Contains(needle, StringComparison.OrdinalIgnoreCase));
        return holder.a is null ? null : live[holder.k].Id;
    }

    /// <summary>
    /// SIGKILLs a member by PID (what ensemble.sh kill does, without a shell's start-up time in the measurement) and
    /// waits until the process is gone.
    /// </summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once the process is gone.</returns>
    public async Task KillAsync(int id)
    {
        var pid = Pid(id) ?? throw new InvalidOperationException($"member {id} is not running");
        await Shell.SignalAsync(pid, "KILL");
        var watch = Stopwatch.StartNew();
        while (Shell.IsAlive(pid))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"member {id} (pid {pid}) survived SIGKILL for 10 s");
            }

            await Task.Delay(5);
        }

        File.Delete(Path.Combine(directory, id.ToString(CultureInfo.InvariantCulture), "pid"));
        lock (frozen)
        {
            // A frozen member that is killed is not frozen any more once it starts again.
            frozen.Remove(id);
        }

        Log($"killed member {id} (SIGKILL, pid {pid})");
    }

    /// <summary>SIGKILLs a member through ensemble.sh kill.</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once the process is gone.</returns>
    public async Task KillWithScriptAsync(int id)
    {
        var pid = Pid(id);
        await ScriptAsync(["kill", id.ToString(CultureInfo.InvariantCulture)], check: true);
        Log($"killed member {id} with ensemble.sh (SIGKILL, pid {pid})");
    }

    /// <summary>SIGTERMs a member and waits for it to exit (ensemble.sh stop).</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once it exited.</returns>
    public async Task StopAsync(int id)
    {
        await ScriptAsync(["stop", id.ToString(CultureInfo.InvariantCulture)], check: true);
        Log($"stopped member {id} (SIGTERM)");
    }

    /// <summary>Starts a member again with its data (ensemble.sh start I).</summary>
    /// <param name="id">The member.</param>
    /// <param name="waitServing">Whether to wait until it serves (it cannot without a quorum).</param>
    /// <returns>A task completing once it runs (and serves).</returns>
    public async Task StartMemberAsync(int id, bool waitServing = true)
    {
        await ScriptAsync(["start", id.ToString(CultureInfo.InvariantCulture), "--wait", waitServing ? "120" : "0"], check: true);
        Log($"started member {id} (pid {Pid(id)}){(waitServing ? ", serving" : string.Empty)}");
    }

    /// <summary>SIGSTOPs a member and waits until every thread of it is stopped.</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once it is frozen.</returns>
    public Task FreezeAsync(int id) => SignalAndWaitAsync(id, "STOP", stopped: true);

    /// <summary>SIGCONTs a frozen member.</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once it runs again.</returns>
    public Task ThawAsync(int id) => SignalAndWaitAsync(id, "CONT", stopped: false);

    /// <summary>Cuts a member off the network (netns ensembles only).</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once its link is down.</returns>
    public async Task PartitionAsync(int id)
    {
        await (network ?? throw new InvalidOperationException("only an ensemble started with netns can be partitioned")).PartitionAsync(id);
        Log($"partitioned member {id} (link {network.HostLink(id)} down)");
    }

    /// <summary>Connects a partitioned member again.</summary>
    /// <param name="id">The member.</param>
    /// <returns>A task completing once its link is up.</returns>
    public async Task HealAsync(int id)
    {
        await (network ?? throw new InvalidOperationException("only an ensemble started with netns can be healed")).HealAsync(id);
        Log($"healed member {id} (link {network.HostLink(id)} up)");
    }

    /// <summary>The pid of a running member, from its pid file, or null.</summary>
    /// <param name="id">The member.</param>
    /// <returns>The pid.</returns>
    public int? Pid(int id)
    {
        try
        {
            var pid = int.Parse(File.ReadAllText(Path.Combine(directory, id.ToString(CultureInfo.InvariantCulture), "pid")).Trim(), CultureInfo.InvariantCulture);
            lock (pids)
            {
                pids.Add(pid);
            }

            return pid;
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Where member <paramref name="id"/> logs: Apache ZooKeeper to zookeeper.log, ActorZk to its stdout.</summary>
    private string LogPath(int id)
    {
        var dir = Path.Combine(directory, id.ToString(CultureInfo.InvariantCulture));
        var zookeeperLog = Path.Combine(dir, "zookeeper.log");
        return File.Exists(zookeeperLog) ? zookeeperLog : Path.Combine(dir, "stdout.log");
    }

    /// <summary>Everything member <paramref name="id"/> has logged so far (all of its runs).</summary>
    /// <param name="id">The member.</param>
    /// <returns>The log text.</returns>
    public string LogText(int id)
    {
        var log = LogPath(id);
        if (!File.Exists(log))
        {
            return string.Empty;
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Logs ensemble.sh status and the end of every member's log.</summary>
    /// <returns>A task completing once logged.</returns>
    public async Task DumpAsync()
    {
        try
        {
            Log("status:\n" + (await ScriptAsync(["status"], check: false)).All);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Log($"status failed: {e.Message}");
        }

        foreach (var member in Members)
        {
            var log = LogPath(member.Id);
            Log($"--- member {member.Id}: last lines of {log}\n{Shell.Tail(log, 25)}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            Pid(member.Id);
        }

        int[] all;
        lock (pids)
        {
            all = [.. pids];
        }

        foreach (var pid in all)
        {
            // Only a process of this ensemble: its command line names this ensemble's directory.
            if (Shell.IsAlive(pid) && ReadCommandLine(pid).Contains(directory, StringComparison.Ordinal))
            {
                await Shell.RunAsync("kill", ["-s", "KILL", pid.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            }
        }

        // Not our children (ensemble.sh started them under setsid), so poll /proc rather than wait.
        var watch = Stopwatch.StartNew();
        while (all.Any(Shell.IsAlive) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }

        if (network is not null)
        {
            await network.DisposeAsync();
        }

        if (Environment.GetEnvironmentVariable(EnsembleTarget.KeepVariable) is { Length: > 0 })
        {
            output.WriteLine($"kept {directory}");
        }
        else
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open; the directory is under /tmp anyway.
            }
        }
    }

    private bool IsFrozen(int id)
    {
        lock (frozen)
        {
            return frozen.Contains(id);
        }
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private async Task SignalAndWaitAsync(int id, string signal, bool stopped)
    {
        var pid = Pid(id) ?? throw new InvalidOperationException($"member {id} is not running");
        await Shell.SignalAsync(pid, signal);
        var watch = Stopwatch.StartNew();
        while (!ActorZk.TestSupport.ProcessThreads.AllInState(pid, stopped))
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException($"member {id} (pid {pid}) did not {(stopped ? "stop" : "resume")}");
            }

            await Task.Delay(10);
        }

        lock (frozen)
        {
            if (stopped)
            {
                frozen.Add(id);
            }
            else
            {
                frozen.Remove(id);
            }
        }

        Log($"{(stopped ? "froze" : "thawed")} member {id} (SIG{signal}, pid {pid})");
    }

    private async Task<CommandResult> ScriptAsync(IEnumerable<string> arguments, bool check)
    {
        var args = arguments.Concat(["--dir", directory, "--base-port", basePort.ToString(CultureInfo.InvariantCulture)]).ToList();
        var result = await Shell.RunAsync(EnsembleTarget.Script, args, ScriptTimeout);
        foreach (var member in Members)
        {
            Pid(member.Id);
        }

        if (check && result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ensemble.sh {string.Join(' ', args)} exited with {result.ExitCode}: {result.All}");
        }

        return result;
    }

    /// <summary>A base port B such that B..B+89 are free on 127.0.0.1 (ensemble.sh uses B+i-1, B+30+i-1, B+60+i-1).</summary>
    private static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var basePort = 20000 + (Random.Shared.Next(0, 300) * 100);
            var listeners = new List<TcpListener>();
            try
            {
                for (var port = basePort; port < basePort + 90; port++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, port);
                    listener.Start();
                    listeners.Add(listener);
                }

                return basePort;
            }
            catch (SocketException)
            {
                // Taken; try another block.
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                }
            }
        }

        throw new InvalidOperationException("no free block of 90 loopback ports");
    }
}
