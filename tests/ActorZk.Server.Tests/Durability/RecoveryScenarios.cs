using System.Globalization;
using System.Text.RegularExpressions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// Restart scenarios against the real server process, written once and run on each store
/// (<see cref="RecoveryTests"/> on SQLite, <see cref="PostgresRecoveryTests"/> on PostgreSQL).
/// </summary>
internal static partial class RecoveryScenarios
{
    /// <summary>
    /// The tree (data and every Stat field) is the same after a restart, whether the server was stopped or
    /// killed, and the zxid counter continues: the first txn after the restart gets the next zxid.
    /// </summary>
    public static async Task RestartKeepsTheTreeAndTheZxidCounterAsync(DurableServer server, bool kill)
    {
        await server.StartAsync();
        await using (var client = await WireClient.ConnectAsync(server.EndPoint, 4000))
        {
            await client.CreateAsync("/app", "config");
            await client.CreateAsync("/app/a", "a0");
            await client.CreateAsync("/app/b", "b0");
            for (var i = 0; i < 3; i++)
            {
                await client.CreateAsync("/app/seq-", $"s{i}", CreateMode.PersistentSequential);
            }

            await client.SetDataAsync("/app/a", "a1", 0);
            await client.SetDataAsync("/app/a", "a2", 1);
            await client.MultiAsync(
                MultiOp.Create(new CreateRequest("/app/m", "m"u8.ToArray(), Acl.OpenAclUnsafe, 0)),
                MultiOp.SetData(new SetDataRequest("/app/b", "b1"u8.ToArray(), 0)),
                MultiOp.Delete(new DeleteRequest("/app/a", 2)));
            await client.CreateAsync("/app/c", "c0", CreateMode.Container);
            await client.CreateAsync("/app/c/x", "x0");
            await client.CloseSessionAsync();
        }

        var before = await ReadAllAsync(server);
        var zxidBefore = await server.LastZxidAsync();

        if (kill)
        {
            server.Kill();
        }
        else
        {
            Assert.Equal(0, await server.StopAsync());
        }

        await server.StartAsync();
        Assert.Equal(zxidBefore, await server.LastZxidAsync());
        Assert.Equal(Describe(before), Describe(await ReadAllAsync(server)));

        await using var after = await WireClient.ConnectAsync(server.EndPoint, 4000);
        var zxidNow = await server.LastZxidAsync();
        Assert.True(zxidNow > zxidBefore, $"the new session's createSession got no zxid past 0x{zxidBefore:x}");
        var (_, createZxid) = await after.CreateAsync("/after", "x");
        Assert.Equal(zxidNow + 1, createZxid);
        var (sequential, _) = await after.CreateAsync("/app/seq-", "s3", CreateMode.PersistentSequential);
        var highest = before.Keys.Where(p => p.StartsWith("/app/seq-", StringComparison.Ordinal)).Max(CrashVerifier.SequenceOf);
        Assert.True(CrashVerifier.SequenceOf(sequential) > highest, $"{sequential} does not number past {highest}");
    }

    /// <summary>
    /// A session that comes back with its id and password within its timeout keeps its ephemerals and works on;
    /// one that does not is expired one timeout after recovery, its ephemerals removed, and cannot come back.
    /// </summary>
    public static async Task SessionsResumeOrExpireAcrossARestartAsync(DurableServer server)
    {
        await server.StartAsync();
        var stays = await WireClient.ConnectAsync(server.EndPoint, 9000);
        var leaves = await WireClient.ConnectAsync(server.EndPoint, 3000);
        await stays.CreateAsync("/stays", "s", CreateMode.Ephemeral);
        await leaves.CreateAsync("/leaves", "l", CreateMode.Ephemeral);
        await leaves.CreateAsync("/kept", "persistent");
        server.Kill();
        await stays.DisposeAsync();
        await leaves.DisposeAsync();

        await server.StartAsync();
        await using var resumed = await WireClient.ConnectAsync(server.EndPoint, 9000, stays.SessionId, stays.Password, stays.LastZxidSeen);
        Assert.Equal(stays.SessionId, resumed.SessionId);
        await using var reader = await WireClient.ConnectAsync(server.EndPoint, 9000);

        // Right after recovery both sessions are alive: each got a full timeout from the recovery on.
        Assert.Equal(leaves.SessionId, (await reader.ExistsAsync("/leaves"))?.EphemeralOwner);

        var expired = await PollAsync(async () => await reader.ExistsAsync("/leaves") is null, TimeSpan.FromSeconds(20));
        Assert.True(expired, "the ephemeral of the session that never came back is still there 20 s after the restart");
        Assert.Equal(stays.SessionId, (await reader.ExistsAsync("/stays"))?.EphemeralOwner);
        Assert.NotNull(await reader.ExistsAsync("/kept"));

        // The resumed session works on; the expired one is refused.
        await resumed.CreateAsync("/stays2", "s2", CreateMode.Ephemeral);
        await Assert.ThrowsAsync<SessionRefusedException>(
            () => WireClient.ConnectAsync(server.EndPoint, 3000, leaves.SessionId, leaves.Password, leaves.LastZxidSeen));
        await resumed.CloseSessionAsync();
        Assert.Null(await reader.ExistsAsync("/stays"));
        Assert.Null(await reader.ExistsAsync("/stays2"));
    }

    /// <summary>
    /// With snapCount=50, hundreds of writes leave snapshots behind; a killed server recovers from the newest
    /// snapshot plus exactly the txns logged after it, to the identical tree.
    /// </summary>
    public static async Task RecoveryStartsFromTheSnapshotAndReplaysTheTailAsync(DurableServer server)
    {
        await server.StartAsync();
        await using (var client = await WireClient.ConnectAsync(server.EndPoint, 9000))
        {
            await client.CreateAsync("/load", string.Empty);

            // Pipelined, so that the load is group-committed; the session's order keeps every version right.
            var replies = new List<Task<WireReply>>();
            for (var i = 0; i < 400; i++)
            {
                replies.Add(await client.SendAsync(
                    i % 4 == 3 ? OpCode.Multi : i % 4 == 2 ? OpCode.SetData : OpCode.Create,
                    (i % 4) switch
                    {
                        0 or 1 => new CreateRequest($"/load/n{i}", System.Text.Encoding.UTF8.GetBytes($"d{i}"), Acl.OpenAclUnsafe, 0),
                        2 => new SetDataRequest($"/load/n{i - 2}", System.Text.Encoding.UTF8.GetBytes($"d{i}"), 0),
                        _ => new MultiRequest(
                        [
                            MultiOp.Create(new CreateRequest($"/load/q{i}-", [], Acl.OpenAclUnsafe, (int)CreateMode.PersistentSequential)),
                            MultiOp.Delete(new DeleteRequest($"/load/n{i - 2}", 0)),
                        ]),
                    }));
            }

            foreach (var reply in replies)
            {
                Assert.Equal(ErrorCode.Ok, (await reply.WaitAsync(TimeSpan.FromSeconds(60))).Err);
            }

            // Write one by one until the next snapshot shows in the log, then leave a short tail after it.
            var handedBefore = CountLines(server, "handed to the log");
            for (var i = 0; CountLines(server, "handed to the log") == handedBefore; i++)
            {
                Assert.True(i < 200, $"no snapshot after {i} more txns at snapCount=50:\n{server.Output}");
                await client.SetDataAsync("/load", "tick");
            }

            for (var i = 0; i < 5; i++)
            {
                await client.SetDataAsync("/load", "tail");
            }

            await client.CloseSessionAsync();
        }

        var before = await ReadAllAsync(server);
        var zxid = await server.LastZxidAsync();

        // Every snapshot handed to the log is stored before the kill, so recovery must use the newest.
        var saved = await PollAsync(
            () => Task.FromResult(CountLines(server, "Saved a snapshot") >= CountLines(server, "handed to the log")),
            TimeSpan.FromSeconds(30));
        Assert.True(saved, $"not every snapshot handed to the log was saved within 30 s:\n{server.Output}");
        var snapshotZxid = LastHandedSnapshotZxid(server);

        server.Kill();
        await server.StartAsync();

        var line = RecoveredLine().Match(server.Output);
        Assert.True(line.Success, $"no recovery line:\n{server.Output}");
        var nodes = int.Parse(line.Groups["nodes"].Value, CultureInfo.InvariantCulture);
        var recoveredZxid = Hex(line.Groups["zxid"].Value);
        var fromSnapshot = Hex(line.Groups["snap"].Value);
        var txns = int.Parse(line.Groups["txns"].Value, CultureInfo.InvariantCulture);

        Assert.Equal(zxid, recoveredZxid);
        Assert.Equal(snapshotZxid, fromSnapshot);
        Assert.Equal(zxid - snapshotZxid, txns);
        Assert.InRange(txns, 1, 60);

        // The count includes the root's "" alias, which no read shows.
        Assert.Equal(before.Count + 1, nodes);
        Assert.Equal(Describe(before), Describe(await ReadAllAsync(server)));
    }

    /// <summary>Every node of the server's tree, read by a short-lived session that is closed afterwards.</summary>
    public static async Task<SortedDictionary<string, NodeState>> ReadAllAsync(DurableServer server)
    {
        var reader = await WireClient.ConnectAsync(server.EndPoint, 4000);
        var tree = await TreeReader.ReadAsync(reader, "/");
        await reader.CloseSessionAsync();
        return tree;
    }

    /// <summary>One line per node, so that a difference shows as a readable diff.</summary>
    public static string Describe(SortedDictionary<string, NodeState> tree)
        => string.Join('\n', tree.Select(e => $"{e.Key}: {e.Value}"));

    public static async Task<bool> PollAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    [GeneratedRegex(@"Recovered (?<nodes>\d+) znodes at zxid 0x(?<zxid>[0-9a-f]+) from the snapshot at zxid 0x(?<snap>[0-9a-f]+) and (?<txns>\d+) logged txns")]
    private static partial Regex RecoveredLine();

    // The zxid a snapshot is labelled with (a fuzzy snapshot may also hold some txns after it; they replay).
    [GeneratedRegex(@"Snapshot of \d+ znodes (?:at|labelled) zxid 0x(?<zxid>[0-9a-f]+) handed to the log")]
    private static partial Regex HandedLine();

    private static long LastHandedSnapshotZxid(DurableServer server)
    {
        var matches = HandedLine().Matches(server.Output);
        return matches.Count == 0 ? 0 : Hex(matches[^1].Groups["zxid"].Value);
    }

    private static int CountLines(DurableServer server, string fragment)
        => server.Output.Split('\n').Count(l => l.Contains(fragment, StringComparison.Ordinal));

    private static long Hex(string text) => long.Parse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
