using ActorZk.Protocol.Records;
using static ActorZk.Protocol.Tests.Wire;

namespace ActorZk.Protocol.Tests;

public class ConnectTests
{
    private static readonly byte[] Password = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    [Fact]
    public void Request_of_an_old_client_without_readOnly_decodes()
    {
        var old = new ConnectRequest(0, 5, 30000, 42, Password, false) { HasReadOnlyFlag = false };
        var bytes = Encode(old);
        Assert.Equal(44, bytes.Length); // 4 + 8 + 4 + 8 + (4 + 16), no trailing byte

        var decoded = Decode<ConnectRequest>(bytes);
        Assert.False(decoded.HasReadOnlyFlag);
        Assert.False(decoded.ReadOnly);
        Assert.Equal((0, 5L, 30000, 42L), (decoded.ProtocolVersion, decoded.LastZxidSeen, decoded.TimeOut, decoded.SessionId));
        Assert.Equal(Password, decoded.Passwd);
    }

    [Fact]
    public void Request_with_readOnly_decodes_the_flag()
    {
        var decoded = Decode<ConnectRequest>(Encode(new ConnectRequest(0, 0, 1, 0, Password, true)));
        Assert.True(decoded.HasReadOnlyFlag);
        Assert.True(decoded.ReadOnly);
    }

    [Fact]
    public void Response_omits_readOnly_when_asked()
    {
        var response = new ConnectResponse(0, 30000, 7, Password, false);
        Assert.Equal(37, Encode(response).Length);
        Assert.Equal(36, Encode(response with { WriteReadOnlyFlag = false }).Length);
        Assert.False(Decode<ConnectResponse>(Encode(response with { WriteReadOnlyFlag = false })).WriteReadOnlyFlag);
        Assert.True(Decode<ConnectResponse>(Encode(response)).WriteReadOnlyFlag);
    }

    [Fact]
    public void Null_password_reads_as_empty()
    {
        var bytes = Hex("00000000" + "0000000000000000" + "00000001" + "0000000000000000" + "ffffffff");
        Assert.Empty(Decode<ConnectRequest>(bytes).Passwd);
    }
}
