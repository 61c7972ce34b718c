using ActorZk.Core.Quorum;
using Akka.Actor;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>The shapes quorum messages use (record, record struct, enum, byte[], IActorRef), in one message.</summary>
internal sealed record SerializationSample(byte[] Payload, IActorRef Sender, ServerState State, Vote Vote, IReadOnlyList<long> Ids);
