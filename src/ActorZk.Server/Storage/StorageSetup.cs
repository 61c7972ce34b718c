using System.Data.Common;
using System.Reflection;
using ActorZk.Server.Configuration;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ActorZk.Server.Storage;

/// <summary>
/// Prepares the durable store before the actor system starts, so that a store that cannot be used stops the
/// server with a clear message instead of leaving it half started: takes the dataDir lock, opens the database,
/// checks that commits will be durable, and builds the Akka.Persistence.Sql configuration.
/// </summary>
public sealed class StorageSetup : IDisposable
{
    private readonly FileStream? lockFile;
    private string? cleanStopMarker;

    // PostgreSQL: the session that holds the advisory lock on the txn log, for the life of the server.
    private PostgresLogLock? logLock;

    private StorageSetup(FileStream? lockFile, Config hocon, Setup dataOptions, string description)
    {
        this.lockFile = lockFile;
        Hocon = hocon;
        DataOptions = dataOptions;
        Description = description;
    }

    /// <summary>The persistence part of the HOCON (plugins, serializer, provider).</summary>
    public Config Hocon { get; }

    /// <summary>The linq2db connection with its durability settings, handed to Akka.Persistence.Sql.</summary>
    public Setup DataOptions { get; }

    /// <summary>What is used, for the log: "SQLite /path/actorzk.db (WAL, synchronous=FULL)".</summary>
    public string Description { get; }

    /// <summary>Opens the store named by the configuration or throws <see cref="StorageException"/>.</summary>
    /// <param name="config">The member's settings.</param>
    /// <param name="forInspection">True for the read-only tools: no dataDir lock (a running server keeps it), no new files.</param>
    public static StorageSetup Open(ServerConfig config, bool forInspection = false)
    {
        var dataDir = Path.GetFullPath(config.DataLogDir ?? config.DataDir);
        if (forInspection && config.StorageProvider == "sqlite" && !File.Exists(config.StorageConnectionString ?? Path.Combine(dataDir, "actorzk.db")))
        {
            throw new StorageException($"There is no ActorZk txn log in {dataDir}");
        }

        Directory.CreateDirectory(dataDir);
        var lockFile = forInspection ? null : AcquireLock(dataDir);
        try
        {
            return config.StorageProvider == "postgresql"
                ? OpenPostgreSql(config, lockFile, forInspection)
                : OpenSqlite(config, dataDir, lockFile, forInspection);
        }
        catch
        {
            lockFile?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// PostgreSQL: checks every second that this server still holds the txn log's lock. A lock lost with its session
    /// (PostgreSQL restarted, the session ended by an operator) is taken again on a new session when it is free;
    /// when another server took it, <paramref name="onLost"/> is called once with the reason. SQLite: nothing to do
    /// (the dataDir lock is a file lock of this process).
    /// </summary>
    public void WatchLogLock(Action<string> onLost) => logLock?.Watch(TimeSpan.FromSeconds(1), onLost);

    /// <summary>Whether opening ran <c>PRAGMA quick_check</c> (SQLite after an unclean stop).</summary>
    public bool IntegrityChecked { get; private set; }

    /// <summary>
    /// Releases the dataDir. For SQLite this also records a clean stop, so that the next start skips the
    /// integrity check; call it only once the actor system (and with it the journal) has terminated.
    /// </summary>
    public void Dispose()
    {
        if (cleanStopMarker is not null)
        {
            try
            {
                SqliteConnection.ClearAllPools();
                File.WriteAllBytes(cleanStopMarker, []);
            }
            catch (IOException)
            {
                // Without the marker the next start runs the check: slower, never less safe.
            }

            cleanStopMarker = null;
        }

        logLock?.Dispose();
        logLock = null;
        lockFile?.Dispose();
    }

    private static FileStream AcquireLock(string dataDir)
    {
        var path = Path.Combine(dataDir, "actorzk.lock");
        try
        {
            // Two servers on one dataDir would interleave their logs; the OS lock makes the second one stop.
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new StorageException($"dataDir {dataDir} is in use by another ActorZk server (cannot lock {path}: {e.Message})", e);
        }
    }

    private static StorageSetup OpenSqlite(ServerConfig config, string dataDir, FileStream? lockFile, bool forInspection)
    {
        var file = config.StorageConnectionString ?? Path.Combine(dataDir, "actorzk.db");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        // quick_check reads the whole file (about 0.5 s for 850 MB), so it runs only when the last server did not
        // stop cleanly: a clean stop leaves actorzk.db.clean, which the next start removes before it writes.
        var cleanStopMarker = file + ".clean";
        var existed = File.Exists(file);
        var stoppedCleanly = File.Exists(cleanStopMarker);
        var check = existed && !stoppedCleanly && !forInspection;
        try
        {
            if (stoppedCleanly && !forInspection)
            {
                File.Delete(cleanStopMarker);
            }

            using var connection = new SqliteConnection(connectionString);
            connection.Open();

            // WAL is a property of the file and sticks; synchronous is per connection (see the hook below).
            var mode = Scalar(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageException($"SQLite file {file} refused WAL mode (journal_mode={mode})");
            }

            if (check)
            {
                var result = Scalar(connection, "PRAGMA quick_check;");
                if (!string.Equals(result, "ok", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageException($"SQLite file {file} failed its integrity check: {result}");
                }
            }

            SqliteJournalSchema.Ensure(connection, dropUnusedIndexes: !forInspection);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"Cannot open the SQLite txn log {file}: {e.Message}", e);
        }

        var options = new DataOptions()
            .UseConnectionString(ProviderName.SQLiteMS, connectionString)
            .UseAfterConnectionOpened(
                static connection => Execute(connection, "PRAGMA synchronous=FULL;"),
                static (connection, _) =>
                {
                    Execute(connection, "PRAGMA synchronous=FULL;");
                    return Task.CompletedTask;
                });
        var hocon = ReaderHocon("sqlite", connectionString)
            .WithFallback(LoadHocon("persistence-sqlite.conf"))
            .WithFallback(LoadHocon("persistence.conf"));
        var description = $"SQLite {file} (WAL, synchronous=FULL{(check ? ", integrity checked after an unclean stop" : string.Empty)})";
        return new StorageSetup(lockFile, hocon, new DataOptionsSetup(options), description)
        {
            cleanStopMarker = forInspection ? null : cleanStopMarker,
            IntegrityChecked = check,
        };
    }

    private static StorageSetup OpenPostgreSql(ServerConfig config, FileStream? lockFile, bool forInspection)
    {
        var connectionString = config.StorageConnectionString!;
        string where;

        // The connection that checks the settings stays open as the holder of the log's lock (not for inspection).
        NpgsqlConnection? connection = null;
        PostgresLogLock? logLock = null;
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            where = $"{builder.Host}:{builder.Port}/{builder.Database}";
            connection = new NpgsqlConnection(connectionString);
            connection.Open();

            // Both settings must be on for a commit to be on disk when it returns.
            var synchronousCommit = Scalar(connection, "SHOW synchronous_commit;");
            var fsync = Scalar(connection, "SHOW fsync;");
            if (synchronousCommit is "off" || fsync is "off")
            {
                throw new StorageException(
                    $"PostgreSQL would not make commits durable (synchronous_commit={synchronousCommit}, fsync={fsync}); ActorZk needs both on");
            }

            if (forInspection)
            {
                connection.Dispose();
                connection = null;
            }
            else
            {
                logLock = PostgresLogLock.Take(connection, connectionString, where);
            }
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException)
        {
            connection?.Dispose();
            throw new StorageException($"Cannot open the PostgreSQL txn log: {e.Message}", e);
        }
        catch
        {
            connection?.Dispose();
            throw;
        }

        var options = new DataOptions().UseConnectionString(ProviderName.PostgreSQL15, connectionString);
        var hocon = ReaderHocon("postgresql", connectionString)
            .WithFallback(LoadHocon("persistence-postgresql.conf"))
            .WithFallback(LoadHocon("persistence.conf"));
        return new StorageSetup(lockFile, hocon, new DataOptionsSetup(options), $"PostgreSQL {where}") { logLock = logLock };
    }

    internal static Config LoadHocon(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("hocon." + name)
                           ?? throw new InvalidOperationException($"The embedded hocon/{name} is missing");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }

    private static Config ReaderHocon(string provider, string connectionString)
    {
        // Recovery reads the tables directly (StoredLogReader) and finds the store here.
        static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        return ConfigurationFactory.ParseString(
            $"{StoredLogReader.ProviderKey} = {Quote(provider)}\n{StoredLogReader.ConnectionStringKey} = {Quote(connectionString)}");
    }

    internal static string? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
