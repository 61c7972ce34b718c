using System.Diagnostics;
using ActorZk.Core.Quorum;
using Akka.Cluster;
using Akka.TestKit.Xunit2;
using Xunit;
using Xunit.Abstractions;

namespace ActorZk.Server.Tests.Quorum;

/// <summary>
/// The election actor over real Akka remoting on loopback: one ActorSystem per member, configured by ClusterSetup
/// from a zoo.cfg, each with a stand-in peer actor at /user/peer. Every wait is bounded.
/// </summary>
public sealed class ElectionActorTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly TimeSpan DecisionTimeout = TimeSpan.FromSeconds(20);

    private static long Z(long epoch, long counter) => (epoch << 32) | counter;

    private List<Elected> ExpectDecisions(int count, TimeSpan timeout)
    {
        var decisions = new List<Elected>();
        var deadline = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var left = timeout - deadline.Elapsed;
            decisions.Add(ExpectMsg<Elected>(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)));
        }

        return decisions;
    }

    private static void AssertAgree(IEnumerable<Elected> decisions, long leader)
    {
        foreach (var d in decisions)
        {
            Assert.Equal(leader, d.Decision.Vote.Leader);
            Assert.Equal(d.MemberId == leader ? ServerState.Leading : ServerState.Following, d.Decision.State);
        }
    }

    [Fact]
    public async Task ThreeVotersElectTheHighestEpochZxidAndIdAndAllAgree()
    {
        await using var members = new ElectionEnsemble(voters: 3, observers: 0, TestActor, Output!);
        foreach (var id in new long[] { 1, 2, 3 })
        {
            members.Start(id);
        }

        var watch = Stopwatch.StartNew();
        members.StartElection(1, epoch: 2, zxid: Z(2, 5));
        members.StartElection(2, epoch: 2, zxid: Z(2, 9));
        members.StartElection(3, epoch: 1, zxid: Z(1, 0x50));
        var decisions = ExpectDecisions(3, DecisionTimeout);
        Output!.WriteLine($"3 voters decided in {watch.ElapsedMilliseconds} ms");

        Assert.Equal([1L, 2L, 3L], decisions.Select(d => d.MemberId).Order());
        AssertAgree(decisions, leader: 2);
        Assert.All(decisions, d => Assert.Equal(Z(2, 9), d.Decision.Vote.Zxid));
        Assert.All(decisions, d => Assert.Equal(2, d.Decision.Vote.PeerEpoch));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_member_looking_too_long_resets_its_quorum_links_and_still_elects_once_a_quorum_answers()
    {
        await using var members = new ElectionEnsemble(voters: 3, observers: 0, TestActor, Output!, "actorzk.election.reset-quorum-links-after = 1s");
        members.Start(1);
        members.Start(2);

        // Member 2 has not started its round, so member 1 hears nothing back and goes on looking.
        members.StartElection(1, epoch: 1, zxid: Z(1, 5));
        var transport = ActorZk.Server.Quorum.Remoting.SocketTransport.Of(members.System(1))!;
        await AwaitConditionAsync(() => Task.FromResult(transport.Resets >= 2), TimeSpan.FromSeconds(15));
        ExpectNoMsg(TimeSpan.Zero);

        members.StartElection(2, epoch: 1, zxid: Z(1, 9));
        var decisions = ExpectDecisions(2, DecisionTimeout);
        AssertAgree(decisions, leader: 2);

        // Decided: no more resets.
        var resets = transport.Resets;
        ExpectNoMsg(TimeSpan.FromSeconds(5));
        Assert.Equal(resets, transport.Resets);
    }

    [Fact]
    public async Task AnObserverNeverLeadsAndLearnsTheLeader()
    {
        await using var members = new ElectionEnsemble(voters: 3, observers: 1, TestActor, Output!);
        foreach (var id in new long[] { 1, 2, 3, 4 })
        {
            members.Start(id);
        }

        // The observer has the newest history of all, and still is never proposed.
        members.StartElection(4, epoch: 3, zxid: Z(3, 100));
        members.StartElection(1, epoch: 1, zxid: Z(1, 7));
        members.StartElection(2, epoch: 1, zxid: Z(1, 8));
        members.StartElection(3, epoch: 1, zxid: Z(1, 6));
        var decisions = ExpectDecisions(4, DecisionTimeout);

        var observer = Assert.Single(decisions, d => d.MemberId == 4);
        Assert.Equal(ServerState.Observing, observer.Decision.State);
        Assert.Equal(2, observer.Decision.Vote.Leader);
        AssertAgree(decisions.Where(d => d.MemberId != 4), leader: 2);
    }

    [Fact]
    public async Task WhenTheLeaderDiesTheSurvivorsReelectAndARestartedMemberJoinsTheNewLeader()
    {
        await using var members = new ElectionEnsemble(voters: 3, observers: 0, TestActor, Output!);
        foreach (var id in new long[] { 1, 2, 3 })
        {
            members.Start(id);
            members.StartElection(id, epoch: 1, zxid: Z(1, 0x10));
        }

        AssertAgree(ExpectDecisions(3, DecisionTimeout), leader: 3);
        await AwaitAssertAsync(
            () => Assert.Equal(3, Cluster.Get(members.System(1)).State.Members.Count(m => m.Status == MemberStatus.Up)),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
        var oldIncarnation = Cluster.Get(members.System(3)).SelfUniqueAddress;

        // The leader's actor system goes away; its followers notice (the peer actor's job) and look again.
        await members.StopAsync(3);
        var watch = Stopwatch.StartNew();
        members.StartElection(1, epoch: 1, zxid: Z(1, 0x10));
        members.StartElection(2, epoch: 1, zxid: Z(1, 0x10));
        var reelected = ExpectDecisions(2, TimeSpan.FromSeconds(10));
        Output!.WriteLine($"re-election without the leader took {watch.ElapsedMilliseconds} ms");
        AssertAgree(reelected, leader: 2);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"re-election took {watch.Elapsed}");

        // The new leader established epoch 2 (what the peer actor reports after NEWLEADER/UPTODATE).
        members.UpdatePeerEpoch(1, 2);
        members.UpdatePeerEpoch(2, 2);

        // Server 3 comes back on the same port with a new actor system and joins the established leader,
        // although its own history would have made it the leader of a fresh election.
        members.Start(3);
        watch.Restart();
        members.StartElection(3, epoch: 1, zxid: Z(1, 0x10));
        var joined = ExpectMsg<Elected>(TimeSpan.FromSeconds(15));
        Output!.WriteLine($"the restarted member joined after {watch.ElapsedMilliseconds} ms");

        Assert.Equal(3, joined.MemberId);
        Assert.Equal(ServerState.Following, joined.Decision.State);
        Assert.Equal(2, joined.Decision.Vote.Leader);
        Assert.Equal(2, joined.Decision.Vote.PeerEpoch);
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        // Without downing, Akka.Cluster lets the new incarnation replace the old one and take it up again.
        watch.Restart();
        await AwaitAssertAsync(
            () =>
            {
                var seenByServer1 = Cluster.Get(members.System(1)).State.Members.Where(m => m.Address.Equals(oldIncarnation.Address)).ToList();
                var member = Assert.Single(seenByServer1);
                Assert.NotEqual(oldIncarnation, member.UniqueAddress);
                Assert.Equal(MemberStatus.Up, member.Status);
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(200));
        Output!.WriteLine($"the restarted member was Up in the cluster after {watch.ElapsedMilliseconds} ms more");
    }

    [Fact]
    public async Task FiveVotersWithTwoDownStillElect()
    {
        await using var members = new ElectionEnsemble(voters: 5, observers: 0, TestActor, Output!);

        // Servers 1 and 2 (the first seed nodes of Akka.Cluster) never start: the election does not need the cluster.
        foreach (var id in new long[] { 3, 4, 5 })
        {
            members.Start(id);
        }

        var watch = Stopwatch.StartNew();
        foreach (var id in new long[] { 3, 4, 5 })
        {
            members.StartElection(id, epoch: 1, zxid: Z(1, 3));
        }

        var decisions = ExpectDecisions(3, DecisionTimeout);
        Output!.WriteLine($"3 of 5 voters decided in {watch.ElapsedMilliseconds} ms");
        AssertAgree(decisions, leader: 5);
    }

    [Fact]
    public async Task TwoOfFiveVotersNeverDecide()
    {
        await using var members = new ElectionEnsemble(voters: 5, observers: 0, TestActor, Output!);
        foreach (var id in new long[] { 4, 5 })
        {
            members.Start(id);
            members.StartElection(id, epoch: 1, zxid: Z(1, 3));
        }

        ExpectNoMsg(TimeSpan.FromSeconds(4));
    }
}
