using System.Text;
using ActorZk.Protocol;
using ActorZk.Protocol.Records;

namespace ActorZk.Server.Tests.Durability;

/// <summary>One-line writes and reads for the recovery tests; each throws unless the server says Ok.</summary>
internal static class WireClientExtensions
{
    public static async Task<(string Path, long Zxid)> CreateAsync(this WireClient client, string path, string data, CreateMode mode = CreateMode.Persistent)
    {
        var reply = Ok(await client.CallAsync(OpCode.Create, new CreateRequest(path, Encoding.UTF8.GetBytes(data), Acl.OpenAclUnsafe, (int)mode)), path);
        return (reply.Read<CreateResponse>().Path, reply.Zxid);
    }

    public static async Task<Stat> SetDataAsync(this WireClient client, string path, string data, int version = -1)
        => Ok(await client.CallAsync(OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(data), version)), path).Read<SetDataResponse>().Stat;

    public static async Task DeleteAsync(this WireClient client, string path, int version = -1)
        => Ok(await client.CallAsync(OpCode.Delete, new DeleteRequest(path, version)), path);

    public static async Task<long> MultiAsync(this WireClient client, params MultiOp[] ops)
    {
        var reply = Ok(await client.CallAsync(OpCode.Multi, new MultiRequest(ops)), "multi");
        var failed = reply.ReadMulti().Results.FirstOrDefault(r => r.IsError);
        return failed is null ? reply.Zxid : throw new InvalidOperationException($"multi failed: {failed.Err}");
    }

    /// <summary>The node's Stat, or null when it does not exist.</summary>
    public static async Task<Stat?> ExistsAsync(this WireClient client, string path)
    {
        var reply = await client.CallAsync(OpCode.Exists, new ExistsRequest(path, false));
        return reply.Err == ErrorCode.NoNode ? null : Ok(reply, path).Read<ExistsResponse>().Stat;
    }

    private static WireReply Ok(WireReply reply, string what)
        => reply.Err == ErrorCode.Ok ? reply : throw new InvalidOperationException($"{what}: {reply.Err}");
}
