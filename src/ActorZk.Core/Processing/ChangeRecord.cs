using ActorZk.Core.Tree;

namespace ActorZk.Core.Processing;

using Acl = ActorZk.Protocol.Records.Acl;

/// <summary>
/// What a prepared but not yet applied txn will leave at a path (ZooKeeper's <c>ChangeRecord</c>), so that
/// requests prepared after it see its effect. A null <see cref="Stat"/> means "deleted".
/// </summary>
internal sealed class ChangeRecord(long zxid, string path, StatPersisted? stat, int childCount, IReadOnlyList<Acl>? acl)
{
    public long Zxid { get; } = zxid;

    public string Path { get; } = path;

    public StatPersisted? Stat { get; set; } = stat;

    public int ChildCount { get; set; } = childCount;

    public IReadOnlyList<Acl>? Acl { get; } = acl;

    public byte[]? Data { get; set; }

    public ChangeRecord Duplicate(long newZxid)
        => new(newZxid, Path, Stat, ChildCount, Acl) { Data = Data };
}
