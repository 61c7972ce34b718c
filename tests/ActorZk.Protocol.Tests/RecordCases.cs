using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;
using CsCheck;
using static ActorZk.Protocol.Tests.Gens;

namespace ActorZk.Protocol.Tests;

/// <summary>One record type under test: its generator plus round-trip and truncation checks.</summary>
internal abstract class RecordCase
{
    public abstract string Name { get; }

    public abstract void RoundTrip();

    public abstract void TruncatedInputThrowsJuteException();
}

internal sealed class RecordCase<T>(Gen<T> gen, int? optionalTailBytes = null) : RecordCase
    where T : IJuteRecord<T>
{
    public override string Name => typeof(T).Name;

    public override void RoundTrip() => gen.Sample(record =>
    {
        var bytes = Wire.Encode(record);
        var reader = new JuteReader(bytes);
        var decoded = T.Deserialize(ref reader);
        Assert.Equal(bytes.Length, reader.Position);

        // The encoding is injective for the values generated (no null strings or vectors), so equal
        // bytes after a second encoding mean every field survived.
        Assert.Equal(bytes, Wire.Encode(decoded));
    }, iter: 300);

    public override void TruncatedInputThrowsJuteException() => gen.Sample(record =>
    {
        var bytes = Wire.Encode(record);
        for (var length = 0; length < bytes.Length; length++)
        {
            if (optionalTailBytes is { } tail && length == bytes.Length - tail)
            {
                continue; // the record without its optional trailing field is valid
            }

            var prefix = bytes[..length];
            var exception = Record.Exception(() =>
            {
                var reader = new JuteReader(prefix);
                T.Deserialize(ref reader);
            });
            Assert.True(exception is JuteException, $"{Name}: {length} of {bytes.Length} bytes gave {exception?.GetType().Name ?? "no exception"}");
        }
    }, iter: 50);
}

/// <summary>The registry of all records, for theories.</summary>
internal static class RecordCases
{
    private static readonly RecordCase[] All =
    [
        new RecordCase<Id>(IdGen),
        new RecordCase<Acl>(Acls.Where(a => a.Count > 0).Select(a => a[0])),
        new RecordCase<Stat>(Gens.Stat),
        new RecordCase<ClientInfo>(Gens.ClientInfo),
        new RecordCase<RequestHeader>(Gen.Select(Gen.Int, AnyOpCode, (x, t) => new RequestHeader(x, t))),
        new RecordCase<ReplyHeader>(Gen.Select(Gen.Int, Gen.Long, AnyError, (x, z, e) => new ReplyHeader(x, z, e))),
        new RecordCase<MultiHeader>(Gen.Select(AnyOpCode, Gen.Bool, AnyError, (t, d, e) => new MultiHeader(t, d, e))),
        new RecordCase<ConnectRequest>(
            Gen.Select(Gen.Int, Gen.Long, Gen.Int, Gen.Long, Bytes, Gen.Bool, Gen.Bool, (v, z, t, s, p, r, has) =>
                new ConnectRequest(v, z, t, s, p, r && has) { HasReadOnlyFlag = has }),
            optionalTailBytes: 1),
        new RecordCase<ConnectResponse>(
            Gen.Select(Gen.Int, Gen.Int, Gen.Long, Bytes, Gen.Bool, Gen.Bool, (v, t, s, p, r, has) =>
                new ConnectResponse(v, t, s, p, r && has) { WriteReadOnlyFlag = has }),
            optionalTailBytes: 1),
        new RecordCase<SetWatches>(Gen.Select(Gen.Long, Strings, Strings, Strings, (z, d, e, c) => new SetWatches(z, d, e, c))),
        new RecordCase<SetWatches2>(Gen.Select(Gen.Long, Strings, Strings, Strings, Strings, Strings,
            (z, d, e, c, p, r) => new SetWatches2(z, d, e, c, p, r))),
        new RecordCase<AuthPacket>(Gen.Select(Gen.Int, Str, Bytes, (t, s, a) => new AuthPacket(t, s, a))),
        new RecordCase<GetDataRequest>(Gen.Select(Str, Gen.Bool, (p, w) => new GetDataRequest(p, w))),
        new RecordCase<SetDataRequest>(Gen.Select(Str, Data, Gen.Int, (p, d, v) => new SetDataRequest(p, d, v))),
        new RecordCase<ReconfigRequest>(Gen.Select(Str, Str, Str, Gen.Long, (j, l, n, c) => new ReconfigRequest(j, l, n, c))),
        new RecordCase<SetDataResponse>(Gens.Stat.Select(s => new SetDataResponse(s))),
        new RecordCase<GetSASLRequest>(Bytes.Select(b => new GetSASLRequest(b))),
        new RecordCase<SetSASLRequest>(Bytes.Select(b => new SetSASLRequest(b))),
        new RecordCase<SetSASLResponse>(Bytes.Select(b => new SetSASLResponse(b))),
        new RecordCase<CreateRequest>(Gens.CreateRequest),
        new RecordCase<CreateTTLRequest>(CreateTtlRequest),
        new RecordCase<DeleteRequest>(Gen.Select(Str, Gen.Int, (p, v) => new DeleteRequest(p, v))),
        new RecordCase<DeleteContainerRequest>(Str.Select(p => new DeleteContainerRequest(p))),
        new RecordCase<GetChildrenRequest>(Gen.Select(Str, Gen.Bool, (p, w) => new GetChildrenRequest(p, w))),
        new RecordCase<GetAllChildrenNumberRequest>(Str.Select(p => new GetAllChildrenNumberRequest(p))),
        new RecordCase<GetChildren2Request>(Gen.Select(Str, Gen.Bool, (p, w) => new GetChildren2Request(p, w))),
        new RecordCase<CheckVersionRequest>(Gen.Select(Str, Gen.Int, (p, v) => new CheckVersionRequest(p, v))),
        new RecordCase<GetMaxChildrenRequest>(Str.Select(p => new GetMaxChildrenRequest(p))),
        new RecordCase<GetMaxChildrenResponse>(Gen.Int.Select(m => new GetMaxChildrenResponse(m))),
        new RecordCase<SetMaxChildrenRequest>(Gen.Select(Str, Gen.Int, (p, m) => new SetMaxChildrenRequest(p, m))),
        new RecordCase<SyncRequest>(Str.Select(p => new SyncRequest(p))),
        new RecordCase<SyncResponse>(Str.Select(p => new SyncResponse(p))),
        new RecordCase<GetACLRequest>(Str.Select(p => new GetACLRequest(p))),
        new RecordCase<SetACLRequest>(Gen.Select(Str, Acls, Gen.Int, (p, a, v) => new SetACLRequest(p, a, v))),
        new RecordCase<SetACLResponse>(Gens.Stat.Select(s => new SetACLResponse(s))),
        new RecordCase<AddWatchRequest>(Gen.Select(Str, Gen.Int, (p, m) => new AddWatchRequest(p, m))),
        new RecordCase<WatcherEvent>(Gen.Select(Gen.Int, Gen.Int, Str, (t, s, p) => new WatcherEvent((EventType)t, (KeeperState)s, p))),
        new RecordCase<ErrorResponse>(AnyError.Select(e => new ErrorResponse(e))),
        new RecordCase<CreateResponse>(Str.Select(p => new CreateResponse(p))),
        new RecordCase<Create2Response>(Gen.Select(Str, Gens.Stat, (p, s) => new Create2Response(p, s))),
        new RecordCase<ExistsRequest>(Gen.Select(Str, Gen.Bool, (p, w) => new ExistsRequest(p, w))),
        new RecordCase<ExistsResponse>(Gens.Stat.Select(s => new ExistsResponse(s))),
        new RecordCase<GetDataResponse>(Gen.Select(Data, Gens.Stat, (d, s) => new GetDataResponse(d, s))),
        new RecordCase<GetChildrenResponse>(Strings.Select(c => new GetChildrenResponse(c))),
        new RecordCase<GetAllChildrenNumberResponse>(Gen.Int.Select(n => new GetAllChildrenNumberResponse(n))),
        new RecordCase<GetChildren2Response>(Gen.Select(Strings, Gens.Stat, (c, s) => new GetChildren2Response(c, s))),
        new RecordCase<GetACLResponse>(Gen.Select(Acls, Gens.Stat, (a, s) => new GetACLResponse(a, s))),
        new RecordCase<CheckWatchesRequest>(Gen.Select(Str, Gen.Int, (p, t) => new CheckWatchesRequest(p, t))),
        new RecordCase<RemoveWatchesRequest>(Gen.Select(Str, Gen.Int, (p, t) => new RemoveWatchesRequest(p, t))),
        new RecordCase<GetEphemeralsRequest>(Str.Select(p => new GetEphemeralsRequest(p))),
        new RecordCase<GetEphemeralsResponse>(Strings.Select(e => new GetEphemeralsResponse(e))),
        new RecordCase<WhoAmIResponse>(Gens.ClientInfo.List[0, 4].Select(c => new WhoAmIResponse(c))),
        new RecordCase<MultiRequest>(Gens.MultiRequest),
        new RecordCase<MultiResponse>(Gens.MultiResponse),
    ];

    public static IEnumerable<object[]> Names => All.Select(c => new object[] { c.Name });

    public static RecordCase Get(string name) => All.Single(c => c.Name == name);

    public static int Count => All.Length;
}
