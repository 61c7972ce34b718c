using ActorZk.Client.Engine.Codecs;
using ActorZk.Client.Exceptions;
using ActorZk.Client.Watches;
using ActorZk.Protocol;
using ActorZk.Protocol.Jute;
using ActorZk.Protocol.Records;

namespace ActorZk.Client.Engine;

/// <summary>
/// A client call waiting for its reply. It is its own <see cref="TaskCompletionSource{TResult}"/>, so a call costs
/// this object and its task besides the request and response records.
/// </summary>
/// <typeparam name="TResult">The call's result type.</typeparam>
/// <typeparam name="TCodec">How the reply becomes the result.</typeparam>
internal sealed class Operation<TResult, TCodec> : TaskCompletionSource<TResult>, IPendingRequest
    where TCodec : struct, IReplyCodec<TResult>
{
    private readonly ReplyContext context;
    private TResult? result;
    private Exception? error;

    /// <summary>Creates the operation.</summary>
    /// <param name="opCode">The request type.</param>
    /// <param name="request">The body, if any.</param>
    /// <param name="context">Chroot, client path and request-specific data for decoding.</param>
    public Operation(OpCode opCode, IJuteRecord? request, in ReplyContext context)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        OpCode = opCode;
        Request = request;
        this.context = context;
    }

    /// <inheritdoc />
    public OpCode OpCode { get; }

    /// <inheritdoc />
    public IJuteRecord? Request { get; }

    /// <inheritdoc />
    public int Xid { get; set; }

    /// <inheritdoc />
    public long SentAt { get; set; }

    /// <summary>The watch to register when the reply arrives, if any.</summary>
    public WatchRegistration? Registration { get; init; }

    /// <summary>The local watch removal to apply when the reply arrives, if any.</summary>
    public WatchRemoval? Removal { get; init; }

    /// <inheritdoc />
    public void OnReply(in ReplyHeader header, ref JuteReader body, ClientSession session)
    {
        var err = header.Err;
        if (Registration is { } registration)
        {
            session.Watches.Register(registration, err);
        }

        if (Removal is { } removal)
        {
            try
            {
                if (session.RemoveWatches(removal, err, context.ClientPath ?? removal.ServerPath))
                {
                    // As ZooKeeper's client: once watchers were removed locally the call succeeds, even if the server
                    // could not be reached (a local removal).
                    err = ErrorCode.Ok;
                }
            }
            catch (KeeperException e)
            {
                error = e;
                return;
            }
        }

        if (err != ErrorCode.Ok && !TCodec.DecodesErrors)
        {
            error = KeeperException.Create(err, context.ClientPath);
            return;
        }

        try
        {
            result = TCodec.Decode(header with { Err = err }, ref body, context);
        }
        catch (KeeperException e)
        {
            error = e;
        }
    }

    /// <inheritdoc />
    public void SetError(Exception error) => this.error = error;

    /// <inheritdoc />
    public void Complete()
    {
        if (error is not null)
        {
            TrySetException(error);
        }
        else
        {
            TrySetResult(result!);
        }
    }
}
