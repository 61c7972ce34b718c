using ActorZk.Server.Quorum;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>What a stand-in peer reports to the test: which member's election decided what.</summary>
internal sealed record Elected(long MemberId, LeaderElected Decision);
