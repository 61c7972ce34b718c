namespace ActorZk.Core.Quorum;

/// <summary>
/// The parts of a zxid (ZooKeeper's <c>ZxidUtils</c>): the epoch in the high 32 bits, the counter in the low 32.
/// Counter 0 of an epoch is never a txn: it names the epoch itself (the NEWLEADER zxid).
/// </summary>
public static class Zxid
{
    /// <summary>The counter mask (the low 32 bits).</summary>
    public const long CounterMask = 0xffffffffL;

    /// <summary>
    /// The counter value a leader never proposes: reaching it forces a new election and so a new epoch
    /// (ZOOKEEPER-1277, <c>Leader.propose</c>).
    /// </summary>
    public const long RolloverCounter = 0xffffffffL;

    /// <summary>The zxid <c>(epoch &lt;&lt; 32) | counter</c>.</summary>
    public static long Make(long epoch, long counter) => (epoch << 32) | (counter & CounterMask);

    /// <summary>The epoch of <paramref name="zxid"/> (an arithmetic shift, as ZooKeeper's).</summary>
    public static long EpochOf(long zxid) => zxid >> 32;

    /// <summary>The counter of <paramref name="zxid"/>.</summary>
    public static long CounterOf(long zxid) => zxid & CounterMask;

    /// <summary>True for counter 0: the zxid that starts an epoch (NEWLEADER), which no txn carries.</summary>
    public static bool IsEpochStart(long zxid) => CounterOf(zxid) == 0;

    /// <summary>ZooKeeper's text form: lower-case hex without a prefix.</summary>
    public static string ToHex(long zxid) => zxid.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
