namespace ActorZk.Server.Tests.Durability;

/// <summary>Counts acknowledged writes across sessions and fires once a target count is reached.</summary>
internal sealed class AckTrigger
{
    private readonly int target;
    private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int count;

    public AckTrigger(int target)
    {
        this.target = target;
    }

    public int Count => Volatile.Read(ref count);

    public Task Reached => reached.Task;

    public void Acked()
    {
        if (Interlocked.Increment(ref count) >= target)
        {
            reached.TrySetResult();
        }
    }
}
