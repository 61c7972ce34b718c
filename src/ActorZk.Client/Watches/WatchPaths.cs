namespace ActorZk.Client.Watches;

/// <summary>The server paths of every watch the client holds, by table, as sent in setWatches after a reconnect.</summary>
/// <param name="Data">Paths with data watches.</param>
/// <param name="Exist">Paths with exist watches.</param>
/// <param name="Child">Paths with child watches.</param>
/// <param name="Persistent">Paths with persistent watches.</param>
/// <param name="PersistentRecursive">Paths with persistent recursive watches.</param>
internal sealed record WatchPaths(
    IReadOnlyList<string> Data,
    IReadOnlyList<string> Exist,
    IReadOnlyList<string> Child,
    IReadOnlyList<string> Persistent,
    IReadOnlyList<string> PersistentRecursive)
{
    /// <summary>True when no watch is held.</summary>
    public bool IsEmpty => Data.Count == 0 && Exist.Count == 0 && Child.Count == 0 && Persistent.Count == 0 && PersistentRecursive.Count == 0;
}
