namespace ActorZk.Server.Storage;

/// <summary>A snapshot row the log knows of: where it sits in the journal and the zxid it is labelled with.</summary>
/// <param name="SequenceNr">The journal sequence number the snapshot covers (recovery replays the events after it).</param>
/// <param name="Zxid">The snapshot's label.</param>
internal sealed record StoredSnapshot(long SequenceNr, long Zxid);
