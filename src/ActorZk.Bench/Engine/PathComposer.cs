namespace ActorZk.Bench.Engine;

/// <summary>Writes the UTF-8 path of work item <paramref name="item"/> into <paramref name="destination"/>; returns its length.</summary>
internal delegate int PathComposer<TState>(TState state, long item, Span<byte> destination);
