namespace ActorZk.Protocol.Records;

/// <summary>
/// A request whose first field is a path. The record keeps <c>""</c> in its path when the wire carried a null string
/// (length -1), and says so here: ZooKeeper fails most such requests with a NullPointerException, which a client
/// sees as MarshallingError, while <c>""</c> is an ordinary (invalid, or root) path.
/// </summary>
public interface IPathRequest
{
    /// <summary>True when the path was a null string on the wire.</summary>
    bool PathIsNull { get; }
}
