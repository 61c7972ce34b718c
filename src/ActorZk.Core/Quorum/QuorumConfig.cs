namespace ActorZk.Core.Quorum;

/// <summary>
/// The static ensemble of zoo.cfg's <c>server.N=...</c> lines: which ids are voters and which are observers.
/// A quorum is strictly more than half of the voters (ZooKeeper's <c>QuorumMaj</c>); observers and unknown ids
/// never count. It is never derived from who happens to be connected (Akka.Cluster membership is not the quorum).
/// Immutable, so members may share one instance.
/// </summary>
public sealed class QuorumConfig
{
    private readonly Dictionary<long, MemberType> members;
    private readonly HashSet<long> voterSet;

    /// <summary>Creates the configuration from each member's type.</summary>
    /// <exception cref="ArgumentException">There is no voter, or an id is negative.</exception>
    public QuorumConfig(IReadOnlyDictionary<long, MemberType> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        this.members = new Dictionary<long, MemberType>(members);
        foreach (var (id, type) in this.members)
        {
            if (id < 0)
            {
                throw new ArgumentException($"Server id {id} is negative.", nameof(members));
            }

            if (type is not (MemberType.Voter or MemberType.Observer))
            {
                throw new ArgumentException($"Server {id} has an unknown member type {type}.", nameof(members));
            }
        }

        Voters = [.. this.members.Where(m => m.Value == MemberType.Voter).Select(m => m.Key).Order()];
        Observers = [.. this.members.Where(m => m.Value == MemberType.Observer).Select(m => m.Key).Order()];
        if (Voters.Count == 0)
        {
            throw new ArgumentException("A quorum configuration needs at least one voter.", nameof(members));
        }

        voterSet = [.. Voters];
        Members = [.. this.members.Keys.Order()];
    }

    /// <summary>The voters' ids, ascending.</summary>
    public IReadOnlyList<long> Voters { get; }

    /// <summary>The observers' ids, ascending.</summary>
    public IReadOnlyList<long> Observers { get; }

    /// <summary>Every member's id, ascending.</summary>
    public IReadOnlyList<long> Members { get; }

    /// <summary>The smallest number of voters that forms a quorum: <c>voters / 2 + 1</c>.</summary>
    public int QuorumSize => Voters.Count / 2 + 1;

    /// <summary>A configuration of voters and observers.</summary>
    public static QuorumConfig Create(IEnumerable<long> voters, IEnumerable<long>? observers = null)
    {
        ArgumentNullException.ThrowIfNull(voters);
        var map = new Dictionary<long, MemberType>();
        foreach (var id in voters)
        {
            if (!map.TryAdd(id, MemberType.Voter))
            {
                throw new ArgumentException($"Server id {id} is listed twice.", nameof(voters));
            }
        }

        foreach (var id in observers ?? [])
        {
            if (!map.TryAdd(id, MemberType.Observer))
            {
                throw new ArgumentException($"Server id {id} is listed twice.", nameof(observers));
            }
        }

        return new QuorumConfig(map);
    }

    /// <summary>True if <paramref name="id"/> is a voter.</summary>
    public bool IsVoter(long id) => voterSet.Contains(id);

    /// <summary>True if <paramref name="id"/> is an observer.</summary>
    public bool IsObserver(long id) => members.TryGetValue(id, out var type) && type == MemberType.Observer;

    /// <summary>True if <paramref name="id"/> is a member of either type.</summary>
    public bool IsMember(long id) => members.ContainsKey(id);

    /// <summary>
    /// True if the distinct voters among <paramref name="ids"/> are strictly more than half of all voters.
    /// Observers, unknown ids and repeats do not count.
    /// </summary>
    public bool IsQuorum(IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return CountVoters(ids) > Voters.Count / 2;
    }

    private int CountVoters(IReadOnlyCollection<long> ids)
    {
        if (ids is ISet<long> or IReadOnlySet<long>)
        {
            var count = 0;
            foreach (var id in ids)
            {
                if (voterSet.Contains(id))
                {
                    count++;
                }
            }

            return count;
        }

        var seen = new HashSet<long>();
        foreach (var id in ids)
        {
            if (voterSet.Contains(id))
            {
                seen.Add(id);
            }
        }

        return seen.Count;
    }
}
