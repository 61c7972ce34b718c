using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using ActorZk.Client;
using ActorZk.Client.Exceptions;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Linearizability.Znodes;

/// <summary>
/// Drives concurrent ZooKeeper clients doing create, setData (with and without expected version), delete (likewise),
/// sync+getData and plain getData on a few znodes, and records the history for <see cref="ZooKeeperChecks"/>.
/// Requests go through <see cref="ZooKeeperClient.SendAsync"/> so the reply header zxid is recorded. Tolerates faults:
/// a request that fails with a connection loss, timeout or any error other than NoNode, NodeExists and BadVersion
/// is recorded as indeterminate; a client whose session expires or cannot connect keeps trying with a new session
/// until the duration is up. Each session is recorded under its session id.
/// </summary>
/// <param name="options">The settings.</param>
[SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Seeded choices of a test workload.")]
public sealed class ZooKeeperWorkload(ZooKeeperWorkloadOptions options)
{
    /// <summary>The full paths the clients use.</summary>
    public IReadOnlyList<string> Paths { get; } = [.. Enumerable.Range(0, options.Paths).Select(i => $"{options.Root}/k{i}")];

    /// <summary>Runs the workload and returns what happened.</summary>
    /// <param name="cancellationToken">Stops starting operations early.</param>
    /// <returns>The history (operations still unanswered at the end are indeterminate).</returns>
    /// <exception cref="TimeoutException">The root znode could not be created within the duration.</exception>
    public async Task<History<ZkInput, ZkOutput>> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ConnectionStrings.Count, 1, nameof(options));
        var deadline = DateTime.UtcNow + options.Duration;
        await CreateRootAsync(deadline, cancellationToken);
        var recorder = new HistoryRecorder<ZkInput, ZkOutput>();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(i => Task.Run(() => RunClientAsync(i, recorder, deadline, cancellationToken), CancellationToken.None)));
        return recorder.ToHistory(string.Create(CultureInfo.InvariantCulture, $"ZooKeeperWorkload seed={options.Seed} clients={options.Clients} ops={options.OperationsPerClient} root={options.Root} servers={string.Join(" | ", options.ConnectionStrings)}"));
    }

    private async Task CreateRootAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await using var zk = await ConnectAsync(0, cancellationToken);
                var reply = await zk.SendAsync(OpCode.Create, new CreateRequest(options.Root, null, Acl.OpenAclUnsafe, 0), cancellationToken);
                if (reply.Error is ErrorCode.Ok or ErrorCode.NodeExists)
                {
                    return;
                }
            }
            catch (Exception e) when (e is KeeperException or TimeoutException or IOException)
            {
                // An ensemble under fault injection may refuse for a while; retry until the deadline.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"could not create {options.Root}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private Task<ZooKeeperClient> ConnectAsync(int client, CancellationToken cancellationToken)
        => ZooKeeperClient.ConnectAsync(
            options.ConnectionStrings[client % options.ConnectionStrings.Count],
            new ZooKeeperClientOptions
            {
                SessionTimeout = options.SessionTimeout,
                RequestTimeout = options.RequestTimeout,
                ConnectTimeout = options.ConnectTimeout,
                ReconnectDelay = TimeSpan.FromMilliseconds(100),
            },
            cancellationToken);

    private async Task RunClientAsync(int client, HistoryRecorder<ZkInput, ZkOutput> recorder, DateTime deadline, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed + client);
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        ZooKeeperClient? zk = null;
        try
        {
            for (var n = 0; n < options.OperationsPerClient && DateTime.UtcNow < deadline && !cancellationToken.IsCancellationRequested;)
            {
                if (zk is null || zk.State is ConnectionState.Expired or ConnectionState.Closed or ConnectionState.AuthFailed)
                {
                    if (zk is not null)
                    {
                        await zk.DisposeAsync();
                        zk = null;
                    }

                    try
                    {
                        zk = await ConnectAsync(client, cancellationToken);
                    }
                    catch (Exception e) when (e is KeeperException or TimeoutException or IOException)
                    {
                        await Task.Delay(200, cancellationToken);
                        continue;
                    }
                }

                if (n > 0 && options.Pause > TimeSpan.Zero)
                {
                    await Task.Delay(options.Pause, cancellationToken);
                }

                var input = NextInput(random, client, n, versions);
                n++;
                var id = recorder.Invoke(zk.SessionId, input);
                ZkOutput? output;
                try
                {
                    output = await ExecuteAsync(zk, input);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Connection loss, request timeout, session expiry, a disposed client: the request may or may
                    // not have been applied.
                    output = null;
                }

                if (output is null)
                {
                    recorder.Fail(id);
                    continue;
                }

                recorder.Complete(id, output);
                if (output.Error == ErrorCode.Ok && output.Version >= 0)
                {
                    versions[input.Path] = output.Version;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped early by the caller.
        }
        finally
        {
            if (zk is not null)
            {
                await zk.DisposeAsync();
            }
        }
    }

    private ZkInput NextInput(Random random, int client, int n, Dictionary<string, int> versions)
    {
        var path = Paths[random.Next(Paths.Count)];
        var data = string.Create(CultureInfo.InvariantCulture, $"c{client}-{n}");

        // Half the conditional writes use the version this client saw last, so CAS succeeds often enough to matter.
        var version = random.Next(2) == 0 ? -1 : versions.TryGetValue(path, out var v) ? v : random.Next(3);
        return random.Next(100) switch
        {
            < 15 => ZkInput.Create(path, data),
            < 45 => ZkInput.SetData(path, data, version),
            < 55 => ZkInput.Delete(path, version),
            < 78 => ZkInput.Read(path),
            _ => ZkInput.PlainRead(path),
        };
    }

    /// <summary>Runs one request; null when the outcome is unknown.</summary>
    private static async Task<ZkOutput?> ExecuteAsync(ZooKeeperClient zk, ZkInput input)
    {
        switch (input.Kind)
        {
            case ZkOpKind.Create:
            {
                var reply = await zk.SendAsync(OpCode.Create2, new CreateRequest(input.Path, Bytes(input.Data), Acl.OpenAclUnsafe, 0));
                if (reply.Error != ErrorCode.Ok)
                {
                    return Failed(reply);
                }

                var stat = reply.Read<Create2Response>().Stat;
                return new ZkOutput(ErrorCode.Ok, null, stat.Version, reply.Header.Zxid, stat.Mzxid, stat.Czxid);
            }

            case ZkOpKind.SetData:
            {
                var reply = await zk.SendAsync(OpCode.SetData, new SetDataRequest(input.Path, Bytes(input.Data), input.Version));
                if (reply.Error != ErrorCode.Ok)
                {
                    return Failed(reply);
                }

                var stat = reply.Read<SetDataResponse>().Stat;
                return new ZkOutput(ErrorCode.Ok, null, stat.Version, reply.Header.Zxid, stat.Mzxid, stat.Czxid);
            }

            case ZkOpKind.Delete:
            {
                var reply = await zk.SendAsync(OpCode.Delete, new DeleteRequest(input.Path, input.Version));
                return reply.Error == ErrorCode.Ok ? ZkOutput.Ok(reply.Header.Zxid) : Failed(reply);
            }

            default:
            {
                if (input.Kind == ZkOpKind.Read)
                {
                    // Sync first: the following read on this session then sees every write committed before the
                    // sync started, which is what makes it linearizable.
                    var synced = await zk.SendAsync(OpCode.Sync, new SyncRequest(input.Path));
                    if (synced.Error != ErrorCode.Ok)
                    {
                        return null;
                    }
                }

                var reply = await zk.SendAsync(OpCode.GetData, new GetDataRequest(input.Path, false));
                if (reply.Error != ErrorCode.Ok)
                {
                    return Failed(reply);
                }

                var response = reply.Read<GetDataResponse>();
                return new ZkOutput(ErrorCode.Ok, response.Data is null ? null : Encoding.UTF8.GetString(response.Data), response.Stat.Version, reply.Header.Zxid, response.Stat.Mzxid, response.Stat.Czxid);
            }
        }
    }

    /// <summary>An error reply: a definite outcome only for the errors the data tree itself decides.</summary>
    private static ZkOutput? Failed(RawReply reply)
        => reply.Error is ErrorCode.NoNode or ErrorCode.NodeExists or ErrorCode.BadVersion ? ZkOutput.Failed(reply.Error, reply.Header.Zxid) : null;

    private static byte[]? Bytes(string? data) => data is null ? null : Encoding.UTF8.GetBytes(data);
}
