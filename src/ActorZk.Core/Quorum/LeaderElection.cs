namespace ActorZk.Core.Quorum;

/// <summary>
/// FastLeaderElection for one member, as a pure state machine: the shell feeds it the notifications it
/// receives and timer expiries, and sends the notifications each step returns. Time, timers and transport are
/// the shell's; everything else (logical clock, vote order, quorum rules, joining an established leader) is here.
/// </summary>
/// <remarks>
/// <para>
/// Mirrors ZooKeeper 3.8's <c>FastLeaderElection</c> (<c>lookForLeader</c>, <c>WorkerReceiver</c>,
/// <c>receivedFollowingNotification</c>, <c>checkLeader</c>, <c>totalOrderPredicate</c>). Differences, all
/// deliberate:
/// </para>
/// <list type="bullet">
/// <item>A member's own vote counts at once instead of travelling through its own receive queue.</item>
/// <item>
/// During the finalize wait ZooKeeper drops every notification that is not better than its proposal; here such
/// notifications are still recorded (and answered), and <see cref="Finalize(long)"/> re-checks the quorum. A better
/// vote cancels the wait, as in ZooKeeper.
/// </item>
/// <item>
/// A LOOKING voter answers an observer with its current proposal (ZooKeeper answers with the vote of its
/// previous election), and does not answer an observer that is already OBSERVING (ZooKeeper does, and the two
/// then bounce notifications until the voter decides). The member object lives on after the decision and keeps
/// answering LOOKING members with the vote it settled on, as ZooKeeper's receiver thread does.
/// </item>
/// <item>
/// The finalize wait is skipped when no vote can still change the outcome: every voter whose connection is not
/// known to have closed (<see cref="Disconnected"/>) has sent its vote of this round. ZooKeeper always waits 200 ms,
/// which after a leader's death is most of the election. The wait only guards against a vote in flight, never
/// safety (a leader still needs a quorum in epoch negotiation), so a member that knows no vote is on its way decides.
/// </item>
/// <item>
/// A LOOKING vote of a later round that reaches a member which still has a leader is answered as ZooKeeper does, and
/// also kept: when the member starts that round (its leader is usually found gone moments later) it counts at once,
/// instead of after the sender's re-send interval.
/// </item>
/// <item>
/// On deciding, a member tells every member it last heard LOOKING (an observer, a voter of an earlier round) what
/// it settled on, instead of letting them wait for their re-send interval to ask again.
/// </item>
/// </list>
/// <para>
/// Deciding is not agreement: under message loss or long delays two members can decide different leaders in the
/// same round. Zab stays safe because a leader must still gather a quorum in epoch negotiation
/// (<see cref="EpochNegotiation"/>) and members refuse lower epochs (<see cref="FollowerEpochState"/>).
/// </para>
/// </remarks>
public sealed class LeaderElection
{
    /// <summary>How long a member waits, once a quorum agrees with it, for a better vote before deciding (ZooKeeper's <c>finalizeWait</c>).</summary>
    public const int FinalizeWaitMs = 200;

    /// <summary>The first wait for a notification before re-sending this member's vote (<c>minNotificationInterval</c>).</summary>
    public const int MinNotificationIntervalMs = FinalizeWaitMs;

    /// <summary>The cap of the doubling wait between re-sends (<c>maxNotificationInterval</c>).</summary>
    public const int MaxNotificationIntervalMs = 60_000;

    private static readonly IReadOnlyList<OutgoingNotification> NoMessages = [];

    private readonly QuorumConfig config;
    private readonly Dictionary<long, ReceivedVote> received = [];
    private readonly Dictionary<long, ReceivedVote> outOfElection = [];
    private readonly HashSet<long> disconnected = [];
    private readonly HashSet<long> lookingPeers = [];
    private readonly Dictionary<long, Notification> nextRound = [];
    private Vote initialVote;
    private Vote proposal;
    private Vote finalizingFor;
    private long finalizeToken;
    private bool started;

    /// <summary>Creates the election state of member <paramref name="myId"/>; call <see cref="Start"/> next.</summary>
    /// <exception cref="ArgumentException"><paramref name="myId"/> is not in <paramref name="config"/>.</exception>
    public LeaderElection(QuorumConfig config, long myId)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!config.IsMember(myId))
        {
            throw new ArgumentException($"Server {myId} is not in the quorum configuration.", nameof(myId));
        }

        this.config = config;
        MyId = myId;
        IsVoter = config.IsVoter(myId);
    }

    /// <summary>This member's server id.</summary>
    public long MyId { get; }

    /// <summary>True if this member votes (false for an observer).</summary>
    public bool IsVoter { get; }

    /// <summary>The logical clock: the round of the current or last election.</summary>
    public long LogicalClock { get; private set; }

    /// <summary>This member's state.</summary>
    public ServerState State { get; private set; } = ServerState.Looking;

    /// <summary>Where the election stands.</summary>
    public ElectionStatus Status { get; private set; } = ElectionStatus.Looking;

    /// <summary>The current proposal while looking (its election epoch is <see cref="LogicalClock"/>).</summary>
    public Vote Proposal => proposal;

    /// <summary>The vote settled on once the election is decided; <see langword="null"/> while looking.</summary>
    public Vote? CurrentVote { get; private set; }

    /// <summary>What this member tells others now: its proposal while looking, its settled vote otherwise.</summary>
    public Notification CurrentNotification
        => State == ServerState.Looking || CurrentVote is not { } vote
            ? new Notification(MyId, ServerState.Looking, proposal)
            : new Notification(MyId, State, vote);

    /// <summary>The next wait between re-sends: double the last one, capped at <see cref="MaxNotificationIntervalMs"/>.</summary>
    public static int NextNotificationInterval(int currentMs)
        => currentMs >= MaxNotificationIntervalMs / 2 ? MaxNotificationIntervalMs : Math.Max(MinNotificationIntervalMs, currentMs * 2);

    /// <summary>
    /// Starts a new election round (<c>lookForLeader</c>): the logical clock advances, a voter proposes itself with
    /// its last logged zxid and currentEpoch (an observer proposes nobody), and the proposal goes to every voter.
    /// Call it when the member starts and whenever it loses its leader or stops leading.
    /// </summary>
    /// <param name="lastLoggedZxid">The last zxid in this member's durable txn log, committed or not.</param>
    /// <param name="currentEpoch">This member's durable currentEpoch.</param>
    public ElectionStep Start(long lastLoggedZxid, long currentEpoch)
    {
        started = true;
        LogicalClock++;
        State = ServerState.Looking;
        Status = ElectionStatus.Looking;
        CurrentVote = null;
        received.Clear();
        outOfElection.Clear();
        initialVote = IsVoter ? new Vote(MyId, lastLoggedZxid, currentEpoch, LogicalClock) : Vote.None(LogicalClock);
        proposal = initialVote;
        var messages = new List<OutgoingNotification>();
        Broadcast(messages);
        var step = Finish(messages, decision: null);
        if (nextRound.Count == 0)
        {
            return step;
        }

        // Votes of a later round that arrived while this member still had a leader count in this round as if they
        // had just come (ZooKeeper answers them and forgets them until the sender re-sends).
        var held = nextRound.Values.ToList();
        nextRound.Clear();
        var all = new List<OutgoingNotification>(step.Messages);
        var decision = step.Decision;
        foreach (var notification in held)
        {
            step = Receive(notification);
            all.AddRange(step.Messages);
            decision ??= step.Decision;
        }

        return step with { Messages = all, Decision = decision };
    }

    /// <summary>
    /// Handles a notification from another member and returns what to send and whether the election ended.
    /// </summary>
    /// <exception cref="InvalidOperationException"><see cref="Start"/> was never called.</exception>
    public ElectionStep Receive(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        EnsureStarted();
        var n = notification;
        if (n.Sender == MyId || !config.IsMember(n.Sender))
        {
            return Finish(NoMessages, decision: null);
        }

        // A member that wrote is connected; one still LOOKING hears this member's decision when it comes.
        disconnected.Remove(n.Sender);
        if (n.State == ServerState.Looking)
        {
            lookingPeers.Add(n.Sender);
        }
        else
        {
            lookingPeers.Remove(n.Sender);
        }

        // WorkerReceiver: a non-voter (observer) is answered at once and its vote never counts. An observer that is
        // already observing only writes to answer a LOOKING voter; answering that again would start a ping-pong.
        if (!config.IsVoter(n.Sender))
        {
            return n.State == ServerState.Looking
                ? Finish([new OutgoingNotification(n.Sender, CurrentNotification)], decision: null)
                : Finish(NoMessages, decision: null);
        }

        // WorkerReceiver, not looking: tell a LOOKING voter the leader this member settled on.
        if (State != ServerState.Looking)
        {
            if (n.State == ServerState.Looking && n.Vote.ElectionEpoch > LogicalClock)
            {
                // A voter already in a later round: its leader is gone, and this member's will likely be found gone
                // moments later. Kept for that round (see Start), which otherwise waits for the voter's re-send.
                nextRound[n.Sender] = n;
            }

            return n.State == ServerState.Looking
                ? Finish([new OutgoingNotification(n.Sender, CurrentNotification)], decision: null)
                : Finish(NoMessages, decision: null);
        }

        var messages = new List<OutgoingNotification>();

        // WorkerReceiver, looking: a LOOKING voter whose round is behind gets this member's vote back.
        if (n.State == ServerState.Looking && n.Vote.ElectionEpoch < LogicalClock)
        {
            messages.Add(new OutgoingNotification(n.Sender, CurrentNotification));
        }

        // lookForLeader: votes for a non-voter are ignored (validVoter(n.leader)).
        if (!config.IsVoter(n.Vote.Leader))
        {
            return Finish(messages, decision: null);
        }

        // During the finalize wait a better vote sends the member back to looking.
        if (Status == ElectionStatus.AwaitingFinalize && n.Vote.IsBetterThan(proposal, config))
        {
            Status = ElectionStatus.Looking;
        }

        Vote? decision = n.State switch
        {
            ServerState.Looking => ReceiveLooking(n, messages),
            ServerState.Following or ServerState.Leading => ReceiveFromEstablished(n),
            _ => null,
        };
        return Finish(messages, decision);
    }

    /// <summary>
    /// Ends the finalize wait that <paramref name="token"/> started: decides if the wait is still current and a
    /// quorum still agrees with the proposal; otherwise does nothing.
    /// </summary>
    public ElectionStep Finalize(long token)
    {
        EnsureStarted();
        if (State == ServerState.Looking
            && Status == ElectionStatus.AwaitingFinalize
            && token == finalizeToken
            && HasQuorumFor(proposal))
        {
            return Finish(NoMessages, Decide(proposal));
        }

        return Finish(NoMessages, decision: null);
    }

    /// <summary>
    /// The notification timeout fired with nothing received: while looking, send the proposal to every voter
    /// again (the shell then waits <see cref="NextNotificationInterval"/>). Does nothing once decided.
    /// </summary>
    public ElectionStep Rebroadcast()
    {
        EnsureStarted();
        var messages = new List<OutgoingNotification>();
        if (State == ServerState.Looking)
        {
            Broadcast(messages);
        }

        return Finish(messages, decision: null);
    }

    /// <summary>
    /// The transport's connection to <paramref name="member"/> closed: no vote of it is in flight until it connects
    /// again. If every other voter has voted, a quorum agreeing with the proposal decides at once. Before
    /// <see cref="Start"/> the fact is only recorded. (A member never reached is not disconnected: it may be starting.)
    /// </summary>
    public ElectionStep Disconnected(long member)
    {
        if (member != MyId && config.IsMember(member))
        {
            disconnected.Add(member);
        }

        return started ? Finish(NoMessages, decision: null) : new ElectionStep(NoMessages, Status, State, null, 0);
    }

    /// <summary>
    /// The transport has a connection to <paramref name="member"/> again: a vote of it may be on its way, so a quorum
    /// waits the finalize wait for it as usual.
    /// </summary>
    public void Connected(long member) => disconnected.Remove(member);

    /// <summary>
    /// Records the epoch the member now runs in (after NEWLEADER was acked by a quorum on the leader, after
    /// UPTODATE on a learner), so that every member of the ensemble reports the same vote to members that start
    /// later (ZooKeeper's <c>updateElectionVote</c>, ZOOKEEPER-1732). Does nothing while looking.
    /// </summary>
    public void UpdatePeerEpoch(long newEpoch)
    {
        if (State != ServerState.Looking && CurrentVote is { } vote)
        {
            CurrentVote = vote with { PeerEpoch = newEpoch };
        }
    }

    private Vote? ReceiveLooking(Notification n, List<OutgoingNotification> messages)
    {
        var vote = n.Vote;
        if (vote.ElectionEpoch > LogicalClock)
        {
            // A newer round: join it, forget the votes of the old one, and propose the better of the
            // sender's vote and this member's own initial vote.
            LogicalClock = vote.ElectionEpoch;
            received.Clear();
            proposal = (vote.IsBetterThan(initialVote, config) ? vote : initialVote) with { ElectionEpoch = LogicalClock };
            Broadcast(messages);
        }
        else if (vote.ElectionEpoch < LogicalClock)
        {
            return null;
        }
        else if (vote.IsBetterThan(proposal, config))
        {
            proposal = vote with { ElectionEpoch = LogicalClock };
            Broadcast(messages);
        }

        received[n.Sender] = new ReceivedVote(vote, ServerState.Looking);
        return null;
    }

    private Vote? ReceiveFromEstablished(Notification n)
    {
        var entry = new ReceivedVote(n.Vote, n.State);

        // Same round: the sender settled in this very election.
        if (n.Vote.ElectionEpoch == LogicalClock)
        {
            received[n.Sender] = entry;
            if (Agreeing(received, entry) && CheckLeader(received, n.Vote.Leader, n.Vote.ElectionEpoch))
            {
                return Decide(n.Vote);
            }
        }

        // Any round: a quorum already follows an established leader, so join it.
        outOfElection[n.Sender] = entry;
        if (Agreeing(outOfElection, entry) && CheckLeader(outOfElection, n.Vote.Leader, n.Vote.ElectionEpoch))
        {
            LogicalClock = n.Vote.ElectionEpoch;
            return Decide(n.Vote);
        }

        return null;
    }

    // checkLeader: a leader other than this member must itself be known to be LEADING; this member may take
    // leadership from others' reports only if they are of its own round.
    private bool CheckLeader(Dictionary<long, ReceivedVote> votes, long leader, long electionEpoch)
        => leader != MyId
            ? votes.TryGetValue(leader, out var leaderVote) && leaderVote.State == ServerState.Leading
            : LogicalClock == electionEpoch;

    private bool Agreeing(Dictionary<long, ReceivedVote> votes, ReceivedVote target)
    {
        var agreeing = new HashSet<long>();
        foreach (var (sender, entry) in votes)
        {
            if (Vote.Agree(entry.Vote, entry.State, target.Vote, target.State))
            {
                agreeing.Add(sender);
            }
        }

        return config.IsQuorum(agreeing);
    }

    private bool HasQuorumFor(Vote vote) => Agreeing(received, new ReceivedVote(vote, ServerState.Looking));

    private void Broadcast(List<OutgoingNotification> messages)
    {
        var notification = new Notification(MyId, ServerState.Looking, proposal);
        foreach (var voter in config.Voters)
        {
            if (voter != MyId)
            {
                messages.Add(new OutgoingNotification(voter, notification));
            }
        }

        // ZooKeeper sends the notification to itself too; its own vote is part of the received set.
        if (IsVoter)
        {
            received[MyId] = new ReceivedVote(proposal, ServerState.Looking);
        }
    }

    private Vote Decide(Vote vote)
    {
        State = vote.Leader == MyId ? ServerState.Leading : IsVoter ? ServerState.Following : ServerState.Observing;
        Status = ElectionStatus.Decided;
        CurrentVote = vote;
        received.Clear();
        outOfElection.Clear();
        return vote;
    }

    // Every voter that could still send a vote of this round has been heard (the others are known to be disconnected),
    // and none of what was heard is better than the proposal. Then no better vote can come: a voter's vote of a round
    // starts at its own initial vote and only moves to better ones it hears, so the best vote anywhere is at most the
    // best initial vote, and this member has adopted the best of everything it heard. (A FOLLOWING or LEADING vote of
    // this round does not move the proposal; one better than it means waiting, as ZooKeeper does.)
    private bool NoVoteOutstanding()
    {
        foreach (var voter in config.Voters)
        {
            if (voter == MyId)
            {
                continue;
            }

            if (received.TryGetValue(voter, out var heard)
                ? heard.Vote.IsBetterThan(proposal, config)
                : !disconnected.Contains(voter))
            {
                return false;
            }
        }

        return true;
    }

    private ElectionStep Finish(IReadOnlyList<OutgoingNotification> messages, Vote? decision)
    {
        if (decision is null && State == ServerState.Looking && HasQuorumFor(proposal) && NoVoteOutstanding())
        {
            decision = Decide(proposal);
        }

        if (decision is not null)
        {
            return new ElectionStep(AnnounceDecision(messages), Status, State, decision, 0);
        }

        if (State == ServerState.Looking)
        {
            if (HasQuorumFor(proposal))
            {
                if (Status != ElectionStatus.AwaitingFinalize || finalizingFor != proposal)
                {
                    finalizeToken++;
                    finalizingFor = proposal;
                    Status = ElectionStatus.AwaitingFinalize;
                }
            }
            else
            {
                Status = ElectionStatus.Looking;
            }
        }

        return new ElectionStep(messages, Status, State, decision, Status == ElectionStatus.AwaitingFinalize ? finalizeToken : 0);
    }

    /// <summary>The step's messages, then the settled vote for every member last heard LOOKING.</summary>
    private List<OutgoingNotification> AnnounceDecision(IReadOnlyList<OutgoingNotification> messages)
    {
        var all = new List<OutgoingNotification>(messages.Count + lookingPeers.Count);
        all.AddRange(messages);
        var settled = CurrentNotification;
        foreach (var peer in lookingPeers)
        {
            all.Add(new OutgoingNotification(peer, settled));
        }

        lookingPeers.Clear();
        return all;
    }

    private void EnsureStarted()
    {
        if (!started)
        {
            throw new InvalidOperationException("Start the election before feeding it notifications.");
        }
    }
}
