using Microsoft.Data.Sqlite;

namespace ActorZk.Server.Storage;

/// <summary>
/// The SQLite journal's tables, created by ActorZk instead of the plugin's auto-initialize: the plugin's own
/// columns and its unique (persistence_id, sequence_number) index, but not its indexes on <c>created</c> and on
/// <c>sequence_number</c> alone. No query of the plugin or of ActorZk reads through those two (replay, the highest
/// sequence number and the purge all go through the unique index), yet every commit paid for them: two more
/// B-tree pages, so two more WAL frames, per fsync (10 pwrites per commit down to 6; set at 1 session about 5%
/// more throughput at about 5% less CPU per write, bench/findings.md).
/// </summary>
/// <remarks>
/// The plugin's auto-initialize runs <c>CREATE INDEX IF NOT EXISTS</c> for all three at every start, which would
/// put the two back (and rebuild them over the whole log), so persistence-sqlite.conf turns it off for the journal.
/// The snapshot store keeps the plugin's own initialization: it writes once per snapCount txns.
/// </remarks>
internal static class SqliteJournalSchema
{
    private const string Create = """
        CREATE TABLE IF NOT EXISTS journal (
            ordering        INTEGER       NOT NULL PRIMARY KEY AUTOINCREMENT,
            created         INTEGER       NOT NULL,
            deleted         Bit           NOT NULL,
            persistence_id  NVarChar(255) NOT NULL,
            sequence_number INTEGER       NOT NULL,
            message         VarBinary     NOT NULL,
            manifest        NVarChar(500)     NULL,
            identifier      INTEGER           NULL,
            writer_uuid     NVarChar(128)     NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        CREATE TABLE IF NOT EXISTS tags (
            ordering_id    INTEGER       NOT NULL,
            tag            NVarChar(64)  NOT NULL,
            sequence_nr    INTEGER       NOT NULL,
            persistence_id NVarChar(255) NOT NULL,
            CONSTRAINT PK_tags PRIMARY KEY (ordering_id, tag)
        );
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);
        """;

    // Logs written before this schema (the plugin's) carry the two indexes; they go at the next start.
    private const string DropUnused = """
        DROP INDEX IF EXISTS journal_created_idx;
        DROP INDEX IF EXISTS journal_sequence_number_idx;
        """;

    /// <summary>Creates what is missing and, when asked (not while only inspecting), drops the two unused indexes of older logs.</summary>
    public static void Ensure(SqliteConnection connection, bool dropUnusedIndexes)
    {
        using var command = connection.CreateCommand();
        command.CommandText = dropUnusedIndexes ? Create + DropUnused : Create;
        command.ExecuteNonQuery();
    }
}
