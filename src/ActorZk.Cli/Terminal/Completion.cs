namespace ActorZk.Cli.Terminal;

/// <summary>The candidates for the word before the cursor, which starts at <see cref="Start"/>.</summary>
/// <param name="Start">Where the word being completed starts in the line.</param>
/// <param name="Candidates">The full replacements for that word, sorted.</param>
internal sealed record Completion(int Start, IReadOnlyList<string> Candidates)
{
    /// <summary>The longest text every candidate starts with.</summary>
    public string CommonPrefix
    {
        get
        {
            if (Candidates.Count == 0)
            {
                return string.Empty;
            }

            var prefix = Candidates[0];
            foreach (var candidate in Candidates)
            {
                var length = 0;
                while (length < prefix.Length && length < candidate.Length && prefix[length] == candidate[length])
                {
                    length++;
                }

                prefix = prefix[..length];
            }

            return prefix;
        }
    }
}
