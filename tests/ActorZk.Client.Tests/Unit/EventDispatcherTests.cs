using ActorZk.Client.Engine;
using ActorZk.Client.Tests.Infrastructure;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Tests.Unit;

public sealed class EventDispatcherTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Completions_wait_for_the_events_posted_before_them()
    {
        var order = new List<string>();
        var dispatcher = new EventDispatcher(_ => { }, null);
        var slow = new EventRecorder
        {
            OnEvent = _ =>
            {
                Thread.Sleep(200);
                lock (order)
                {
                    order.Add("event");
                }
            },
        };
        var request = new Recording(order);

        dispatcher.Post(DispatchItem.ForEvent(new WatchedEvent(EventType.NodeDataChanged, KeeperState.SyncConnected, "/x"), [slow]));
        dispatcher.Complete(request);
        await request.Completed.Task.WaitAsync(Bound);

        Assert.Equal(["event", "completion"], order);
        dispatcher.Shutdown();
        await dispatcher.Completion.WaitAsync(Bound);
    }

    [Fact]
    public void An_idle_dispatcher_completes_at_once()
    {
        var order = new List<string>();
        var dispatcher = new EventDispatcher(_ => { }, null);
        var request = new Recording(order);

        dispatcher.Complete(request);

        Assert.True(request.Completed.Task.IsCompleted);
        dispatcher.Shutdown();
    }

    [Fact]
    public async Task Watcher_exceptions_are_reported_and_delivery_goes_on()
    {
        var errors = new List<Exception>();
        var dispatcher = new EventDispatcher(_ => { }, (_, e) => { lock (errors) { errors.Add(e); } });
        var after = new EventRecorder();
        var failing = new Watcher(_ => throw new InvalidOperationException("boom"));
        var watchedEvent = new WatchedEvent(EventType.NodeDeleted, KeeperState.SyncConnected, "/x");

        dispatcher.Post(DispatchItem.ForEvent(watchedEvent, [failing, after]));
        await after.WaitForNodeEventsAsync(1, Bound);

        Assert.IsType<InvalidOperationException>(Assert.Single(errors));
        dispatcher.Shutdown();
        await dispatcher.Completion.WaitAsync(Bound);
    }

    [Fact]
    public async Task State_changes_are_raised_before_the_watchers_see_them()
    {
        var order = new List<string>();
        var dispatcher = new EventDispatcher(change => { lock (order) { order.Add($"state {change.NewState}"); } }, null);
        var watcher = new EventRecorder { OnEvent = e => { lock (order) { order.Add($"watcher {e.State}"); } } };

        dispatcher.Post(DispatchItem.ForStateChange(
            new ConnectionStateChangedEventArgs(ConnectionState.Connected, ConnectionState.Disconnected),
            new WatchedEvent(EventType.None, KeeperState.Disconnected, null),
            [watcher]));
        await watcher.WaitForAsync(EventType.None, timeout: Bound);

        Assert.Equal(["state Disconnected", "watcher Disconnected"], order);
        dispatcher.Shutdown();
        await dispatcher.Completion.WaitAsync(Bound);
    }

    [Fact]
    public async Task After_shutdown_completions_still_run()
    {
        var dispatcher = new EventDispatcher(_ => { }, null);
        dispatcher.Shutdown();
        await dispatcher.Completion.WaitAsync(Bound);
        var request = new Recording([]);

        dispatcher.Post(DispatchItem.ForCompletion(request));

        Assert.True(request.Completed.Task.IsCompleted);
    }

    private sealed class Recording(List<string> order) : IPendingRequest
    {
        public TaskCompletionSource Completed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public OpCode OpCode => OpCode.Exists;

        public IJuteRecord? Request => null;

        public int Xid { get; set; }

        public long SentAt { get; set; }

        public void OnReply(in ReplyHeader header, ref JuteReader body, ClientSession session)
        {
        }

        public void SetError(Exception error)
        {
        }

        public void Complete()
        {
            lock (order)
            {
                order.Add("completion");
            }

            Completed.TrySetResult();
        }
    }
}
