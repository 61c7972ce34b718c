using System.Diagnostics;
using ActorZk.Server.Threading;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.TestKit.Xunit2;
using Xunit;

namespace ActorZk.Server.Tests.Threading;

/// <summary>
/// Akka's scheduler on the runtime's timer queue: scheduled tells and actions arrive, not before they are due,
/// repeat until cancelled, never after a cancel, and nothing fires once the scheduler is disposed.
/// </summary>
public sealed class TimerQueueSchedulerTests() : TestKit(Config)
{
    private static readonly Config Config = ConfigurationFactory.ParseString(
        "akka.scheduler.implementation = \"ActorZk.Server.Threading.TimerQueueScheduler, ActorZk.Server\"");

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void The_actor_system_runs_on_it()
    {
        Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);
    }

    [Fact]
    public void A_scheduled_tell_arrives_once_and_not_before_it_is_due()
    {
        var started = Stopwatch.StartNew();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor, "due", ActorRefs.NoSender);
        ExpectMsg("due", Wait);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(195), $"arrived after {started.Elapsed}");
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_tell_with_no_delay_arrives()
    {
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.Zero, TestActor, "now", ActorRefs.NoSender);
        ExpectMsg("now", Wait);
    }

    [Fact]
    public void A_cancelled_tell_never_arrives()
    {
        var cancelable = Sys.Scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(150), TestActor, "cancelled", ActorRefs.NoSender);
        cancelable.Cancel();
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void A_repeated_tell_repeats_in_order_until_cancelled()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(
            TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30), TestActor, "tick", ActorRefs.NoSender);
        for (var i = 0; i < 5; i++)
        {
            ExpectMsg("tick", Wait);
        }

        cancelable.Cancel();

        // At most one tick was already on its way when the cancel came.
        ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m, msgs: 2);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Scheduled_actions_run()
    {
        var once = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var repeated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        var cancelable = new Cancelable(Sys.Scheduler);
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(20), once.SetResult);
        Sys.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), () =>
        {
            if (Interlocked.Increment(ref count) == 3)
            {
                repeated.SetResult();
            }
        }, cancelable);

        await once.Task.WaitAsync(Wait);
        await repeated.Task.WaitAsync(Wait);
        cancelable.Cancel();
    }

    [Fact]
    public void A_failing_action_is_logged_and_the_scheduler_goes_on()
    {
        EventFilter.Exception<InvalidOperationException>().ExpectOne(() =>
            Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(10), () => throw new InvalidOperationException("boom")));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), TestActor, "after", ActorRefs.NoSender);
        ExpectMsg("after", Wait);
    }

    [Fact]
    public void Nothing_fires_after_dispose()
    {
        var disposable = new TimerQueueScheduler(Sys.Settings.Config, Sys.Log);
        IScheduler scheduler = disposable;
        scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "late", ActorRefs.NoSender);
        scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(20), TestActor, "tick", ActorRefs.NoSender);
        disposable.Dispose();
        scheduler.ScheduleTellOnce(TimeSpan.Zero, TestActor, "after dispose", ActorRefs.NoSender);
        ExpectNoMsg(TimeSpan.FromMilliseconds(400));
    }
}
