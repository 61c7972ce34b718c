using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Core.Tree;

using Acl = ActorZk.Protocol.Records.Acl;

/// <content>Applying txns (ZooKeeper's <c>DataTree.processTxn</c> and the node mutations it calls).</content>
public sealed partial class DataTree
{
    /// <summary>
    /// Applies one txn and fires the watches it triggers. Failures are results, not exceptions: an error txn
    /// reports its code; a create whose node exists reports NodeExists (and, for a plain create, still raises
    /// the parent's cversion/pzxid as ZooKeeper does when replaying over a fuzzy snapshot).
    /// <see cref="LastProcessedZxid"/> advances when the txn's zxid is higher.
    /// </summary>
    /// <param name="header">The txn header.</param>
    /// <param name="txn">The body matching <see cref="TxnHeader.Type"/> (null only for a closeSession without body).</param>
    public ProcessTxnResult ProcessTxn(in TxnHeader header, ITxn? txn) => ProcessTxnCore(header, txn, isSubTxn: false);

    private ProcessTxnResult ProcessTxnCore(in TxnHeader header, ITxn? txn, bool isSubTxn)
    {
        var rc = new ProcessTxnResult
        {
            ClientId = header.ClientId,
            Cxid = header.Cxid,
            Zxid = header.Zxid,
            Type = header.Type,
        };

        try
        {
            switch (header.Type)
            {
                case OpCode.Create:
                {
                    var create = (CreateTxn)txn!;
                    rc.Path = create.Path;
                    rc.Err = CreateNode(create.Path, create.Data, create.Acl, create.Ephemeral ? header.ClientId : 0, create.ParentCVersion, header.Zxid, header.Time, out _);
                    break;
                }

                case OpCode.Create2:
                {
                    var create = (CreateTxn)txn!;
                    rc.Path = create.Path;
                    rc.Err = CreateNode(create.Path, create.Data, create.Acl, create.Ephemeral ? header.ClientId : 0, create.ParentCVersion, header.Zxid, header.Time, out var stat);
                    rc.Stat = rc.Err == ErrorCode.Ok ? stat : null;
                    break;
                }

                case OpCode.CreateTtl:
                {
                    var create = (CreateTTLTxn)txn!;
                    rc.Path = create.Path;

                    // ZooKeeper would throw out of processTxn on an impossible TTL; report it instead.
                    if (!EphemeralOwner.IsValidTtl(create.Ttl))
                    {
                        rc.Err = ErrorCode.BadArguments;
                        break;
                    }

                    rc.Err = CreateNode(create.Path, create.Data, create.Acl, EphemeralOwner.ForTtl(create.Ttl), create.ParentCVersion, header.Zxid, header.Time, out var stat);
                    rc.Stat = rc.Err == ErrorCode.Ok ? stat : null;
                    break;
                }

                case OpCode.CreateContainer:
                {
                    var create = (CreateContainerTxn)txn!;
                    rc.Path = create.Path;
                    rc.Err = CreateNode(create.Path, create.Data, create.Acl, EphemeralOwner.Container, create.ParentCVersion, header.Zxid, header.Time, out var stat);
                    rc.Stat = rc.Err == ErrorCode.Ok ? stat : null;
                    break;
                }

                case OpCode.Delete:
                case OpCode.DeleteContainer:
                {
                    var delete = (DeleteTxn)txn!;
                    rc.Path = delete.Path;
                    rc.Err = DeleteNode(delete.Path, header.Zxid);
                    break;
                }

                case OpCode.Reconfig:
                case OpCode.SetData:
                {
                    var setData = (SetDataTxn)txn!;
                    rc.Path = setData.Path;
                    rc.Err = SetData(setData.Path, setData.Data, setData.Version, header.Zxid, header.Time, out var stat);
                    rc.Stat = rc.Err == ErrorCode.Ok ? stat : null;
                    break;
                }

                case OpCode.SetAcl:
                {
                    var setAcl = (SetACLTxn)txn!;
                    rc.Path = setAcl.Path;
                    rc.Err = SetAcl(setAcl.Path, setAcl.Acl, setAcl.Version, out var stat);
                    rc.Stat = rc.Err == ErrorCode.Ok ? stat : null;
                    break;
                }

                case OpCode.CreateSession:
                    if (txn is CreateSessionTxn createSession)
                    {
                        sessions[header.ClientId] = createSession.TimeOut;
                    }

                    break;

                case OpCode.CloseSession:
                    sessions.Remove(header.ClientId);
                    ephemerals.Remove(header.ClientId, out var localPaths);
                    KillSession(header.Zxid, localPaths, (txn as CloseSessionTxn)?.Paths2Delete);
                    break;

                case OpCode.Error:
                    rc.Err = ((ErrorTxn)txn!).Err;
                    break;

                case OpCode.Check:
                    rc.Path = ((CheckVersionTxn)txn!).Path;
                    break;

                case OpCode.Multi:
                    ApplyMulti(header, (MultiTxn)txn!, rc);
                    break;

                default:
                    break;
            }
        }
        catch (JuteException)
        {
            // ZooKeeper logs an undecodable multi entry and keeps what was applied so far; so do we.
        }

        if (header.Type == OpCode.Create && rc.Err == ErrorCode.NodeExists)
        {
            // Replaying a create over a fuzzy snapshot that already has the node: ZooKeeper still brings the
            // parent's cversion and pzxid forward so they match the other members.
            var path = rc.Path!;
            var lastSlash = path.LastIndexOf('/');
            if (lastSlash >= 0 && !SetCversionPzxid(path[..lastSlash], ((CreateTxn)txn!).ParentCVersion, header.Zxid))
            {
                rc.Err = ErrorCode.NoNode;
            }
        }

        // Only a whole txn moves the zxid, so a snapshot never claims part of a multi.
        if (!isSubTxn && rc.Zxid > LastProcessedZxid)
        {
            LastProcessedZxid = rc.Zxid;
        }

        return rc;
    }

    private void ApplyMulti(in TxnHeader header, MultiTxn multi, ProcessTxnResult rc)
    {
        var txns = multi.Txns;
        var results = new List<ProcessTxnResult>(txns.Count);
        rc.MultiResult = results;

        // A multi that failed in preparation still carries the real txns of the ops before the failing one;
        // none of them may be applied. ZooKeeper reports them as Ok errors and the ops after the failure as
        // RuntimeInconsistency.
        var failed = false;
        for (var i = 0; i < txns.Count; i++)
        {
            if (txns[i].Type == OpCode.Error)
            {
                failed = true;
                break;
            }
        }

        var postFailed = false;
        for (var i = 0; i < txns.Count; i++)
        {
            var sub = txns[i];
            // 3.8.0's list: no create2 (its preparer types every create op of a multi create, createContainer or
            // createTTL); an entry of another type ends the multi here, keeping what was applied.
            if (sub.Type is not (OpCode.Create or OpCode.CreateTtl or OpCode.CreateContainer
                or OpCode.Delete or OpCode.DeleteContainer or OpCode.SetData or OpCode.Error or OpCode.Check))
            {
                JuteException.Throw($"Invalid type of op: {(int)sub.Type}");
            }

            if (sub.Type == OpCode.Error)
            {
                postFailed = true;
            }

            OpCode type;
            ITxn record;
            if (failed && sub.Type != OpCode.Error)
            {
                type = OpCode.Error;
                record = new ErrorTxn(postFailed ? ErrorCode.RuntimeInconsistency : ErrorCode.Ok);
            }
            else
            {
                type = sub.Type;
                record = sub.Record;
            }

            var subHeader = new TxnHeader(header.ClientId, header.Cxid, header.Zxid, header.Time, type);
            var subRc = ProcessTxnCore(subHeader, record, isSubTxn: true);
            results.Add(subRc);
            if (subRc.Err != ErrorCode.Ok && rc.Err == ErrorCode.Ok)
            {
                rc.Err = subRc.Err;
            }
        }
    }

    private ErrorCode CreateNode(
        string path, byte[]? data, IReadOnlyList<Acl> acl, long ephemeralOwner, int parentCVersion, long zxid, long time, out Stat stat)
    {
        stat = default;
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || !nodesBySpan.TryGetValue(path.AsSpan(0, lastSlash), out var parentName, out var parent))
        {
            return ErrorCode.NoNode;
        }

        var childName = path[(lastSlash + 1)..];

        // 3.8.0 asks the parent's child set and leaves an existing node as it is (later versions give it the
        // txn's ACL).
        if (parent.childNames is not null && parent.childNames.Contains(childName))
        {
            return ErrorCode.NodeExists;
        }

        var sharedAcl = aclCache.Intern(acl);

        if (parentCVersion == -1)
        {
            parentCVersion = parent.persistedStat.Cversion + 1;
        }

        // A replay over a fuzzy snapshot may re-create a node created and deleted later; never move the
        // parent's cversion and pzxid back.
        if (parentCVersion > parent.persistedStat.Cversion)
        {
            parent.persistedStat.Cversion = parentCVersion;
            parent.persistedStat.Pzxid = zxid;
        }

        var child = new DataNode(data, sharedAcl, StatPersisted.ForCreate(zxid, time, ephemeralOwner));
        parent.AddChild(childName);
        nodeDataSize += NodeSize(path, data);
        nodes[path] = child;
        TrackOwner(path, ephemeralOwner);

        stat = child.ToStat(extendedTypes);
        OnQuotaNodeCreated(parentName, childName);
        UpdateQuotaForChange(path, data?.Length ?? 0, 1);

        DataWatches.Trigger(path, EventType.NodeCreated, nodeAcl: EventAcl(sharedAcl));
        ChildWatches.Trigger(parentName.Length == 0 ? "/" : parentName, EventType.NodeChildrenChanged, nodeAcl: EventAcl(parent.Acl));
        return ErrorCode.Ok;
    }

    private ErrorCode DeleteNode(string path, long zxid)
    {
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || !nodesBySpan.TryGetValue(path.AsSpan(0, lastSlash), out var parentName, out var parent))
        {
            return ErrorCode.NoNode;
        }

        var childName = path[(lastSlash + 1)..];

        // The parent is updated even when the child is already gone (fuzzy snapshot replay), and its pzxid
        // only moves forward.
        parent.RemoveChild(childName);
        if (zxid > parent.persistedStat.Pzxid)
        {
            parent.persistedStat.Pzxid = zxid;
        }

        if (!nodes.Remove(path, out var node))
        {
            return ErrorCode.NoNode;
        }

        aclCache.Release(node.Acl);
        nodeDataSize -= NodeSize(path, node.Data);
        var owner = node.persistedStat.EphemeralOwner;
        switch (EphemeralOwner.GetKind(owner, extendedTypes))
        {
            case EphemeralKind.Container:
                containers.Remove(path);
                break;
            case EphemeralKind.Ttl:
                ttls.Remove(path);
                break;
            case EphemeralKind.Normal:
                if (ephemerals.TryGetValue(owner, out var owned))
                {
                    owned.Remove(path);
                }

                break;
            default:
                break;
        }

        OnQuotaNodeDeleted(parentName, childName);
        UpdateQuotaForChange(path, -(node.Data?.Length ?? 0), -1);

        var processed = DataWatches.Trigger(path, EventType.NodeDeleted, nodeAcl: EventAcl(node.Acl));
        ChildWatches.Trigger(path, EventType.NodeDeleted, processed, EventAcl(node.Acl));
        ChildWatches.Trigger(parentName.Length == 0 ? "/" : parentName, EventType.NodeChildrenChanged, nodeAcl: EventAcl(parent.Acl));
        return ErrorCode.Ok;
    }

    private ErrorCode SetData(string path, byte[]? data, int version, long zxid, long time, out Stat stat)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            stat = default;
            return ErrorCode.NoNode;
        }

        var lastData = node.Data;
        node.Data = data;
        node.persistedStat.Mtime = time;
        node.persistedStat.Mzxid = zxid;
        node.persistedStat.Version = version;
        stat = node.ToStat(extendedTypes);
        UpdateQuotaForChange(path, (data?.Length ?? 0) - (lastData?.Length ?? 0), 0);
        nodeDataSize += NodeSize(path, data) - NodeSize(path, lastData);
        DataWatches.Trigger(path, EventType.NodeDataChanged, nodeAcl: EventAcl(node.Acl));
        return ErrorCode.Ok;
    }

    // The ACL that decides who hears about a change of a node: with skipACL, everyone.
    private IReadOnlyList<Acl>? EventAcl(IReadOnlyList<Acl> acl) => Options.SkipAcl ? null : acl;

    private ErrorCode SetAcl(string path, IReadOnlyList<Acl> acl, int version, out Stat stat)
    {
        if (!nodes.TryGetValue(path, out var node))
        {
            stat = default;
            return ErrorCode.NoNode;
        }

        aclCache.Release(node.Acl);
        node.persistedStat.Aversion = version;
        node.Acl = aclCache.Intern(acl);
        stat = node.ToStat(extendedTypes);
        return ErrorCode.Ok;
    }

    private bool SetCversionPzxid(string path, int newCversion, long zxid)
    {
        if (path.EndsWith('/'))
        {
            path = path[..^1];
        }

        if (!nodes.TryGetValue(path, out var node))
        {
            return false;
        }

        if (newCversion == -1)
        {
            newCversion = node.persistedStat.Cversion + 1;
        }

        if (newCversion > node.persistedStat.Cversion)
        {
            node.persistedStat.Cversion = newCversion;
            node.persistedStat.Pzxid = zxid;
        }

        return true;
    }

    private void KillSession(long zxid, JavaStringHashSet? localPaths, IReadOnlyList<string>? txnPaths)
    {
        if (txnPaths is not null)
        {
            foreach (var path in txnPaths)
            {
                // A node already gone is ignored, as ZooKeeper only logs it.
                DeleteNode(path, zxid);
            }
        }

        if (localPaths is null || localPaths.Count == 0)
        {
            return;
        }

        if (txnPaths is not null)
        {
            foreach (var path in txnPaths)
            {
                localPaths.Remove(path);
            }
        }

        if (localPaths.Count == 0)
        {
            return;
        }

        // Ephemerals the preparer did not list (ZooKeeper warns about them) are deleted too, in the set's order,
        // the same on every member.
        var leftovers = new List<string>(localPaths);
        foreach (var path in leftovers)
        {
            DeleteNode(path, zxid);
        }
    }
}
