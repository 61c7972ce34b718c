using System.Text;
using System.Text.Json;
using ActorZk.Bench.Engine;
using ActorZk.Bench.Metrics;
using ActorZk.Bench.Phases;
using ActorZk.Bench.Runner;
using ActorZk.Bench.Workloads;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Bench.Tests.Unit;

public sealed class SmallPartsTests
{
    [Fact]
    public void Error_counter_counts_by_code_most_frequent_first()
    {
        var counter = new ErrorCounter();
        counter.Add(ErrorCode.NoNode);
        counter.Add(ErrorCode.ConnectionLoss, 3);
        counter.Add((ErrorCode)(-999));
        var other = new ErrorCounter();
        other.Add(ErrorCode.NoNode);
        counter.Add(other);

        Assert.Equal(6, counter.Total);
        Assert.Equal(
            [new("ConnectionLoss(-4)", 3), new("NoNode(-101)", 2), new("Other", 1)],
            counter.ByCode());
    }

    [Fact]
    public void Proc_stat_is_parsed_even_with_spaces_and_parentheses_in_the_name()
    {
        var stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 40 0 123 456 789";

        Assert.Equal(3.25, ProcessCpu.ParseStat(stat));
        Assert.Null(ProcessCpu.ParseStat("garbage"));
        Assert.NotNull(ProcessCpu.ReadSeconds(Environment.ProcessId));
    }

    [Fact]
    public void Paths_are_composed_and_their_trailing_number_read_back()
    {
        Span<byte> buffer = stackalloc byte[ZnodePath.MaxLength];
        var length = ZnodePath.Compose(buffer, "/r/c/s3-"u8, 1234567);

        Assert.Equal("/r/c/s3-1234567", Encoding.UTF8.GetString(buffer[..length]));
        Assert.Equal(1234567, ZnodePath.TrailingNumber(buffer[..length]));
        Assert.Equal(-1, ZnodePath.TrailingNumber("/r/x"u8));
        Assert.Equal(0, ZnodePath.TrailingNumber("/r/p1-0"u8));
    }

    [Fact]
    public void Session_sequence_lays_every_sessions_range_end_to_end()
    {
        byte[][] prefixes = [.. new[] { "a", "b", "c", "d" }.Select(Encoding.UTF8.GetBytes)];
        var sequence = new SessionSequence(prefixes, [0, 5, 0, 2], [2, 5, 3, 3]);
        var names = new List<string>();
        var buffer = new byte[ZnodePath.MaxLength];
        for (long i = 0; i < sequence.Total; i++)
        {
            names.Add(Encoding.UTF8.GetString(buffer, 0, SessionSequence.Compose(sequence, i, buffer)));
        }

        Assert.Equal(["a0", "a1", "c0", "c1", "c2", "d2"], names);
    }

    [Fact]
    public void Budgets_split_evenly_and_add_up()
    {
        Assert.Equal([4, 3, 3], ClosedLoopPhase.SplitBudget(10, 3));
        Assert.Equal([1, 1, 0, 0], ClosedLoopPhase.SplitBudget(2, 4));
    }

    [Fact]
    public void The_culprit_of_a_failed_multi_is_found()
    {
        using var buffer = new PooledBufferWriter();
        var writer = new JuteWriter(buffer);
        writer.WriteRecord(new MultiHeader(OpCode.Error, false, 0));
        writer.WriteInt(0);
        writer.WriteRecord(new MultiHeader(OpCode.Error, false, 0));
        writer.WriteInt((int)ErrorCode.NodeExists);
        writer.WriteRecord(new MultiHeader(OpCode.Error, false, 0));
        writer.WriteInt((int)ErrorCode.RuntimeInconsistency);
        writer.WriteRecord(MultiHeader.Terminator);

        Assert.Equal(ErrorCode.NodeExists, BulkSource<int>.FirstMultiError(buffer.WrittenSpan));

        buffer.Clear();
        writer = new JuteWriter(buffer);
        writer.WriteRecord(new MultiHeader(OpCode.Create, false, 0));
        writer.WriteString("/a");
        writer.WriteRecord(new MultiHeader(OpCode.Delete, false, 0));
        writer.WriteRecord(MultiHeader.Terminator);

        Assert.Equal(ErrorCode.Ok, BulkSource<int>.FirstMultiError(buffer.WrittenSpan));
    }

    [Fact]
    public void Encoded_requests_decode_with_the_protocol_records()
    {
        using var buffer = new PooledBufferWriter();
        RequestEncoder.WriteCreate(buffer, 7, "/a/b"u8, "xyz"u8, CreateMode.EphemeralSequential);
        RequestEncoder.WriteSetData(buffer, 8, "/a/b"u8, "q"u8, -1);
        RequestEncoder.WriteMulti(buffer, 9, OpCode.Delete, 0, 2, 0, static (_, i, d) => ZnodePath.Compose(d, "/n"u8, i), [], CreateMode.Persistent);
        RequestEncoder.WriteSync(buffer, 10, "/a/b"u8);

        var frames = Frames(buffer.WrittenSpan.ToArray());
        Assert.Equal(4, frames.Count);

        var reader = new JuteReader(frames[0]);
        Assert.Equal(new RequestHeader(7, OpCode.Create), RequestHeader.Deserialize(ref reader));
        var create = CreateRequest.Deserialize(ref reader);
        Assert.Equal("/a/b", create.Path);
        Assert.Equal("xyz"u8.ToArray(), create.Data);
        Assert.Equal(Acl.OpenAclUnsafe, create.Acl);
        Assert.Equal((int)CreateMode.EphemeralSequential, create.Flags);
        Assert.Equal(0, reader.Remaining);

        reader = new JuteReader(frames[1]);
        Assert.Equal(new RequestHeader(8, OpCode.SetData), RequestHeader.Deserialize(ref reader));
        var set = SetDataRequest.Deserialize(ref reader);
        Assert.Equal("/a/b", set.Path);
        Assert.Equal("q"u8.ToArray(), set.Data);
        Assert.Equal(-1, set.Version);
        Assert.Equal(0, reader.Remaining);

        reader = new JuteReader(frames[2]);
        Assert.Equal(new RequestHeader(9, OpCode.Multi), RequestHeader.Deserialize(ref reader));
        var multi = MultiRequest.Deserialize(ref reader);
        Assert.Equal(2, multi.Ops.Count);
        Assert.Equal(0, reader.Remaining);

        reader = new JuteReader(frames[3]);
        Assert.Equal(new RequestHeader(10, OpCode.Sync), RequestHeader.Deserialize(ref reader));
        Assert.Equal("/a/b", SyncRequest.Deserialize(ref reader).Path);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Json_line_has_the_documented_keys_in_order()
    {
        var result = new RunResult
        {
            Workload = "get",
            Servers = "127.0.0.1:2181",
            Sessions = 10,
            Outstanding = 4,
            Payload = 100,
            Ops = 1000,
            DurationSeconds = 0.5,
            OpsPerSecond = 2000,
            P50Ms = 0.1,
            P99Ms = 0.9,
            P999Ms = 1.5,
            MaxMs = 2,
            MeanMs = 0.2,
            Errors = 2,
            ErrorsByCode = [new("NoNode(-101)", 2)],
            Failures = [],
            ClientCpuSeconds = 0.1,
            ServerCpuSeconds = 0.3,
        };

        var line = ResultWriter.ToJson(result);

        Assert.DoesNotContain('\n', line);
        using var json = JsonDocument.Parse(line);
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["workload", "servers", "sessions", "outstanding", "payload", "ops", "duration_s", "ops_per_sec", "p50_ms", "p99_ms", "p999_ms", "errors"],
            keys.Take(12));
        Assert.Equal(2, json.RootElement.GetProperty("errors_by_code").GetProperty("NoNode(-101)").GetInt64());
        Assert.Equal(300, json.RootElement.GetProperty("server_cpu_us_per_op").GetDouble());
        Assert.Contains("NoNode(-101) x2", ResultWriter.ToTable(result), StringComparison.Ordinal);
    }

    private static List<byte[]> Frames(byte[] stream)
    {
        var frames = new List<byte[]>();
        var offset = 0;
        while (offset < stream.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(stream.AsSpan(offset));
            frames.Add(stream.AsSpan(offset + 4, length).ToArray());
            offset += 4 + length;
        }

        return frames;
    }
}
