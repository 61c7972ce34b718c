namespace ActorZk.Core.Quorum;

/// <summary>
/// The leader's choice between DIFF, TRUNC and SNAP for one learner (ZooKeeper 3.8's <c>LearnerHandler.syncFollower</c>
/// and <c>queueCommittedProposals</c>), from the zxids of the committed txns the leader can still send (its
/// committed-log window), its last processed zxid, and the learner's last logged zxid from ACKEPOCH.
/// </summary>
public static class SyncPlanner
{
    /// <summary>Plans the sync of one learner.</summary>
    /// <param name="committedLog">
    /// The zxids of the committed txns the leader can send, ascending and without holes: within an epoch every
    /// counter is present, and every epoch but the window's first starts at counter 1 (a window with a hole would make
    /// a DIFF silently skip txns, ZOOKEEPER-4925). May be empty.
    /// </param>
    /// <param name="leaderLastZxid">
    /// The leader's last processed zxid: the last committed txn, or the new epoch's NEWLEADER zxid when the leader
    /// has set it (ZooKeeper's leader does so when it starts serving).
    /// </param>
    /// <param name="learnerLastZxid">The learner's last logged zxid (ACKEPOCH, or FOLLOWERINFO's for an old learner).</param>
    /// <param name="truncateAcrossEpochs">
    /// When the learner's zxid lies inside the window but the leader never had it (so the leader's next txn is of a
    /// later epoch than the learner's zxid): true truncates the learner to the last zxid they share (ActorZk's
    /// truncation markers can cut anywhere); false sends a snapshot, as ZooKeeper does because its file txn log
    /// cannot be cut across an epoch boundary.
    /// </param>
    /// <returns>The plan (see remarks).</returns>
    /// <remarks>
    /// <list type="bullet">
    /// <item>learner equal to the leader: an empty <see cref="DiffSync"/>;</item>
    /// <item>learner above the window (and not an epoch-start zxid): <see cref="TruncSync"/> to the window's last zxid;</item>
    /// <item>learner inside the window at a zxid the leader has, or at an epoch-start zxid: <see cref="DiffSync"/> to the window's end;</item>
    /// <item>learner inside the window at a zxid the leader never had: <see cref="TruncSync"/> to the last zxid before it, then the rest
    /// (or <see cref="SnapSync"/> when <paramref name="truncateAcrossEpochs"/> is false);</item>
    /// <item>anything else (below the window): <see cref="SnapSync"/>.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentException">The window is not ascending, has a hole, or ends above <paramref name="leaderLastZxid"/>.</exception>
    public static SyncPlan Plan(
        IReadOnlyList<long> committedLog, long leaderLastZxid, long learnerLastZxid, bool truncateAcrossEpochs = true)
    {
        ArgumentNullException.ThrowIfNull(committedLog);
        Validate(committedLog, leaderLastZxid);

        // An empty window behaves as a window of just the leader's last zxid.
        var (min, max) = committedLog.Count == 0
            ? (leaderLastZxid, leaderLastZxid)
            : (committedLog[0], committedLog[^1]);
        var learnerAtEpochStart = Zxid.IsEpochStart(learnerLastZxid);

        // In sync already: an empty DIFF.
        if (learnerLastZxid == leaderLastZxid)
        {
            return new DiffSync(learnerLastZxid, learnerLastZxid);
        }

        // The learner has txns past everything the leader can send (an old leader's proposals): cut them. A learner
        // at an epoch-start zxid has no txn there to cut, so it is not truncated.
        if (learnerLastZxid > max && !learnerAtEpochStart)
        {
            return new TruncSync(max, max);
        }

        if (learnerLastZxid >= min && learnerLastZxid <= max)
        {
            var index = BinarySearch(committedLog, learnerLastZxid);
            if (index >= 0 || learnerAtEpochStart)
            {
                return new DiffSync(learnerLastZxid, max);
            }

            // Not in the leader's history: the learner diverged after the last zxid below its own, and the leader's
            // next txn is of a later epoch (within one epoch the learner's txn would be in a window without holes).
            // ZooKeeper truncates within an epoch only and sends a snapshot across one.
            var shared = committedLog[~index - 1];
            return truncateAcrossEpochs ? new TruncSync(shared, max) : new SnapSync(leaderLastZxid);
        }

        return new SnapSync(leaderLastZxid);
    }

    private static void Validate(IReadOnlyList<long> committedLog, long leaderLastZxid)
    {
        for (var i = 1; i < committedLog.Count; i++)
        {
            var previous = committedLog[i - 1];
            var current = committedLog[i];
            if (current <= previous)
            {
                throw new ArgumentException(
                    $"The committed log is not ascending at 0x{Zxid.ToHex(previous)}, 0x{Zxid.ToHex(current)}.", nameof(committedLog));
            }

            // Within an epoch the counters follow each other; an epoch after the window's first starts at counter 1
            // (a history holds a prefix of each epoch's proposals).
            var expected = Zxid.EpochOf(current) == Zxid.EpochOf(previous) ? previous + 1 : Zxid.Make(Zxid.EpochOf(current), 1);
            if (current != expected)
            {
                throw new ArgumentException(
                    $"The committed log has a hole between 0x{Zxid.ToHex(previous)} and 0x{Zxid.ToHex(current)}.", nameof(committedLog));
            }
        }

        if (committedLog.Count > 0 && committedLog[^1] > leaderLastZxid)
        {
            throw new ArgumentException(
                $"The committed log ends at 0x{Zxid.ToHex(committedLog[^1])}, above the leader's last zxid 0x{Zxid.ToHex(leaderLastZxid)}.",
                nameof(committedLog));
        }
    }

    private static int BinarySearch(IReadOnlyList<long> sorted, long value)
    {
        var low = 0;
        var high = sorted.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var cmp = sorted[mid].CompareTo(value);
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }
}
