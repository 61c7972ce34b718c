using Xunit;

namespace ActorZk.Server.Tests.Durability;

/// <summary>A fact that is skipped, with the reason, where PostgreSQL cannot be started.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
