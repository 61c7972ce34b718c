using ActorZk.Server.Quorum;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>
/// Plays the peer actor at /user/peer: creates the election actor as its child "election", forwards the test's
/// StartElection/UpdatePeerEpoch to it and reports every LeaderElected to the test's probe.
/// </summary>
internal sealed class StandInPeer : ReceiveActor
{
    public StandInPeer(EnsembleContext ensemble, ILogger logger, IActorRef reportTo)
    {
        var election = Context.ActorOf(ElectionActor.Props(ensemble, logger), EnsembleContext.ElectionActorName);
        Receive<LeaderElected>(message => reportTo.Tell(new Elected(ensemble.MyId, message)));
        Receive<StartElection>(message => election.Forward(message));
        Receive<UpdatePeerEpoch>(message => election.Forward(message));
    }

    public static Props Props(EnsembleContext ensemble, ILogger logger, IActorRef reportTo)
        => Akka.Actor.Props.Create(() => new StandInPeer(ensemble, logger, reportTo));
}
