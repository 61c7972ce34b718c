using ActorZk.Core.Quorum;

namespace ActorZk.Core.Tests.Quorum;

/// <summary>
/// An ensemble of <see cref="LeaderElection"/>s wired together by a pool of in-flight events that a seeded
/// random source delivers in any order. Timely runs deliver everything and let finalize timers fire only when no
/// message is in flight (the finalize wait outlasts every message delay); asynchronous runs also lose messages
/// and fire timers at any moment.
/// </summary>
internal sealed class ElectionSimulation
{
    private readonly List<SimEvent> pool = [];
    private readonly Random random;
    private readonly bool timely;
    private readonly double lossRate;
    private readonly Dictionary<long, long> scheduledTokens = [];
    private readonly HashSet<long> down = [];

    public ElectionSimulation(QuorumConfig config, IReadOnlyDictionary<long, Vote> initial, int seed, bool timely, double lossRate)
    {
        Config = config;
        Initial = initial;
        random = new Random(seed);
        this.timely = timely;
        this.lossRate = lossRate;
        Members = config.Members.ToDictionary(id => id, id => new LeaderElection(config, id));
    }

    public QuorumConfig Config { get; }

    /// <summary>Each member's data as its initial vote would carry it (leader = itself, election epoch ignored).</summary>
    public IReadOnlyDictionary<long, Vote> Initial { get; }

    public Dictionary<long, LeaderElection> Members { get; }

    public List<Decided> Decisions { get; } = [];

    public List<string> Trace { get; } = [];

    public int Delivered { get; private set; }

    /// <summary>Members whose decision came when a finalize wait ran out (the others decided without waiting).</summary>
    public HashSet<long> DecidedAfterFinalizeWait { get; } = [];

    /// <summary>
    /// Takes members down before they start: what is sent to them is dropped, and every other member is told their
    /// connections are down (as Akka.Remote's association events tell the election actor).
    /// </summary>
    public void Crash(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            down.Add(id);
            Trace.Add($"crash {id}");
            foreach (var other in Members.Values)
            {
                if (other.MyId != id)
                {
                    other.Disconnected(id);
                }
            }
        }
    }

    public void Start(IEnumerable<long> ids)
    {
        foreach (var id in ids)
        {
            var vote = Initial[id];
            Trace.Add($"start {id}");
            Apply(id, Members[id].Start(vote.Zxid, vote.PeerEpoch));
        }
    }

    /// <summary>Runs until every member decided and nothing is in flight, or the budget runs out.</summary>
    public void Run(int maxEvents, int maxTimeoutRounds)
    {
        var timeoutRounds = 0;
        for (var n = 0; n < maxEvents; n++)
        {
            if (pool.Count == 0)
            {
                var looking = Members.Values.Where(m => m.State == ServerState.Looking && !down.Contains(m.MyId)).ToList();
                if (looking.Count == 0 || timeoutRounds++ >= maxTimeoutRounds)
                {
                    return;
                }

                // Notification timeout everywhere: re-send the proposals.
                foreach (var member in looking)
                {
                    Trace.Add($"timeout {member.MyId}");
                    Apply(member.MyId, member.Rebroadcast());
                }

                continue;
            }

            if (!timely && random.NextDouble() < 0.02)
            {
                var looking = Members.Values.Where(m => m.State == ServerState.Looking && !down.Contains(m.MyId)).ToList();
                if (looking.Count > 0)
                {
                    var member = looking[random.Next(looking.Count)];
                    Trace.Add($"timeout {member.MyId}");
                    Apply(member.MyId, member.Rebroadcast());
                }
            }

            var index = PickIndex();
            var next = pool[index];
            pool.RemoveAt(index);
            switch (next)
            {
                case Deliver d when !timely && random.NextDouble() < lossRate:
                    Trace.Add($"lose {d.Notification.Sender}->{d.To} {d.Notification.State} {d.Notification.Vote}");
                    break;
                case Deliver d when down.Contains(d.To):
                    Trace.Add($"drop {d.Notification.Sender}->{d.To} (down)");
                    break;
                case Deliver d:
                    Delivered++;
                    Trace.Add($"deliver {d.Notification.Sender}->{d.To} {d.Notification.State} {d.Notification.Vote}");
                    Apply(d.To, Members[d.To].Receive(d.Notification));
                    break;
                case FinalizeTimer f:
                    Trace.Add($"finalize {f.Member} #{f.Token}");
                    var step = Members[f.Member].Finalize(f.Token);
                    if (step.Decision is not null)
                    {
                        DecidedAfterFinalizeWait.Add(f.Member);
                    }

                    Apply(f.Member, step);
                    break;
            }
        }
    }

    private int PickIndex()
    {
        if (!timely)
        {
            return random.Next(pool.Count);
        }

        var messages = 0;
        foreach (var e in pool)
        {
            if (e is Deliver)
            {
                messages++;
            }
        }

        // Timely: a finalize timer fires only once every message in flight has arrived.
        var eligible = messages > 0 ? messages : pool.Count;
        var pick = random.Next(eligible);
        for (var i = 0; i < pool.Count; i++)
        {
            if (messages > 0 && pool[i] is not Deliver)
            {
                continue;
            }

            if (pick-- == 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("unreachable");
    }

    private void Apply(long member, ElectionStep step)
    {
        foreach (var message in step.Messages)
        {
            Assert.NotEqual(member, message.Recipient);
            Assert.Equal(member, message.Notification.Sender);
            pool.Add(new Deliver(message.Recipient, message.Notification));
        }

        if (step.Status == ElectionStatus.AwaitingFinalize
            && (!scheduledTokens.TryGetValue(member, out var token) || token != step.FinalizeToken))
        {
            scheduledTokens[member] = step.FinalizeToken;
            pool.Add(new FinalizeTimer(member, step.FinalizeToken));
        }

        if (step.Decision is { } vote)
        {
            Trace.Add($"decide {member} {step.State} {vote}");
            Decisions.Add(new Decided(member, vote, step.State));
        }
    }

    internal abstract record SimEvent;

    internal sealed record Deliver(long To, Notification Notification) : SimEvent;

    internal sealed record FinalizeTimer(long Member, long Token) : SimEvent;

    internal sealed record Decided(long Member, Vote Vote, ServerState Role);
}
