namespace ActorZk.Server.Replication;

/// <summary>Min/avg/max request latency in milliseconds, as the srvr and mntr words report it.</summary>
public sealed class LatencyStats
{
    private long count;
    private long total;

    public long Min { get; private set; }

    public long Max { get; private set; }

    public double Average => count == 0 ? 0 : (double)total / count;

    public long Count => count;

    public void Add(long milliseconds)
    {
        if (count == 0 || milliseconds < Min)
        {
            Min = milliseconds;
        }

        if (milliseconds > Max)
        {
            Max = milliseconds;
        }

        count++;
        total += milliseconds;
    }

    public void Reset()
    {
        count = 0;
        total = 0;
        Min = 0;
        Max = 0;
    }
}
