using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// The crash test: rounds of concurrent writes against a real server process that is killed with SIGKILL at
/// a random moment and restarted on the same data, each round checked against what the clients were told.
/// All rounds share one dataDir, and every earlier round's subtree must come back unchanged after each later
/// crash, so later recoveries (more log, more snapshots) are checked against older acknowledgements too.
/// </summary>
internal sealed partial class CrashScenario
{
    private readonly DurableServer server;
    private readonly CrashSettings settings;
    private readonly Action<string> log;
    private readonly List<string> problems = [];
    private readonly Dictionary<string, SortedDictionary<string, NodeState>> baselines = new(StringComparer.Ordinal);

    public CrashScenario(DurableServer server, CrashSettings settings, Action<string> log)
    {
        this.server = server;
        this.settings = settings;
        this.log = log;
    }

    /// <summary>Runs every round and a final clean restart; returns the problems found (empty when durable).</summary>
    public async Task<IReadOnlyList<string>> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(settings.Seed);
        await server.StartAsync();
        for (var round = 1; round <= settings.Rounds && problems.Count == 0; round++)
        {
            await RunRoundAsync(round, new Random(random.Next()));
        }

        if (problems.Count == 0)
        {
            // A clean stop and start must give back exactly the same trees as well.
            var code = await server.StopAsync();
            Check(code == 0, $"SIGTERM stop exited with {code}");
            await server.StartAsync();
            await using var reader = await WireClient.ConnectAsync(server.EndPoint, settings.SessionTimeoutMs);
            await CompareBaselinesAsync(reader, "after a clean restart");
            log($"clean restart: {RecoveryLine()}");
        }

        log($"{settings.Rounds} rounds in {clock.Elapsed.TotalSeconds:F1} s, {problems.Count} problems");
        return problems;
    }

    [GeneratedRegex(@"Recovered \d+ znodes at zxid 0x[0-9a-f]+ from .*? and \d+ logged txns in \d+ ms")]
    private static partial Regex RecoveredLine();

    private async Task RunRoundAsync(int round, Random random)
    {
        var root = string.Create(CultureInfo.InvariantCulture, $"/r{round}");
        var roundClock = Stopwatch.StartNew();
        var setup = await SetupAsync(root);

        // Which sessions will come back after the restart: at least one does and at least one does not.
        var resume = Enumerable.Range(0, settings.Sessions).Where(_ => random.Next(2) == 0).ToHashSet();
        resume.Add(0);
        resume.Remove(settings.Sessions - 1);

        // Load, and SIGKILL once a random number of writes have been acknowledged.
        var killAfter = random.Next(settings.Sessions * 5, settings.Sessions * settings.MaxOpsPerSession * 3 / 4);
        var acks = new AckTrigger(killAfter);
        var workers = new List<CrashSessionWorker>();
        for (var i = 0; i < settings.Sessions; i++)
        {
            var client = await WireClient.ConnectAsync(server.EndPoint, settings.SessionTimeoutMs);
            workers.Add(new CrashSessionWorker(i, round, root, random.Next(), client, acks, settings.SharedNodes, settings.MaxOpsPerSession, settings.PipelineDepth));
        }

        var load = Task.WhenAll(workers.Select(w => Task.Run(w.RunAsync)));
        await Task.WhenAny(acks.Reached, load, Task.Delay(TimeSpan.FromSeconds(60)));
        var ackedAtKill = acks.Count;
        server.Kill();
        await load.WaitAsync(TimeSpan.FromSeconds(60));
        var ops = setup.Concat(workers.SelectMany(w => w.Ops)).ToList();
        problems.AddRange(workers.SelectMany(w => w.Anomalies).Select(a => $"round {round}: {a}"));

        // Now and then the restarted server is killed again the moment it serves: right after recovery it is
        // usually writing the snapshot of the replayed log, so this crashes a snapshot half written.
        var doubleCrash = random.Next(3) == 0;
        if (doubleCrash)
        {
            await server.StartAsync();
            server.Kill();
        }

        var restartClock = Stopwatch.StartNew();
        await server.StartAsync();
        var restartMs = restartClock.ElapsedMilliseconds;
        var maxSeen = workers.Max(w => w.Client.LastZxidSeen);
        var lastZxid = await server.LastZxidAsync();
        Check(lastZxid >= maxSeen, $"round {round}: the server restarted at zxid 0x{lastZxid:x}, but clients had already seen 0x{maxSeen:x}");
        var resumed = await ResumeAsync(round, workers.Where(w => resume.Contains(w.Index)));

        // The recovered tree against what the clients were told, and every earlier round unchanged.
        await using var reader = await WireClient.ConnectAsync(server.EndPoint, settings.SessionTimeoutMs);
        var tree = await TreeReader.ReadAsync(reader, root);
        var verifier = new CrashVerifier(root, ops, workers.ToDictionary(w => w.Index, w => w.Client.SessionId), resumed.Keys.ToHashSet());
        problems.AddRange(verifier.VerifyRecoveredTree(tree).Select(p => $"round {round}: {p}"));
        await CompareBaselinesAsync(reader, $"after the crash of round {round}");

        var expiryMs = await CheckSessionExpiryAsync(round, root, reader, verifier, workers.First(w => !resume.Contains(w.Index)).Client);
        foreach (var client in resumed.Values)
        {
            await client.CloseSessionAsync();
        }

        foreach (var worker in workers)
        {
            await worker.Client.DisposeAsync();
        }

        await CheckSequenceContinuesAsync(round, root, reader);
        baselines[root] = await TreeReader.ReadAsync(reader, root);

        var unknown = ops.Count(o => o.Outcome == CrashOutcome.Unknown);
        var unknownApplied = ops.Count(o => o.Outcome == CrashOutcome.Unknown && o.Kind is CrashOpKind.Create or CrashOpKind.SetOwn
                                            && tree.TryGetValue(o.Writes[0].Path, out var n) && n.Data == o.Writes[0].Data);
        var maxAcked = ops.Where(o => o.Outcome == CrashOutcome.Acked).Max(o => o.Zxid);
        log(string.Create(
            CultureInfo.InvariantCulture,
            $"round {round}: {settings.Sessions} sessions sent {ops.Count - setup.Count} requests, {ops.Count(o => o.Outcome == CrashOutcome.Acked) - setup.Count} acknowledged (max zxid 0x{maxAcked:x}), "
            + $"{unknown} unanswered at the kill ({unknownApplied} of those visibly applied), {ops.Count(o => o.Outcome == CrashOutcome.Refused)} refused; "
            + $"SIGKILL after {ackedAtKill} acks{(doubleCrash ? " and again right after recovery" : string.Empty)}; restart {restartMs} ms: {RecoveryLine()}; "
            + $"{workers.Count - resumed.Count} abandoned sessions expired after {expiryMs} ms; {resumed.Count} resumed; round {roundClock.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>The round's skeleton, written and acknowledged before the load starts; recorded like any write.</summary>
    private async Task<List<CrashOp>> SetupAsync(string root)
    {
        var setup = new List<CrashOp>();
        await using var admin = await WireClient.ConnectAsync(server.EndPoint, settings.SessionTimeoutMs);
        var paths = new List<string> { root, root + "/seq", root + "/eph" };
        paths.AddRange(Enumerable.Range(0, settings.SharedNodes).Select(s => string.Create(CultureInfo.InvariantCulture, $"{root}/shared{s}")));
        foreach (var i in Enumerable.Range(0, settings.Sessions))
        {
            paths.Add(string.Create(CultureInfo.InvariantCulture, $"{root}/s{i}"));
            paths.Add(string.Create(CultureInfo.InvariantCulture, $"{root}/s{i}/mc"));
        }

        foreach (var path in paths)
        {
            var op = new CrashOp(-1, setup.Count, CrashOpKind.Create);
            op.Add(CrashWriteKind.Create, path, "setup", 0);
            var reply = await admin.CallAsync(OpCode.Create2, new CreateRequest(path, Encoding.UTF8.GetBytes("setup"), Acl.OpenAclUnsafe, (int)CreateMode.Persistent));
            if (reply.Err != ErrorCode.Ok)
            {
                throw new InvalidOperationException($"setup create {path} failed: {reply.Err}");
            }

            op.Zxid = reply.Zxid;
            op.Outcome = CrashOutcome.Acked;
            setup.Add(op);
        }

        return setup;
    }

    /// <summary>Resumes sessions with id, password and the last zxid they saw, well within their timeout.</summary>
    private async Task<Dictionary<int, WireClient>> ResumeAsync(int round, IEnumerable<CrashSessionWorker> workers)
    {
        var resumed = new Dictionary<int, WireClient>();
        foreach (var worker in workers)
        {
            try
            {
                resumed[worker.Index] = await WireClient.ConnectAsync(
                    server.EndPoint, settings.SessionTimeoutMs, worker.Client.SessionId, worker.Client.Password, worker.Client.LastZxidSeen);
            }
            catch (SessionRefusedException e)
            {
                problems.Add($"round {round}: session {worker.Index} (0x{worker.Client.SessionId:x}) could not resume after the restart: {e.Message}");
            }
        }

        return resumed;
    }

    /// <summary>
    /// Sessions that did not come back expire one timeout after recovery, and their ephemerals with them; the
    /// resumed ones keep theirs past that point; an expired session cannot be resumed. Returns the wait in ms.
    /// </summary>
    private async Task<long> CheckSessionExpiryAsync(int round, string root, WireClient reader, CrashVerifier verifier, WireClient abandoned)
    {
        var clock = Stopwatch.StartNew();
        var bound = TimeSpan.FromMilliseconds(settings.SessionTimeoutMs * 2) + TimeSpan.FromSeconds(15);
        var left = verifier.AbandonedEphemerals(await TreeReader.ReadAsync(reader, root + "/eph"));
        while (left.Count > 0 && clock.Elapsed < bound)
        {
            await Task.Delay(100);
            left = verifier.AbandonedEphemerals(await TreeReader.ReadAsync(reader, root + "/eph"));
        }

        var waited = clock.ElapsedMilliseconds;
        Check(left.Count == 0, $"round {round}: ephemerals of sessions that never came back are still there {bound.TotalSeconds} s after the restart: {string.Join(", ", left.Take(5))}");
        problems.AddRange(verifier.VerifyResumedEphemerals(await TreeReader.ReadAsync(reader, root + "/eph")).Select(p => $"round {round}: {p}"));
        try
        {
            await using var zombie = await WireClient.ConnectAsync(server.EndPoint, settings.SessionTimeoutMs, abandoned.SessionId, abandoned.Password, abandoned.LastZxidSeen);
            problems.Add($"round {round}: expired session 0x{abandoned.SessionId:x} was allowed to resume");
        }
        catch (SessionRefusedException)
        {
            // As it must be.
        }

        return waited;
    }

    /// <summary>Sequence numbers never go backwards: a create after recovery numbers past every node made before.</summary>
    private async Task CheckSequenceContinuesAsync(int round, string root, WireClient reader)
    {
        var sequential = await TreeReader.ReadAsync(reader, root + "/seq");
        var highest = sequential.Keys.Where(p => p != root + "/seq").Select(CrashVerifier.SequenceOf).DefaultIfEmpty(-1).Max();
        var next = await reader.CallAsync(OpCode.Create, new CreateRequest(root + "/seq/after-", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential));
        Check(next.Err == ErrorCode.Ok, $"round {round}: sequential create after recovery failed with {next.Err}");
        if (next.Err == ErrorCode.Ok)
        {
            var number = CrashVerifier.SequenceOf(next.Read<CreateResponse>().Path);
            Check(number > highest, $"round {round}: sequential create after recovery got {number}, not above the recovered {highest}");
        }
    }

    private string RecoveryLine()
    {
        var match = RecoveredLine().Match(server.Output);
        return match.Success ? match.Value : "(no recovery line in the log)";
    }

    private async Task CompareBaselinesAsync(WireClient reader, string when)
    {
        foreach (var (root, expected) in baselines)
        {
            var actual = await TreeReader.ReadAsync(reader, root);
            var differences = new List<string>();
            foreach (var (path, node) in expected)
            {
                if (!actual.TryGetValue(path, out var now))
                {
                    differences.Add($"{path} is gone (was {node})");
                }
                else if (now != node)
                {
                    differences.Add($"{path} changed from {node} to {now}");
                }
            }

            differences.AddRange(actual.Keys.Where(p => !expected.ContainsKey(p)).Select(p => $"{p} appeared ({actual[p]})"));
            problems.AddRange(differences.Take(20).Select(d => $"{when}: earlier round {root}: {d}"));
        }
    }

    private void Check(bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
