namespace ActorZk.Client.Engine;

/// <summary>What a reply codec needs besides the bytes.</summary>
/// <param name="Chroot">The chroot, to map server paths in the reply back to client paths.</param>
/// <param name="ClientPath">The request's client path, for exceptions.</param>
/// <param name="State">Request-specific data (the ops of a multi).</param>
internal readonly record struct ReplyContext(Chroot Chroot, string? ClientPath, object? State);
