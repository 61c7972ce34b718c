using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace ActorZk.Server.Storage;

/// <summary>
/// The session-level advisory lock that makes a PostgreSQL txn log one server's: two servers on one database would
/// write the same persistence id and interleave their logs, and the dataDir lock cannot see a server with another
/// dataDir. The key is a hash of the connection's schema. The lock lives as long as the session that took it, so a
/// server that dies releases it at once; <see cref="Watch"/> notices when the session ends under a running server.
/// </summary>
internal sealed class PostgresLogLock : IDisposable
{
    // How long a server waits for the lock (about 3 s): one killed a moment ago holds it until PostgreSQL notices.
    private const int LockAttempts = 12;
    private const int LockRetryMs = 250;

    private readonly string connectionString;
    private readonly string where;
    private readonly CancellationTokenSource stopping = new();
    private readonly object gate = new();
    private NpgsqlConnection session;

    private PostgresLogLock(NpgsqlConnection session, string connectionString, string where)
    {
        this.session = session;
        this.connectionString = connectionString;
        this.where = where;
    }

    /// <summary>
    /// Takes the lock on <paramref name="connection"/>, which becomes the lock's session (disposed with the lock).
    /// Throws <see cref="StorageException"/> naming the holder when another session keeps it.
    /// </summary>
    public static PostgresLogLock Take(NpgsqlConnection connection, string connectionString, string where)
    {
        TryTake(connection, where);
        return new PostgresLogLock(connection, connectionString, where);
    }

    /// <summary>Checks the lock's session every <paramref name="interval"/> until disposed (see StorageSetup.WatchLogLock).</summary>
    public void Watch(TimeSpan interval, Action<string> onLost)
        => _ = Task.Run(() => WatchAsync(interval, onLost));

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            stopping.Cancel();
            session.Dispose();
        }
    }

    private async Task WatchAsync(TimeSpan interval, Action<string> onLost)
    {
        using var timer = new PeriodicTimer(interval);
        var token = stopping.Token;
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                lock (gate)
                {
                    if (stopping.IsCancellationRequested || SessionAlive())
                    {
                        continue;
                    }

                    // The session is gone and the lock with it: take it again on a new session before anyone else.
                    session.Dispose();
                    var fresh = new NpgsqlConnection(connectionString);
                    try
                    {
                        fresh.Open();
                        TryTake(fresh, where);
                        session = fresh;
                    }
                    catch (StorageException e)
                    {
                        fresh.Dispose();
                        onLost(e.Message);
                        return;
                    }
                    catch (NpgsqlException)
                    {
                        // PostgreSQL is not back yet; while it is away the journal cannot commit either, and the
                        // lock is tried again next time.
                        fresh.Dispose();
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the server stops.
        }
    }

    private bool SessionAlive()
    {
        try
        {
            StorageSetup.Scalar(session, "SELECT 1;");
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryTake(NpgsqlConnection connection, string where)
    {
        var schema = StorageSetup.Scalar(connection, "SELECT current_schema();") ?? "";
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("actorzk txn log in schema " + schema)), 0);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_try_advisory_lock(@key);";
        command.Parameters.AddWithValue("key", key);
        for (var attempt = 0; ; attempt++)
        {
            if (command.ExecuteScalar() is true)
            {
                return;
            }

            if (attempt == LockAttempts - 1)
            {
                break;
            }

            Thread.Sleep(LockRetryMs);
        }

        // A bigint advisory key shows in pg_locks as classid (high half) and objid (low half), objsubid 1.
        using var holder = connection.CreateCommand();
        holder.CommandText =
            "SELECT a.pid, coalesce(host(a.client_addr), 'local') FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.classid::bigint = @high AND l.objid::bigint = @low LIMIT 1;";
        holder.Parameters.AddWithValue("high", (long)(uint)(key >> 32));
        holder.Parameters.AddWithValue("low", (long)(uint)key);
        var by = "";
        var hint = "";
        using (var reader = holder.ExecuteReader())
        {
            if (reader.Read())
            {
                var pid = reader.GetInt32(0);
                by = $", held by the session of backend pid {pid} from {reader.GetString(1)}";
                hint = $"; if that server is gone for good, end its session with SELECT pg_terminate_backend({pid})";
            }
        }

        throw new StorageException(
            $"The PostgreSQL txn log {where} (schema {schema}) is in use by another ActorZk server (advisory lock {key}{by}); "
            + $"give every server its own database or schema{hint}");
    }
}
