using System.Globalization;
using System.Text;
using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tools;

/// <summary>One line per txn, in the spirit of ZooKeeper's zkTxnLogToolkit, for people reading a log.</summary>
public static class TxnText
{
    public static string Format(in TxnHeader header, ITxn? txn)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(header.Time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{time} session 0x{header.ClientId:x} cxid 0x{header.Cxid:x} zxid 0x{header.Zxid:x} {Describe(txn)}");
    }

    public static string Describe(ITxn? txn) => txn switch
    {
        null => "(no body)",
        CreateTxn t => $"create {t.Path} {Data(t.Data)} acl={Acls(t.Acl)}{(t.Ephemeral ? " ephemeral" : string.Empty)} parentCVersion={t.ParentCVersion}",
        CreateTTLTxn t => $"createTTL {t.Path} {Data(t.Data)} acl={Acls(t.Acl)} ttl={t.Ttl} parentCVersion={t.ParentCVersion}",
        CreateContainerTxn t => $"createContainer {t.Path} {Data(t.Data)} acl={Acls(t.Acl)} parentCVersion={t.ParentCVersion}",
        DeleteTxn t => $"delete {t.Path}",
        SetDataTxn t => $"setData {t.Path} {Data(t.Data)} version={t.Version}",
        CheckVersionTxn t => $"check {t.Path} version={t.Version}",
        SetACLTxn t => $"setACL {t.Path} acl={Acls(t.Acl)} version={t.Version}",
        CreateSessionTxn t => $"createSession timeout={t.TimeOut}",
        CloseSessionTxn t => $"closeSession deletes [{string.Join(", ", t.Paths2Delete)}]",
        ErrorTxn t => $"error {t.Err}",
        MultiTxn t => $"multi [{string.Join("; ", t.Txns.Select(sub => Describe(sub.Record)))}]",
        _ => txn.GetType().Name,
    };

    public static string Data(byte[]? data)
    {
        if (data is null)
        {
            return "data=null";
        }

        // Printable UTF-8 is shown as text, anything else as hex, and long values are cut.
        const int Shown = 64;
        var slice = data.AsSpan(0, Math.Min(data.Length, Shown));
        var text = Encoding.UTF8.GetString(slice);
        var printable = text.All(c => !char.IsControl(c) && c != '\uFFFD');
        var shown = printable ? $"'{text}'" : Convert.ToHexString(slice);
        return data.Length > Shown ? $"data={shown}... ({data.Length} bytes)" : $"data={shown}";
    }

    public static string Acls(IReadOnlyList<Acl> acl)
        => string.Join(",", acl.Select(a => $"{a.Id.Scheme}:{a.Id.Identity}:{PermsText.ToLetters(a.Perms)}"));
}
