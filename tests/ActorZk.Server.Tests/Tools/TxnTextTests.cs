using ActorZk.Core.Txns;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;
using ActorZk.Server.Tools;
using Xunit;

namespace ActorZk.Server.Tests.Tools;

public sealed class TxnTextTests
{
    [Fact]
    public void AnEncodedTxnReadsBackAsOneLine()
    {
        var header = new TxnHeader(0x1234, 7, 0x100000002, 1_700_000_000_000, OpCode.Create);
        var bytes = TxnCodec.Encode(header, new CreateTxn("/app/lock-0000000001", "me"u8.ToArray(), Acl.OpenAclUnsafe, true, 2));

        var decoded = TxnCodec.Decode(bytes, out var txn);

        Assert.Equal(
            "2023-11-14 22:13:20.000 session 0x1234 cxid 0x7 zxid 0x100000002 create /app/lock-0000000001 data='me' acl=world:anyone:cdrwa ephemeral parentCVersion=2",
            TxnText.Format(decoded, txn));
    }

    [Theory]
    [InlineData(null, "data=null")]
    [InlineData(new byte[] { 0, 1, 255 }, "data=0001FF")]
    [InlineData(new byte[] { 104, 105 }, "data='hi'")]
    public void DataIsShownAsTextOnlyWhenItIsText(byte[]? data, string expected)
        => Assert.Equal(expected, TxnText.Data(data));

    [Fact]
    public void AMultiListsItsOps()
    {
        var multi = new MultiTxn([
            new Txn(OpCode.Delete, new DeleteTxn("/a")),
            new Txn(OpCode.SetData, new SetDataTxn("/b", null, 3)),
        ]);

        Assert.Equal("multi [delete /a; setData /b data=null version=3]", TxnText.Describe(multi));
    }
}
