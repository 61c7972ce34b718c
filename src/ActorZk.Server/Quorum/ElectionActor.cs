using ActorZk.Core.Quorum;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Quorum;

/// <summary>The shell around <see cref="LeaderElection"/>: transport, timers, and the decision to the parent.</summary>
public sealed class ElectionActor : ReceiveActor, IWithTimers
{
    private readonly EnsembleContext ensemble;
    private readonly ILogger logger;
    private readonly LeaderElection election;
    private readonly Dictionary<long, ActorSelection> peers = [];
    private int interval = LeaderElection.MinNotificationIntervalMs;
    private long scheduledToken;

    public ElectionActor(EnsembleContext ensemble, ILogger logger)
    {
        this.ensemble = ensemble;
        this.logger = logger;
        election = new LeaderElection(ensemble.Quorum, ensemble.MyId);
        Receive<StartElection>(m => Handle(election.Start(m.LastLoggedZxid, m.CurrentEpoch), restartTimers: true));
        Receive<ElectionNotification>(m => Handle(election.Receive(m.Notification), restartTimers: false));
        Receive<UpdatePeerEpoch>(m => election.UpdatePeerEpoch(m.Epoch));
        Receive<FinalizeDue>(m => Handle(election.Finalize(m.Token), restartTimers: false));
        Receive<RebroadcastDue>(_ => OnRebroadcast());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(EnsembleContext ensemble, ILogger logger)
        => Akka.Actor.Props.Create(() => new ElectionActor(ensemble, logger));

    private void Handle(ElectionStep step, bool restartTimers)
    {
        foreach (var message in step.Messages)
        {
            Peer(message.Recipient).Tell(new ElectionNotification(message.Notification), Self);
        }

        if (restartTimers)
        {
            interval = LeaderElection.MinNotificationIntervalMs;
            Timers.StartSingleTimer("rebroadcast", RebroadcastDue.Instance, TimeSpan.FromMilliseconds(interval));
        }

        if (step.Status == ElectionStatus.AwaitingFinalize && step.FinalizeToken != scheduledToken)
        {
            scheduledToken = step.FinalizeToken;
            Timers.StartSingleTimer("finalize", new FinalizeDue(step.FinalizeToken), TimeSpan.FromMilliseconds(LeaderElection.FinalizeWaitMs));
        }

        if (step.Decision is { } vote)
        {
            Timers.Cancel("rebroadcast");
            logger.LogInformation("Elected leader {Leader} (epoch 0x{Epoch:x}, zxid 0x{Zxid:x}); this member is {State}", vote.Leader, vote.PeerEpoch, vote.Zxid, step.State);
            Context.Parent.Tell(new LeaderElected(vote, step.State));
        }
    }

    private void OnRebroadcast()
    {
        if (election.Status == ElectionStatus.Decided)
        {
            return;
        }

        Handle(election.Rebroadcast(), restartTimers: false);
        interval = Math.Min(LeaderElection.NextNotificationInterval(interval), 2_000);
        Timers.StartSingleTimer("rebroadcast", RebroadcastDue.Instance, TimeSpan.FromMilliseconds(interval));
    }

    private ActorSelection Peer(long id)
    {
        if (!peers.TryGetValue(id, out var selection))
        {
            selection = Context.ActorSelection(ensemble.ElectionPath(id));
            peers[id] = selection;
        }

        return selection;
    }

    private sealed record FinalizeDue(long Token);

    private sealed record RebroadcastDue
    {
        public static readonly RebroadcastDue Instance = new();
    }
}
