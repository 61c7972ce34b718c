using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using Npgsql;
using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Durability;

/// <summary>PostgreSQL that would not keep commits, or that fails while serving, stops the server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresFailureTests : IDisposable
{
    private readonly PostgresCluster postgres;
    private readonly ITestOutputHelper output;
    private readonly string directory = Directory.CreateTempSubdirectory("actorzk-pgfail-").FullName;

    public PostgresFailureTests(PostgresCluster postgres, ITestOutputHelper output)
    {
        this.postgres = postgres;
        this.output = output;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [PostgresFact]
    public async Task ADatabaseWithoutSynchronousCommitIsRefused()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"ALTER DATABASE {database} SET synchronous_commit = off");
        using var server = new DurableServer(Path.Combine(directory, "async"), StorageBackend.Postgres(connectionString));

        using var process = server.StartRival(out var port);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot open the txn log", process.Output);
        Assert.Contains("synchronous_commit=off", process.Output);
        Assert.Null(await Hosting.ServerProcess.FourLetterWordAsync(port, "ruok"));
    }

    /// <summary>
    /// A second server on the same database (its own dataDir, so the dataDir lock cannot see the first) is refused
    /// at start, naming the database and the session that holds the log; the first keeps serving. When the first
    /// stops, its lock goes with its session and the database can be used again.
    /// </summary>
    [PostgresFact]
    public async Task ASecondServerOnTheSameDatabaseExitsNamingTheLock()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var storage = StorageBackend.Postgres(connectionString);
        using var first = new DurableServer(Path.Combine(directory, "holder"), storage);
        await first.StartAsync();
        await using (var client = await WireClient.ConnectAsync(first.EndPoint, 9000))
        {
            await client.CreateAsync("/before", "x");
        }

        using var rival = new DurableServer(Path.Combine(directory, "rival"), storage);
        using var process = rival.StartRival(out var rivalPort);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Cannot open the txn log", process.Output);
        Assert.Contains($"/{database} (schema public) is in use by another ActorZk server", process.Output);
        Assert.Contains("held by the session of backend pid", process.Output);
        Assert.Null(await Hosting.ServerProcess.FourLetterWordAsync(rivalPort, "ruok"));

        await using (var after = await WireClient.ConnectAsync(first.EndPoint, 9000))
        {
            Assert.NotNull(await after.ExistsAsync("/before"));
            await after.CreateAsync("/after", "y");
        }

        // The killed server's session ends when PostgreSQL sees its socket close; then the log is free.
        first.Kill();
        var released = await RecoveryScenarios.PollAsync(async () => await AdvisoryLocksAsync(database) == 0, TimeSpan.FromSeconds(30));
        Assert.True(released, "the killed server's advisory lock was not released");
        await rival.StartAsync();
        await using var reader = await WireClient.ConnectAsync(rival.EndPoint, 9000);
        Assert.NotNull(await reader.ExistsAsync("/after"));
    }

    /// <summary>
    /// The session that holds a running server's lock ends (an operator's pg_terminate_backend, or PostgreSQL
    /// restarted): the server takes the lock again on a new session and keeps serving. When someone else took the
    /// lock first, the server stops, naming the holder, instead of writing the log next to another writer.
    /// </summary>
    [PostgresFact]
    public async Task A_server_whose_lock_session_ends_takes_the_lock_again_or_stops()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        using var server = new DurableServer(Path.Combine(directory, "relock"), StorageBackend.Postgres(connectionString));
        await server.StartAsync();
        await using (var client = await WireClient.ConnectAsync(server.EndPoint, 9000))
        {
            await client.CreateAsync("/before", "x");
        }

        // 1. The lock's session ends; nobody else wants the log: the server takes the lock again.
        var (firstHolder, key) = await LockHolderAsync(database);
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"SELECT pg_terminate_backend({firstHolder})");
        var retaken = await RecoveryScenarios.PollAsync(
            async () => await LockHolderAsync(database) is { Pid: > 0 } holder && holder.Pid != firstHolder,
            TimeSpan.FromSeconds(30));
        Assert.True(retaken, $"the server did not take its lock again:\n{server.Output}");
        Assert.True(server.IsRunning);
        await using (var client = await WireClient.ConnectAsync(server.EndPoint, 9000))
        {
            await client.CreateAsync("/after-relock", "y");
        }

        // 2. The session ends again, and this time another session takes the lock at once: the server must stop.
        var (secondHolder, _) = await LockHolderAsync(database);
        await using var rival = new NpgsqlConnection(connectionString);
        await rival.OpenAsync();
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"SELECT pg_terminate_backend({secondHolder})");
        var taken = await RecoveryScenarios.PollAsync(
            async () =>
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", rival);
                command.Parameters.AddWithValue("key", key);
                return await command.ExecuteScalarAsync() is true;
            },
            TimeSpan.FromSeconds(10));
        Assert.True(taken, "the test could not take the freed lock");

        var stopped = await RecoveryScenarios.PollAsync(() => Task.FromResult(!server.IsRunning), TimeSpan.FromSeconds(60));
        Assert.True(stopped, $"the server kept running without its lock:\n{server.Output}");
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("Lost the txn log's lock", server.Output);
        Assert.Contains("is in use by another ActorZk server", server.Output);

        // What it acknowledged is there for the next server once the rival lets go.
        await rival.CloseAsync();
        await server.StartAsync();
        await using var reader = await WireClient.ConnectAsync(server.EndPoint, 9000);
        Assert.NotNull(await reader.ExistsAsync("/before"));
        Assert.NotNull(await reader.ExistsAsync("/after-relock"));
    }

    /// <summary>
    /// The database goes away under a serving server: the next write cannot be logged, so it must not be
    /// acknowledged; the server stops with a non-zero exit code, and what it acknowledged before is kept.
    /// </summary>
    [PostgresFact]
    public async Task AJournalThatFailsWhileServingStopsTheServer()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var server = new DurableServer(Path.Combine(directory, "lost"), StorageBackend.Postgres(connectionString));
        await server.StartAsync();
        await using var client = await WireClient.ConnectAsync(server.EndPoint, 9000);
        await client.CreateAsync("/acked", "kept");

        // No new connections to the database (ALLOW_CONNECTIONS binds superusers too, CONNECTION LIMIT does not),
        // and the open ones cut: every further journal write fails.
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"ALTER DATABASE {database} ALLOW_CONNECTIONS false");
        await ExecuteAsync(postgres.ConnectionString("postgres"), $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}'");

        var reply = await client.SendAsync(OpCode.Create, new CreateRequest("/unlogged", "x"u8.ToArray(), Acl.OpenAclUnsafe, 0));
        var outcome = await Record(reply.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.False(outcome is { Err: ErrorCode.Ok }, "a write was acknowledged although the journal could not store it");

        var exited = await RecoveryScenarios.PollAsync(() => Task.FromResult(!server.IsRunning), TimeSpan.FromSeconds(60));
        Assert.True(exited, $"the server kept running without a journal:\n{server.Output}");
        Assert.Contains("The txn log stopped", server.Output);
        Assert.NotEqual(0, server.ExitCode);

        await ExecuteAsync(postgres.ConnectionString("postgres"), $"ALTER DATABASE {database} ALLOW_CONNECTIONS true");
        await server.StartAsync();
        await using var reader = await WireClient.ConnectAsync(server.EndPoint, 9000);
        Assert.NotNull(await reader.ExistsAsync("/acked"));
    }

    /// <summary>
    /// Two servers pointed at one database (two dataDirs, so the dataDir lock does not see each other): whatever
    /// either of them acknowledged must be there when one of them restarts alone on that database.
    /// </summary>
    [PostgresFact]
    public async Task TwoServersOnOneDatabaseNeverLoseAnAcknowledgedWrite()
    {
        var storage = StorageBackend.Postgres(await postgres.CreateDatabaseAsync());
        using var first = new DurableServer(Path.Combine(directory, "one"), storage);
        using var second = new DurableServer(Path.Combine(directory, "two"), storage);
        await first.StartAsync();
        var secondStarted = await Started(second);

        var acknowledged = new List<string>();
        await using (var a = await WireClient.ConnectAsync(first.EndPoint, 9000))
        {
            await a.CreateAsync("/from-first", "1");
            acknowledged.Add("/from-first");
        }

        if (secondStarted)
        {
            try
            {
                await using var b = await WireClient.ConnectAsync(second.EndPoint, 9000);
                var reply = await b.CallAsync(OpCode.Create, new CreateRequest("/from-second", "2"u8.ToArray(), Acl.OpenAclUnsafe, 0));
                if (reply.Err == ErrorCode.Ok)
                {
                    acknowledged.Add("/from-second");
                }
            }
            catch (Exception e) when (e is IOException or SessionRefusedException or TimeoutException)
            {
                // The second server stopped rather than acknowledge: that is safe.
            }
        }

        await using (var a = await WireClient.ConnectAsync(first.EndPoint, 9000))
        {
            if (await TryCreate(a, "/from-first-again"))
            {
                acknowledged.Add("/from-first-again");
            }
        }

        output.WriteLine($"second server {(secondStarted ? "started" : "refused to start")}; acknowledged: {string.Join(", ", acknowledged)}");
        first.Kill();
        second.Kill();
        output.WriteLine($"--- second server ---\n{second.AllOutput}");
        await first.StartAsync();
        await using var reader = await WireClient.ConnectAsync(first.EndPoint, 9000);
        foreach (var path in acknowledged)
        {
            Assert.True(
                await reader.ExistsAsync(path) is not null,
                $"{path} was acknowledged but is gone after a restart; acknowledged: {string.Join(", ", acknowledged)}; "
                + $"second server {(secondStarted ? "started" : "refused to start")}\n--- first ---\n{first.AllOutput}\n--- second ---\n{second.AllOutput}");
        }
    }

    private async Task<long> AdvisoryLocksAsync(string database)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = @database";
        command.Parameters.AddWithValue("database", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The backend pid holding the database's advisory lock and the lock's bigint key; pid 0 when none does.</summary>
    private async Task<(int Pid, long Key)> LockHolderAsync(string database)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT l.pid, (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
            + "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = @database LIMIT 1";
        command.Parameters.AddWithValue("database", database);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt32(0), reader.GetInt64(1)) : (0, 0);
    }

    private static async Task<bool> Started(DurableServer server)
    {
        try
        {
            await server.StartAsync();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task<bool> TryCreate(WireClient client, string path)
    {
        try
        {
            var reply = await client.CallAsync(OpCode.Create, new CreateRequest(path, [], Acl.OpenAclUnsafe, 0));
            return reply.Err == ErrorCode.Ok;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static async Task<WireReply?> Record(Task<WireReply> reply)
    {
        try
        {
            return await reply;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
