using System.Globalization;
using System.Text;
using ActorZk.Core.Tree;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Storage;

namespace ActorZk.Server.Tests.Durability;

/// <summary>
/// Builds txns for the txn log tests and keeps the tree they should produce: zxid n creates /n{n}, and every
/// third zxid sets /n1 instead, so the replay order matters. A "branch" tag changes the data, so that txns
/// written after a cut are told apart from the ones they replaced.
/// </summary>
internal sealed class TxnScript
{
    private readonly List<(TxnHeader Header, ITxn Txn)> txns = [];

    public long LastZxid => txns.Count == 0 ? 0 : txns[^1].Header.Zxid;

    /// <summary>Txns for zxids <paramref name="from"/>..<paramref name="to"/>, in order.</summary>
    public IReadOnlyList<LoggedTxn> Next(long from, long to, string branch = "a")
    {
        var batch = new List<LoggedTxn>();
        for (var zxid = from; zxid <= to; zxid++)
        {
            var header = new TxnHeader(1, (int)zxid, zxid, 1_700_000_000_000 + zxid, zxid % 3 == 0 ? OpCode.SetData : OpCode.Create);
            var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{branch}{zxid}"));
            ITxn txn = header.Type == OpCode.SetData
                ? new SetDataTxn("/n1", data, CountSetsOfN1() + 1)
                : new CreateTxn(string.Create(CultureInfo.InvariantCulture, $"/n{zxid}"), data, Acl.OpenAclUnsafe, false, -1);
            txns.Add((header, txn));
            batch.Add(new LoggedTxn(zxid, TxnCodec.Encode(header, txn)));
        }

        return batch;
    }

    /// <summary>Forgets the txns after <paramref name="zxid"/>, as the log's truncation must.</summary>
    public void CutAfter(long zxid) => txns.RemoveAll(t => t.Header.Zxid > zxid);

    /// <summary>The tree of the txns up to <paramref name="zxid"/> (all when null).</summary>
    public DataTree TreeAt(long? zxid = null)
    {
        var tree = new DataTree(TxnLogHost.Options);
        foreach (var (header, txn) in txns.Where(t => zxid is null || t.Header.Zxid <= zxid))
        {
            tree.ProcessTxn(header, txn);
        }

        return tree;
    }

    /// <summary>The snapshot form of a tree: equal trees give equal bytes, so trees compare by these.</summary>
    public static byte[] Bytes(DataTree tree)
    {
        using var stream = new MemoryStream();
        tree.Serialize(stream);
        return stream.ToArray();
    }

    public TreeSnapshot SnapshotAt(long zxid) => new(zxid, Bytes(TreeAt(zxid)));

    // SetDataTxn carries the version the node has after the write: one more than the sets before it.
    private int CountSetsOfN1() => txns.Count(t => t.Header.Type == OpCode.SetData);
}
