namespace ActorZk.Core.Quorum;

/// <summary>
/// The leader's zxids of one epoch: <c>(epoch &lt;&lt; 32) | counter</c>, counter 1, 2, ... (counter 0 is the
/// epoch's NEWLEADER zxid). The counter never reaches <see cref="Zxid.RolloverCounter"/>: once the last usable
/// counter is handed out the generator is exhausted, and the leader must stop leading so that an election starts
/// a new epoch (ZOOKEEPER-1277; ZooKeeper's leader shuts down when a request gets that counter).
/// </summary>
public sealed class ZxidGenerator
{
    /// <summary>The highest counter a txn may carry.</summary>
    public const long LastUsableCounter = Zxid.RolloverCounter - 1;

    /// <summary>Starts the epoch: the last zxid is the epoch's counter 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epoch"/> is negative or does not fit 31 bits.</exception>
    public ZxidGenerator(long epoch)
        : this(epoch, 0)
    {
    }

    /// <summary>Continues the epoch after counter <paramref name="lastCounter"/> (tests start near the rollover with it).</summary>
    internal ZxidGenerator(long epoch, long lastCounter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(epoch, int.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(lastCounter);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastCounter, LastUsableCounter);
        Epoch = epoch;
        LastZxid = Zxid.Make(epoch, lastCounter);
    }

    /// <summary>The epoch.</summary>
    public long Epoch { get; }

    /// <summary>The last zxid handed out (counter 0 before the first).</summary>
    public long LastZxid { get; private set; }

    /// <summary>How many zxids are left in this epoch.</summary>
    public long Remaining => LastUsableCounter - Zxid.CounterOf(LastZxid);

    /// <summary>True once every usable counter is handed out: the leader must step down and a new epoch start.</summary>
    public bool IsExhausted => Remaining == 0;

    /// <summary>Hands out the next zxid, or returns false when the epoch is exhausted.</summary>
    public bool TryNext(out long zxid)
    {
        if (IsExhausted)
        {
            zxid = 0;
            return false;
        }

        LastZxid++;
        zxid = LastZxid;
        return true;
    }

    /// <summary>Hands out the next zxid.</summary>
    /// <exception cref="InvalidOperationException">The epoch is exhausted (<see cref="IsExhausted"/>).</exception>
    public long Next()
        => TryNext(out var zxid)
            ? zxid
            : throw new InvalidOperationException(
                $"The zxid counter of epoch 0x{Zxid.ToHex(Epoch)} is exhausted; the leader must step down so that a new epoch starts.");
}
