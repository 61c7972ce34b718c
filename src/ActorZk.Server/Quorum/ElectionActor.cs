using System.Diagnostics;
using ActorZk.Core.Quorum;
using Akka.Actor;
using Akka.Remote;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Quorum;

/// <summary>
/// Fast leader election for one member: a thin shell around <see cref="LeaderElection"/>, which makes every
/// decision. The shell sends the notifications each step returns to the other members' election actors (at
/// <see cref="EnsembleContext.ElectionPath"/>), runs the finalize and re-send timers, and tells its parent (the
/// peer actor) <see cref="LeaderElected"/> once per round.
/// </summary>
/// <remarks>
/// States: Idle (before the first <see cref="StartElection"/>, while the peer actor recovers its log; the newest
/// notification of each member is kept and handled once the round starts, so nobody waits for a re-send),
/// Looking, Decided. After a decision the actor keeps answering LOOKING members with the vote it settled on, so that
/// a member that restarts can join the established leader (docs/zab-core.md, "Election"). Akka.Remote's association
/// events tell the election which members' connections closed, so that it need not wait for their votes.
/// </remarks>
public sealed class ElectionActor : ReceiveActor, IWithTimers
{
    /// <summary>The HOCON path of the cap of the doubling re-send interval.</summary>
    public const string MaxNotificationIntervalPath = "actorzk.election.max-notification-interval";

    /// <summary>The HOCON path of how long a member looks for a leader before it resets its quorum connections.</summary>
    public const string ResetQuorumLinksAfterPath = "actorzk.election.reset-quorum-links-after";

    private const string FinalizeTimer = "finalize";
    private const string NotificationTimer = "notification";
    private const string LookingTooLongTimer = "looking-too-long";

    private static readonly TimeSpan DefaultMaxNotificationInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DefaultResetQuorumLinksAfter = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxResetQuorumLinksWait = TimeSpan.FromSeconds(60);

    private readonly EnsembleContext ensemble;
    private readonly ILogger logger;
    private readonly LeaderElection election;
    private readonly Dictionary<long, ActorSelection> selections = [];
    private readonly Dictionary<long, Notification> earlyNotifications = [];
    private readonly Dictionary<Address, long> members = [];
    private readonly Dictionary<long, int> associations = [];
    private readonly Stopwatch roundTime = new();
    private int maxNotificationIntervalMs;
    private int notificationIntervalMs;
    private long scheduledFinalizeToken;
    private TimeSpan resetQuorumLinksAfter;
    private TimeSpan lookingTooLongWait;

    /// <param name="ensemble">The member's ensemble (voters, observers, addresses, its id).</param>
    /// <param name="logger">Where decisions are logged.</param>
    public ElectionActor(EnsembleContext ensemble, ILogger logger)
    {
        this.ensemble = ensemble;
        this.logger = logger;
        election = new LeaderElection(ensemble.Quorum, ensemble.MyId);
        Idle();
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the election actor; the peer actor creates it as its child <see cref="EnsembleContext.ElectionActorName"/>.</summary>
    public static Props Props(EnsembleContext ensemble, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(logger);
        return Akka.Actor.Props.Create(() => new ElectionActor(ensemble, logger));
    }

    /// <inheritdoc/>
    protected override void PreStart()
    {
        var configured = Context.System.Settings.Config.GetTimeSpan(MaxNotificationIntervalPath, DefaultMaxNotificationInterval, allowInfinite: false);
        maxNotificationIntervalMs = (int)Math.Clamp(configured.TotalMilliseconds, LeaderElection.MinNotificationIntervalMs, LeaderElection.MaxNotificationIntervalMs);
        resetQuorumLinksAfter = Context.System.Settings.Config.GetTimeSpan(ResetQuorumLinksAfterPath, DefaultResetQuorumLinksAfter, allowInfinite: false);
        foreach (var member in ensemble.Quorum.Members)
        {
            if (member != ensemble.MyId)
            {
                selections[member] = Context.ActorSelection(ensemble.ElectionPath(member));
                members[ensemble.Addresses[member]] = member;
            }
        }

        // A member whose connections all closed cannot have a vote on its way. Associations are counted: two members
        // that connect to each other at once have two for a moment, and one of them closes. A DisassociatedEvent with
        // none counted is a failed attempt (Akka publishes one for that too): a member never reached may be starting
        // this very moment, and for it the election waits as ZooKeeper's does.
        Context.System.EventStream.Subscribe(Self, typeof(AssociatedEvent));
        Context.System.EventStream.Subscribe(Self, typeof(DisassociatedEvent));
    }

    /// <inheritdoc/>
    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>Connection events of every state; <paramref name="onLost"/> handles a step the loss may produce.</summary>
    private void LinkEvents(Action<ElectionStep> onLost)
    {
        Receive<AssociatedEvent>(message =>
        {
            if (members.TryGetValue(message.RemoteAddress, out var member))
            {
                associations[member] = associations.GetValueOrDefault(member) + 1;
                election.Connected(member);
            }
        });
        Receive<DisassociatedEvent>(message =>
        {
            if (members.TryGetValue(message.RemoteAddress, out var member) && associations.GetValueOrDefault(member) > 0)
            {
                associations[member]--;
                if (associations[member] == 0)
                {
                    onLost(election.Disconnected(member));
                }
            }
        });
    }

    private void Idle()
    {
        Receive<StartElection>(OnStart);
        Receive<UpdatePeerEpoch>(_ => { });

        // Without the member's facts there is no vote to answer with yet. One per member bounds the memory.
        Receive<ElectionNotification>(message =>
        {
            Heard(message);
            earlyNotifications[message.Notification.Sender] = message.Notification;
        });
        LinkEvents(_ => { });
    }

    private void Looking()
    {
        Receive<StartElection>(OnStart);
        Receive<ElectionNotification>(message =>
        {
            Heard(message);

            // ZooKeeper waits for the notification interval after the last message that arrived, not after the last send.
            Timers.StartSingleTimer(NotificationTimer, NotificationTimeout.Instance, TimeSpan.FromMilliseconds(notificationIntervalMs));
            Handle(election.Receive(message.Notification));
        });
        Receive<FinalizeWaitOver>(message => Handle(election.Finalize(message.Token)));
        Receive<NotificationTimeout>(_ =>
        {
            notificationIntervalMs = Math.Min(LeaderElection.NextNotificationInterval(notificationIntervalMs), maxNotificationIntervalMs);
            Timers.StartSingleTimer(NotificationTimer, NotificationTimeout.Instance, TimeSpan.FromMilliseconds(notificationIntervalMs));
            Handle(election.Rebroadcast());
        });
        Receive<UpdatePeerEpoch>(message => election.UpdatePeerEpoch(message.Epoch));
        Receive<LookingTooLong>(_ => ResetQuorumLinks());
        LinkEvents(Handle);
    }

    /// <summary>
    /// A notification came over an association, whether or not its <see cref="AssociatedEvent"/> was seen: this actor
    /// subscribes after Akka.Cluster has already connected a member that just started to the others.
    /// </summary>
    private void Heard(ElectionNotification message)
    {
        var sender = message.Notification.Sender;
        if (associations.GetValueOrDefault(sender) == 0 && ensemble.Quorum.IsMember(sender) && sender != ensemble.MyId)
        {
            associations[sender] = 1;
        }
    }

    /// <summary>
    /// A round that lasts this long has usually lost its quorum (members down), and then the reset costs nothing.
    /// But it also happens when Akka.Remote keeps a link open that no longer carries traffic: seen after a member
    /// restarted within a second of its kill, with both sides' TCP connections open and idle, and only closing them
    /// brought the link back (bench/ensemble/findings.md). ZooKeeper's election reconnects its own sockets; here
    /// the member closes its quorum connections and Akka associates afresh. The wait doubles up to a minute.
    /// </summary>
    private void ResetQuorumLinks()
    {
        var closed = Remoting.SocketTransport.ResetConnections(Context.System, "reset by a member looking for a leader too long");
        logger.LogWarning(
            "Still looking for a leader after {Seconds:0} s (round {Round}); closed this member's {Closed} quorum connection(s) so that Akka.Remote associates afresh",
            roundTime.Elapsed.TotalSeconds,
            election.LogicalClock,
            closed);
        lookingTooLongWait = lookingTooLongWait * 2 < MaxResetQuorumLinksWait ? lookingTooLongWait * 2 : MaxResetQuorumLinksWait;
        Timers.StartSingleTimer(LookingTooLongTimer, LookingTooLong.Instance, lookingTooLongWait);
    }

    private void Decided()
    {
        Receive<StartElection>(OnStart);

        // Established members answer LOOKING ones with the vote they settled on.
        Receive<ElectionNotification>(message =>
        {
            Heard(message);
            Send(election.Receive(message.Notification));
        });
        Receive<UpdatePeerEpoch>(message => election.UpdatePeerEpoch(message.Epoch));

        // A timer that fired just before the decision is stale.
        Receive<FinalizeWaitOver>(_ => { });
        Receive<NotificationTimeout>(_ => { });
        Receive<LookingTooLong>(_ => { });
        LinkEvents(_ => { });
    }

    private void OnStart(StartElection message)
    {
        roundTime.Restart();
        scheduledFinalizeToken = 0;
        notificationIntervalMs = LeaderElection.MinNotificationIntervalMs;
        Timers.CancelAll();
        var step = election.Start(message.LastLoggedZxid, message.CurrentEpoch);
        logger.LogInformation(
            "Looking for a leader (round {Round}): server {Id} proposes {Vote}",
            election.LogicalClock,
            ensemble.MyId,
            election.Proposal);
        Become(Looking);
        Timers.StartSingleTimer(NotificationTimer, NotificationTimeout.Instance, TimeSpan.FromMilliseconds(notificationIntervalMs));
        if (resetQuorumLinksAfter > TimeSpan.Zero)
        {
            lookingTooLongWait = resetQuorumLinksAfter;
            Timers.StartSingleTimer(LookingTooLongTimer, LookingTooLong.Instance, lookingTooLongWait);
        }
        Handle(step);
        foreach (var early in earlyNotifications.Values)
        {
            // After a decision a step only answers (Decision is set on the deciding step alone).
            Handle(election.Receive(early));
        }

        earlyNotifications.Clear();
    }

    private void Handle(ElectionStep step)
    {
        Send(step);
        if (step.Decision is { } vote)
        {
            Timers.CancelAll();
            Become(Decided);
            logger.LogInformation(
                "Elected leader {Leader} (epoch 0x{Epoch:x}, zxid 0x{Zxid:x}) in {Ms} ms; this member is {State}",
                vote.Leader,
                vote.PeerEpoch,
                vote.Zxid,
                roundTime.ElapsedMilliseconds,
                step.State.ToString().ToUpperInvariant());
            Context.Parent.Tell(new LeaderElected(vote, step.State));
            return;
        }

        if (step.Status == ElectionStatus.AwaitingFinalize && step.FinalizeToken != scheduledFinalizeToken)
        {
            // A new token is a new wait; an earlier wait's timer is replaced (Finalize would ignore its token anyway).
            scheduledFinalizeToken = step.FinalizeToken;
            Timers.StartSingleTimer(FinalizeTimer, new FinalizeWaitOver(step.FinalizeToken), TimeSpan.FromMilliseconds(LeaderElection.FinalizeWaitMs));
        }
    }

    private void Send(ElectionStep step)
    {
        foreach (var outgoing in step.Messages)
        {
            if (selections.TryGetValue(outgoing.Recipient, out var selection))
            {
                selection.Tell(new ElectionNotification(outgoing.Notification), Self);
            }
        }
    }
}
