namespace ActorZk.Protocol.Tests;

public class RecordRoundTripTests
{
    [Theory]
    [MemberData(nameof(RecordCases.Names), MemberType = typeof(RecordCases))]
    public void Round_trips(string record) => RecordCases.Get(record).RoundTrip();

    [Theory]
    [MemberData(nameof(RecordCases.Names), MemberType = typeof(RecordCases))]
    public void Truncated_input_throws_JuteException(string record) => RecordCases.Get(record).TruncatedInputThrowsJuteException();

    [Fact]
    public void Every_record_type_of_the_assembly_is_covered()
    {
        var recordTypes = typeof(Records.Stat).Assembly.GetTypes()
            .Where(t => t.Namespace == "ActorZk.Protocol.Records" && t.IsPublic)
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Jute.IJuteRecord<>)))
            .Select(t => t.Name)
            .Where(n => n != nameof(Records.EmptyRecord))
            .Order()
            .ToArray();
        var covered = RecordCases.Names.Select(n => (string)n[0]).Order().ToArray();
        Assert.Equal(recordTypes, covered);
    }
}
