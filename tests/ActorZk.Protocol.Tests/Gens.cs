using ActorZk.Protocol.Records;
using CsCheck;

namespace ActorZk.Protocol.Tests;

/// <summary>CsCheck generators for every record.</summary>
internal static class Gens
{
    // Paths and names: ASCII, plus multi-byte UTF-8 and a surrogate pair, so string lengths differ from char counts.
    public static readonly Gen<string> Str = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.String[Gen.Char["/abcxyz-_.0123456789"], 1, 30],
        Gen.OneOfConst("/", "/zk/\u00e9t\u00e9", "/\u4e2d\u6587/\U0001F600", "digest", "world", "anyone"));

    public static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 40];

    // Znode data keeps null distinct from empty.
    public static readonly Gen<byte[]?> Data = Gen.Frequency((1, Gen.Const((byte[]?)null)), (4, Bytes.Select(b => (byte[]?)b)));

    public static readonly Gen<IReadOnlyList<string>> Strings = Str.List[0, 6].Select(l => (IReadOnlyList<string>)l);

    public static readonly Gen<Id> IdGen = Gen.Select(Str, Str, (s, i) => new Id(s, i));

    public static readonly Gen<IReadOnlyList<Acl>> Acls = Gen.Select(Gen.Int, IdGen, (p, id) => new Acl((Perms)p, id))
        .List[0, 4].Select(l => (IReadOnlyList<Acl>)l);

    public static readonly Gen<Stat> Stat = Gen.Select(
        Gen.Select(Gen.Long, Gen.Long, Gen.Long, Gen.Long),
        Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Long),
        Gen.Select(Gen.Int, Gen.Int, Gen.Long),
        (a, b, c) => new Stat(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4, c.Item1, c.Item2, c.Item3));

    public static readonly Gen<OpCode> AnyOpCode = Gen.Int.Select(i => (OpCode)i);

    public static readonly Gen<ErrorCode> AnyError = Gen.Int.Select(i => (ErrorCode)i);

    public static readonly Gen<ClientInfo> ClientInfo = Gen.Select(Str, Str, (a, u) => new ClientInfo(a, u));

    public static readonly Gen<int> CreateFlags = Gen.Int[0, 6];

    public static readonly Gen<CreateRequest> CreateRequest =
        Gen.Select(Str, Data, Acls, CreateFlags, (p, d, a, f) => new CreateRequest(p, d, a, f));

    public static readonly Gen<CreateTTLRequest> CreateTtlRequest =
        Gen.Select(Str, Data, Acls, Gen.Int, Gen.Long, (p, d, a, f, t) => new CreateTTLRequest(p, d, a, f, t));

    public static readonly Gen<MultiOp> WriteOp = Gen.OneOf(
        Gen.Select(CreateRequest, Gen.OneOfConst(OpCode.Create, OpCode.Create2, OpCode.CreateContainer), (r, t) => MultiOp.Create(r, t)),
        CreateTtlRequest.Select(MultiOp.CreateTtl),
        Gen.Select(Str, Gen.Int, (p, v) => MultiOp.Delete(new DeleteRequest(p, v))),
        Gen.Select(Str, Data, Gen.Int, (p, d, v) => MultiOp.SetData(new SetDataRequest(p, d, v))),
        Gen.Select(Str, Gen.Int, (p, v) => MultiOp.Check(new CheckVersionRequest(p, v))));

    public static readonly Gen<MultiOp> ReadOp = Gen.OneOf(
        Gen.Select(Str, Gen.Bool, (p, w) => MultiOp.GetData(new GetDataRequest(p, w))),
        Gen.Select(Str, Gen.Bool, (p, w) => MultiOp.GetChildren(new GetChildrenRequest(p, w))));

    public static readonly Gen<MultiRequest> MultiRequest = Gen.OneOf(
        WriteOp.List[0, 6].Select(ops => new MultiRequest(ops)),
        ReadOp.List[0, 6].Select(ops => new MultiRequest(ops)));

    public static readonly Gen<MultiResult> MultiResult = Gen.OneOf(
        Str.Select(p => Records.MultiResult.Create(new CreateResponse(p))),
        Gen.Select(Str, Stat, (p, s) => Records.MultiResult.Create2(new Create2Response(p, s))),
        Gen.Const(0).Select(_ => Records.MultiResult.Delete()),
        Gen.Const(0).Select(_ => Records.MultiResult.Check()),
        Stat.Select(s => Records.MultiResult.SetData(new SetDataResponse(s))),
        Gen.Select(Data, Stat, (d, s) => Records.MultiResult.GetData(new GetDataResponse(d, s))),
        Strings.Select(c => Records.MultiResult.GetChildren(new GetChildrenResponse(c))),
        AnyError.Select(Records.MultiResult.Error));

    public static readonly Gen<MultiResponse> MultiResponse = MultiResult.List[0, 8].Select(r => new MultiResponse(r));
}
