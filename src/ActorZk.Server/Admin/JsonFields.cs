namespace ActorZk.Server.Admin;

/// <summary>
/// A JSON object whose keys keep the order they were added in, as the LinkedHashMaps behind ZooKeeper's
/// AdminServer answers do. Values are null, bool, int, long, double, string, another <see cref="JsonFields"/>, or a
/// sequence of those (a JSON array); <see cref="JacksonJson"/> writes them.
/// </summary>
public sealed class JsonFields : List<KeyValuePair<string, object?>>
{
    /// <summary>Appends <paramref name="key"/>, or replaces its value in place when it is already there (Java's Map.put).</summary>
    public void Put(string key, object? value)
    {
        var index = FindIndex(kv => kv.Key == key);
        if (index >= 0)
        {
            this[index] = new(key, value);
        }
        else
        {
            Add(new(key, value));
        }
    }
}
