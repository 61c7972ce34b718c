namespace ActorZk.Bench.Options;

/// <summary>What the load generator asks the servers to do (<c>--workload</c>).</summary>
internal enum Workload
{
    /// <summary>Create persistent znodes of <c>--payload</c> bytes, each under a new name.</summary>
    Create,

    /// <summary>Read the data of existing znodes.</summary>
    Get,

    /// <summary>Overwrite the data of existing znodes (version -1).</summary>
    Set,

    /// <summary>Delete znodes created beforehand (not measured).</summary>
    Delete,

    /// <summary>List the children of one znode that has <c>--children</c> children.</summary>
    GetChildren,

    /// <summary>Create an EPHEMERAL_SEQUENTIAL znode, then delete it; each of the two requests is an op.</summary>
    EphemeralSequential,

    /// <summary>getData with probability <c>--read-ratio</c>, setData otherwise.</summary>
    Mixed,

    /// <summary>Latency from a setData to the NodeDataChanged event at another session.</summary>
    Watch,
}
