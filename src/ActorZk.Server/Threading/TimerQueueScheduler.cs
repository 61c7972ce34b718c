using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace ActorZk.Server.Threading;

/// <summary>
/// Akka's scheduler on the runtime's timer queue (<see cref="Timer"/>): a timer exists only while something is
/// scheduled and fires when it is due, so an idle server wakes no thread at all.
/// </summary>
/// <remarks>
/// Akka's default, <see cref="HashedWheelTimerScheduler"/>, ticks every <c>akka.scheduler.tick-duration</c> (10 ms)
/// whether or not anything is due, and each tick wakes the runtime's timer thread and a pool worker: 22 ms of CPU
/// per second on an idle standalone server here, 30-48 ms per second on each member of an idle ensemble
/// (bench/findings.md). Timers also fire when due instead of at the next tick. The clocks are Akka's own (read
/// through an unstarted <see cref="HashedWheelTimerScheduler"/>, which never ticks), so that deadlines taken from
/// this scheduler and from Akka's internals agree.
/// </remarks>
internal sealed class TimerQueueScheduler : SchedulerBase, IDisposable
{
    // System.Threading.Timer takes at most 0xfffffffe ms; a longer delay is re-armed when that much has passed.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 2.0);

    private readonly HashedWheelTimerScheduler clock;
    private volatile bool stopped;

    public TimerQueueScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
        clock = new HashedWheelTimerScheduler(config, log);
    }

    public override TimeSpan MonotonicClock => clock.MonotonicClock;

    public override TimeSpan HighResMonotonicClock => clock.HighResMonotonicClock;

    protected override DateTimeOffset TimeNow => DateTimeOffset.UtcNow;

    public void Dispose()
    {
        // Timers still armed find the scheduler stopped when they fire and end themselves.
        stopped = true;
        clock.Dispose();
    }

    protected override void InternalScheduleTellOnce(
        TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(delay, Timeout.InfiniteTimeSpan, new TellWork(receiver, message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(
        TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Start(initialDelay, interval, new TellWork(receiver, message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Start(delay, Timeout.InfiniteTimeSpan, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Start(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Start(initialDelay, interval, new ActionRunnable(action), cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Start(initialDelay, interval, action, cancelable);

    private void Start(TimeSpan delay, TimeSpan interval, IRunnable work, ICancelable? cancelable)
    {
        if (stopped || cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        var entry = new Entry(this, work, cancelable, interval, HighResMonotonicClock + delay);
        entry.Arm(delay);
    }

    private sealed class TellWork(ICanTell receiver, object message, IActorRef sender) : IRunnable
    {
        public void Run() => receiver.Tell(message, sender);

        public void Execute() => Run();
    }

    // One scheduled piece of work and its timer. Created disarmed and armed afterwards, so that a timer due at once
    // never fires before the entry holds it.
    private sealed class Entry : IDisposable
    {
        private readonly TimerQueueScheduler owner;
        private readonly IRunnable work;
        private readonly ICancelable? cancelable;
        private readonly TimeSpan interval;
        private readonly Timer timer;
        private readonly CancellationTokenRegistration registration;
        private TimeSpan due;

        public Entry(TimerQueueScheduler owner, IRunnable work, ICancelable? cancelable, TimeSpan interval, TimeSpan due)
        {
            this.owner = owner;
            this.work = work;
            this.cancelable = cancelable;
            this.interval = interval;
            this.due = due;
            timer = new Timer(static state => ((Entry)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

            // A cancelled timer goes at once, not when it would have fired (a cancelled ask or receive timeout would
            // otherwise keep its timer, and what it references, until then).
            if (cancelable is not null)
            {
                registration = cancelable.Token.Register(static state => ((Entry)state!).timer.Dispose(), this);
            }
        }

        public void Arm(TimeSpan delay)
        {
            try
            {
                timer.Change(delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // Cancelled meanwhile.
            }
        }

        private void Fire()
        {
            if (owner.stopped || cancelable?.IsCancellationRequested == true)
            {
                Dispose();
                return;
            }

            var now = owner.HighResMonotonicClock;
            if (now < due - TimeSpan.FromMilliseconds(1))
            {
                // Only for delays beyond what one timer can wait.
                Arm(due - now);
                return;
            }

            try
            {
                // On this timer thread, with what it sets off (the told actor's turn) right after it.
                WorkerContinuation.RunHere(static work => work.Run(), work);
            }
            catch (Exception e)
            {
                owner.Log.Error(e, "Scheduled work failed");
            }

            if (interval == Timeout.InfiniteTimeSpan)
            {
                Dispose();
                return;
            }

            // Fixed rate, as Akka's scheduler: the next run is due one interval after this one was. After a stall
            // that missed several, it runs once at once and keeps the rate from there, without a burst to catch up.
            due += interval;
            if (due < now)
            {
                due = now;
            }

            Arm(due - now);
        }

        public void Dispose()
        {
            registration.Dispose();
            timer.Dispose();
        }
    }
}
