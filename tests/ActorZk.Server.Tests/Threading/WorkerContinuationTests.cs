using ActorZk.Server.Threading;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Xunit;

namespace ActorZk.Server.Tests.Threading;

/// <summary>
/// The continuation executor: the first item a work item schedules runs on its thread right after it, everything
/// else goes to the thread pool, nothing kept back is ever lost (a throwing item, <see cref="WorkerContinuation.Release"/>),
/// and actors on a dispatcher with this executor hand a message to an idle actor on the same thread.
/// </summary>
public sealed class WorkerContinuationTests() : TestKit(Config)
{
    private const string Executor = "\"ActorZk.Server.Threading.ContinuationExecutorConfigurator, ActorZk.Server\"";

    private static readonly Config Config = ConfigurationFactory.ParseString(
        $"akka.actor.default-dispatcher.executor = {Executor}\nakka.actor.default-dispatcher.throughput = 100");

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // Set by the forwarder at the very end of its turn, read by the receiver (one pair of actors per test run).
    private static volatile bool ForwarderTurnOver;

    [Fact]
    public async Task The_first_scheduled_item_runs_on_the_same_thread_after_the_scheduling_item()
    {
        var done = new TaskCompletionSource<(int Thread, bool FirstEnded)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstEnded = false;
        var first = new Item(() =>
        {
            var scheduler = Environment.CurrentManagedThreadId;
            WorkerContinuation.Schedule(new Item(() =>
                done.SetResult((Environment.CurrentManagedThreadId == scheduler ? 1 : 0, Volatile.Read(ref firstEnded)))));

            // Held back, not queued: however long this item takes, its successor has not started.
            Thread.Sleep(50);
            Assert.False(done.Task.IsCompleted);
            Volatile.Write(ref firstEnded, true);
        });

        WorkerContinuation.Schedule(first);
        var (sameThread, ended) = await done.Task.WaitAsync(Wait);
        Assert.Equal(1, sameThread);
        Assert.True(ended);
    }

    [Fact]
    public async Task Only_the_first_item_is_held_back_the_next_one_goes_to_the_pool()
    {
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondRanWhileSchedulerBlocked = false;
        WorkerContinuation.Schedule(new Item(() =>
        {
            WorkerContinuation.Schedule(new Item(() => firstRan.SetResult()));
            WorkerContinuation.Schedule(new Item(() => second.SetResult()));

            // The second item reaches another worker while this one still runs.
            secondRanWhileSchedulerBlocked = second.Task.Wait(Wait);
        }));

        await firstRan.Task.WaitAsync(Wait);
        Assert.True(secondRanWhileSchedulerBlocked);
    }

    [Fact]
    public async Task Release_hands_the_held_back_item_to_the_pool_before_the_caller_blocks()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ranWhileBlocked = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        WorkerContinuation.Schedule(new Item(() =>
        {
            WorkerContinuation.Schedule(new Item(() => released.SetResult()));
            WorkerContinuation.Release();
            ranWhileBlocked.SetResult(released.Task.Wait(Wait));
        }));

        Assert.True(await ranWhileBlocked.Task.WaitAsync(Wait));
    }

    [Fact]
    public async Task What_a_throwing_item_held_back_still_runs()
    {
        var successor = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Run directly (as the pool would), so that the exception reaches this test instead of the process.
        var thrown = Assert.Throws<InvalidOperationException>(() => WorkerContinuation.Run(new Item(() =>
        {
            WorkerContinuation.Schedule(new Item(successor.SetResult));
            throw new InvalidOperationException("boom");
        })));

        Assert.Equal("boom", thrown.Message);
        await successor.Task.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_chain_of_items_that_schedule_each_other_runs_to_the_end()
    {
        const int Count = 10 * WorkerContinuation.ChainLimit;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = 0;
        Item? next = null;
        next = new Item(() =>
        {
            if (++ran == Count)
            {
                done.SetResult();
                return;
            }

            WorkerContinuation.Schedule(next!);
        });

        WorkerContinuation.Schedule(next);
        await done.Task.WaitAsync(Wait);
        Assert.Equal(Count, ran);
    }

    [Fact]
    public void An_idle_actor_told_by_a_running_actor_runs_on_the_same_thread_after_it()
    {
        var receiver = Sys.ActorOf(Props.Create(() => new ThreadReporter()));
        var sender = Sys.ActorOf(Props.Create(() => new Forwarder(receiver)));

        for (var i = 0; i < 10; i++)
        {
            // Both actors idle again (their previous turns over), so the tell below schedules the receiver anew.
            Thread.Sleep(100);
            sender.Tell(TestActor);
            var forwarder = ExpectMsg<Turn>(Wait);
            var receiverTurn = ExpectMsg<Turn>(Wait);
            Assert.Equal(forwarder.Thread, receiverTurn.Thread);
            Assert.True(receiverTurn.OtherTurnOver, "the receiver ran while the forwarder's turn was still going");
        }
    }

    private sealed class Item(Action action) : IThreadPoolWorkItem
    {
        public void Execute() => action();
    }

    private sealed record Turn(int Thread, bool OtherTurnOver);

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef receiver) => Receive<IActorRef>(probe =>
        {
            ForwarderTurnOver = false;
            receiver.Tell(probe);
            probe.Tell(new Turn(Environment.CurrentManagedThreadId, false));

            // Long enough for an idle pool worker to pick the receiver up, if it had been queued to the pool.
            Thread.Sleep(50);
            ForwarderTurnOver = true;
        });
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => Receive<IActorRef>(probe => probe.Tell(new Turn(Environment.CurrentManagedThreadId, ForwarderTurnOver)));
    }
}
