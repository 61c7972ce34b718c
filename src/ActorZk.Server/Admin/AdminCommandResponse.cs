namespace ActorZk.Server.Admin;

/// <summary>
/// The answer to one AdminServer command: its name, an error (null when none) and its data, as ZooKeeper's
/// CommandResponse.
/// </summary>
/// <param name="Command">The command's primary name, or the name as asked for when it is unknown or cannot run.</param>
/// <param name="Error">Why the command failed, or null.</param>
public sealed record AdminCommandResponse(string Command, string? Error = null)
{
    /// <summary>The command's own entries, in the order they are written.</summary>
    public JsonFields Data { get; } = [];

    /// <summary>
    /// The JSON object ZooKeeper writes: the data entries first, then "command" and "error". A data entry named
    /// "error" (leader, set_trace_mask) keeps its place and its value, because ZooKeeper re-adds the data last.
    /// </summary>
    public JsonFields ToJsonFields()
    {
        var fields = new JsonFields();
        fields.AddRange(Data);
        fields.Put("command", Command);
        fields.Put("error", Error);
        foreach (var (key, value) in Data)
        {
            fields.Put(key, value);
        }

        return fields;
    }

    /// <summary>The response body, as ZooKeeper's JsonOutputter writes it.</summary>
    public string ToJson() => JacksonJson.Write(ToJsonFields());
}
