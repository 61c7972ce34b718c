using System.Globalization;

namespace ActorZk.Server.Storage;

/// <summary>
/// A member's acceptedEpoch and currentEpoch (Zab), kept as ZooKeeper keeps them: two small text files in dataDir,
/// each replaced atomically (write a temporary file, fsync it, rename it over the old one) before the setter returns.
/// </summary>
/// <remarks>
/// They change only during discovery and sync, a few times per election, so a synchronous fsync is cheaper than a
/// round trip through the journal. A missing file reads as epoch 0, as for a member that never joined an ensemble.
/// </remarks>
public sealed class EpochStore
{
    /// <summary>The file names ZooKeeper uses.</summary>
    public const string AcceptedEpochFile = "acceptedEpoch";

    /// <inheritdoc cref="AcceptedEpochFile"/>
    public const string CurrentEpochFile = "currentEpoch";

    private readonly string directory;

    private EpochStore(string directory, long acceptedEpoch, long currentEpoch)
    {
        this.directory = directory;
        AcceptedEpoch = acceptedEpoch;
        CurrentEpoch = currentEpoch;
    }

    /// <summary>The newest epoch this member promised to follow.</summary>
    public long AcceptedEpoch { get; private set; }

    /// <summary>The epoch whose history this member has fully synced.</summary>
    public long CurrentEpoch { get; private set; }

    /// <summary>Reads both epochs from <paramref name="dataDir"/>.</summary>
    /// <exception cref="StorageException">A file exists but does not hold a number.</exception>
    public static EpochStore Open(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        return new EpochStore(dataDir, Read(dataDir, AcceptedEpochFile), Read(dataDir, CurrentEpochFile));
    }

    /// <summary>Durably sets acceptedEpoch.</summary>
    public void SetAcceptedEpoch(long epoch)
    {
        Write(AcceptedEpochFile, epoch);
        AcceptedEpoch = epoch;
    }

    /// <summary>Durably sets currentEpoch.</summary>
    public void SetCurrentEpoch(long epoch)
    {
        Write(CurrentEpochFile, epoch);
        CurrentEpoch = epoch;
    }

    private static long Read(string dataDir, string name)
    {
        var path = Path.Combine(dataDir, name);
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch) && epoch >= 0
            ? epoch
            : throw new StorageException($"{path}: expected an epoch number, found '{text}'");
    }

    private void Write(string name, long epoch)
    {
        var path = Path.Combine(directory, name);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(System.Text.Encoding.ASCII.GetBytes(epoch.ToString(CultureInfo.InvariantCulture)));
            stream.Flush(flushToDisk: true);
        }

        // As ZooKeeper's AtomicFileOutputStream: the new content is on disk before the rename makes it current.
        File.Move(temporary, path, overwrite: true);
    }
}
