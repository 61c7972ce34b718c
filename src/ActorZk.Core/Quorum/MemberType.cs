namespace ActorZk.Core.Quorum;

/// <summary>How a <c>server.N</c> line of zoo.cfg takes part (ZooKeeper's <c>LearnerType</c>).</summary>
public enum MemberType
{
    /// <summary>A participant: votes in elections, acks proposals, can lead.</summary>
    Voter,

    /// <summary>An observer (<c>:observer</c>): follows the leader and applies commits, never votes, never leads.</summary>
    Observer,
}
