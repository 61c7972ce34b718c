using ActorZk.Server.Admin;
using ActorZk.Server.Configuration;
using Xunit;

namespace ActorZk.Server.Tests.Admin;

/// <summary>
/// The AdminServer's JSON, checked against what Apache ZooKeeper 3.8.0's AdminServer returned (Jetty, captured with
/// curl on a standalone server and a 3-voter ensemble): key names, order, nesting, types and Jackson's layout.
/// </summary>
public sealed class AdminCommandsTests
{
    private static AdminCommandResponse Run(string name, ServerSnapshot snapshot, ServerConfig? config = null)
        => AdminCommands.Run(AdminCommands.Find(name)!, name, snapshot, config ?? CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process);

    [Fact]
    public void ListsZooKeeper380sCommandsSorted()
    {
        Assert.Equal(
            [
                "configuration", "connection_stat_reset", "connections", "dirs", "dump", "environment", "get_trace_mask", "hash",
                "initial_configuration", "is_read_only", "last_snapshot", "leader", "monitor", "observer_connection_stat_reset",
                "observers", "ruok", "server_stats", "set_trace_mask", "stat_reset", "stats", "system_properties", "voting_view",
                "watch_summary", "watches", "watches_by_path", "zabstate",
            ],
            AdminCommands.PrimaryNames);
    }

    [Theory]
    [InlineData("srvr", "server_stats")]
    [InlineData("stat", "stats")]
    [InlineData("mntr", "monitor")]
    [InlineData("conf", "configuration")]
    [InlineData("config", "configuration")]
    [InlineData("env", "environment")]
    [InlineData("envi", "environment")]
    [InlineData("cons", "connections")]
    [InlineData("wchs", "watch_summary")]
    [InlineData("wchc", "watches")]
    [InlineData("wchp", "watches_by_path")]
    [InlineData("isro", "is_read_only")]
    [InlineData("lead", "leader")]
    [InlineData("lsnp", "last_snapshot")]
    [InlineData("gtmk", "get_trace_mask")]
    [InlineData("icfg", "initial_configuration")]
    [InlineData("crst", "connection_stat_reset")]
    [InlineData("srst", "stat_reset")]
    [InlineData("orst", "observer_connection_stat_reset")]
    [InlineData("obsr", "observers")]
    [InlineData("sysp", "system_properties")]
    public void AnAliasAnswersWithThePrimaryName(string alias, string primary)
    {
        Assert.Equal(primary, Run(alias, CapturedState.Standalone()).Command);
    }

    [Fact]
    public void NamesAreCaseSensitiveAndUnknownOnesSaySo()
    {
        Assert.Null(AdminCommands.Find("RUOK"));
        Assert.Equal("{\n  \"command\" : \"RUOK\",\n  \"error\" : \"Unknown command: RUOK\"\n}", AdminCommands.Unknown("RUOK").ToJson());
    }

    [Fact]
    public void RuokIsJustCommandAndError()
    {
        Assert.Equal("{\n  \"command\" : \"ruok\",\n  \"error\" : null\n}", Run("ruok", CapturedState.Standalone()).ToJson());
    }

    [Fact]
    public void ACommandThatNeedsAServingServerReportsTheNameAskedFor()
    {
        var notServing = CapturedState.Standalone() with { IsServing = false };
        Assert.Equal(
            "{\n  \"command\" : \"srvr\",\n  \"error\" : \"This ZooKeeper instance is not currently serving requests\"\n}",
            Run("srvr", notServing).ToJson());

        // zabstate and environment do not need one, as in ZooKeeper.
        Assert.Null(Run("zabstate", notServing).Error);
        Assert.Null(Run("envi", notServing).Error);
    }

    [Fact]
    public void WatchesAndDumpKeySessionsByDecimalIdAndListPathsAndIdsInline()
    {
        var snapshot = CapturedState.Standalone() with
        {
            SessionExpiryBuckets =
            [
                new(CapturedState.At(7, 13, 34), []) { ExpiresAtMonotonicMs = 64833000 },
                new(CapturedState.At(7, 13, 38), [CapturedState.StandaloneSession]) { ExpiresAtMonotonicMs = 64836000 },
            ],
        };
        var id = CapturedState.StandaloneSession.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            "{\n  \"session_id_to_watched_paths\" : {\n    \"" + id + "\" : [ \"/app/eph\", \"/app\", \"/nothere\" ]\n  },\n"
            + "  \"command\" : \"watches\",\n  \"error\" : null\n}",
            Run("wchc", snapshot).ToJson());
        Assert.Equal(
            "{\n  \"path_to_session_ids\" : {\n    \"/app/eph\" : [ " + id + " ],\n    \"/app\" : [ " + id + " ],\n    \"/nothere\" : [ " + id + " ]\n  },\n"
            + "  \"command\" : \"watches_by_path\",\n  \"error\" : null\n}",
            Run("wchp", snapshot).ToJson());
        Assert.Equal(
            "{\n  \"expiry_time_to_session_ids\" : {\n    \"64833000\" : [ ],\n    \"64836000\" : [ " + id + " ]\n  },\n"
            + "  \"session_id_to_ephemeral_paths\" : {\n    \"" + id + "\" : [ \"/app/eph2\", \"/app/eph\" ]\n  },\n"
            + "  \"command\" : \"dump\",\n  \"error\" : null\n}",
            Run("dump", snapshot).ToJson());
        Assert.Equal(
            "{\n  \"num_connections\" : 1,\n  \"num_paths\" : 3,\n  \"num_total_watches\" : 3,\n  \"command\" : \"watch_summary\",\n  \"error\" : null\n}",
            Run("wchs", snapshot).ToJson());
    }

    [Fact]
    public void StatsNestsServerStatsAndListsBriefConnections()
    {
        var json = Run("stats", CapturedState.Standalone()).ToJson();
        Assert.StartsWith("{\n  \"version\" : \"" + ServerVersion.Full + "\",\n  \"read_only\" : false,\n  \"server_stats\" : {\n    \"packets_sent\" : 13,\n", json, StringComparison.Ordinal);
        Assert.Contains("    \"client_response_stats\" : {\n      \"last_buffer_size\" : 16,\n      \"min_buffer_size\" : 16,\n      \"max_buffer_size\" : 93\n    },\n", json, StringComparison.Ordinal);
        Assert.Contains("    \"server_state\" : \"standalone\",\n    \"last_processed_zxid\" : 4,\n", json, StringComparison.Ordinal);
        Assert.Contains("    \"avg_latency\" : 2.5455,\n", json, StringComparison.Ordinal);
        Assert.Contains("    \"uptime\" : 13620\n  },\n", json, StringComparison.Ordinal);
        Assert.Contains(
            "  \"node_count\" : 8,\n  \"connections\" : [ {\n    \"remote_socket_address\" : \"127.0.0.1:59626\",\n    \"interest_ops\" : 1,\n"
            + "    \"outstanding_requests\" : 0,\n    \"packets_received\" : 11,\n    \"packets_sent\" : 11\n  }, {\n",
            json,
            StringComparison.Ordinal);
        Assert.EndsWith("  } ],\n  \"secure_connections\" : [ ],\n  \"command\" : \"stats\",\n  \"error\" : null\n}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("proposal_stats", json, StringComparison.Ordinal);
        Assert.Contains("\"proposal_stats\" : {\n    \"last_buffer_size\" : 94,", Run("srvr", CapturedState.Leader(), CapturedState.QuorumConfig(3)).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionsCarryTheFullInfo()
    {
        var connection = ((List<JsonFields>)Run("cons", CapturedState.Standalone()).Data[0].Value!)[0];
        Assert.Equal(
            [
                "remote_socket_address", "interest_ops", "outstanding_requests", "packets_received", "packets_sent", "session_id",
                "last_operation", "established", "session_timeout", "last_cxid", "last_zxid", "last_response_time", "last_latency",
                "min_latency", "avg_latency", "max_latency",
            ],
            connection.Select(kv => kv.Key));
        Assert.Equal(CapturedState.StandaloneSession, connection.Single(kv => kv.Key == "session_id").Value);
        Assert.Equal(1795850003931L, connection.Single(kv => kv.Key == "established").Value);
        Assert.Equal(2L, connection.Single(kv => kv.Key == "avg_latency").Value);
    }

    [Fact]
    public void LeaderPutsItsErrorFirstWhenStandalone()
    {
        Assert.Equal("{\n  \"error\" : \"server is not initialized\",\n  \"command\" : \"leader\"\n}", Run("lead", CapturedState.Standalone()).ToJson());
        Assert.Equal(
            "{\n  \"is_leader\" : true,\n  \"leader_id\" : 3,\n  \"leader_ip\" : \"127.0.0.1\",\n  \"command\" : \"leader\",\n  \"error\" : null\n}",
            Run("lead", CapturedState.Leader() with { LeaderId = 3 }, CapturedState.QuorumConfig(3)).ToJson());
    }

    [Fact]
    public void VotingViewListsTheVotersOnlyInQuorumMode()
    {
        Assert.Equal("{\n  \"current_config\" : { },\n  \"command\" : \"voting_view\",\n  \"error\" : null\n}", Run("voting_view", CapturedState.Standalone()).ToJson());
        var json = Run("voting_view", CapturedState.Leader(), CapturedState.QuorumConfig(3)).ToJson();
        Assert.Contains(
            "    \"1\" : {\n      \"server_addresses\" : [ \"127.0.0.1:22881\" ],\n      \"election_addresses\" : [ \"127.0.0.1:23881\" ],\n"
            + "      \"client_address\" : \"\",\n      \"learner_type\" : \"participant\"\n    },\n",
            json,
            StringComparison.Ordinal);
        Assert.Contains("\"3\" : {", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"4\" : {", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ZabStateDescribesTheQuorumMember()
    {
        Assert.Equal(
            "{\n  \"voting\" : false,\n  \"zabstate\" : \"\",\n  \"command\" : \"zabstate\",\n  \"error\" : null\n}",
            Run("zabstate", CapturedState.Standalone()).ToJson());
        var fields = Run("zabstate", CapturedState.Leader() with { PeerState = "leading - broadcast" }, CapturedState.QuorumConfig(3)).ToJsonFields();
        Assert.Equal(
            ["myid", "is_leader", "quorum_address", "election_address", "client_address", "voting", "last_zxid", "zab_epoch", "zab_counter", "zabstate", "command", "error"],
            fields.Select(kv => kv.Key));
        var values = fields.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("0x100000004", values["last_zxid"]);
        Assert.Equal(1L, values["zab_epoch"]);
        Assert.Equal(4L, values["zab_counter"]);
        Assert.Equal("broadcast", values["zabstate"]);
        Assert.Equal("127.0.0.1:22193", values["client_address"]);
        Assert.Equal("127.0.0.1:22883", ((JsonFields)values["quorum_address"]!).Single(kv => kv.Key == "one").Value);
    }

    [Fact]
    public void MonitorTypesItsValuesAndSharesMntrsKeys()
    {
        var snapshot = CapturedState.Standalone();
        var fields = Run("mntr", snapshot).ToJsonFields();
        var mntr = FourLetterWordResponder.Respond("mntr", snapshot, CapturedState.StandaloneConfig, CapturedState.Now, CapturedState.Process);
        var mntrKeys = mntr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[0]["zk_".Length..]);
        Assert.Equal(mntrKeys.Append("command").Append("error"), fields.Select(kv => kv.Key));
        var values = fields.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("standalone", values["server_state"]);
        Assert.Equal(2.5455, values["avg_latency"]);
        Assert.Equal(8L, values["znode_count"]);
        Assert.Equal(0.0, values["connection_drop_probability"]);
    }

    [Fact]
    public void ConfigurationIsZooKeeperServerConf()
    {
        Assert.Equal(
            "{\n  \"client_port\" : 22181,\n  \"data_dir\" : \"/tmp/zkref/data/version-2\",\n  \"data_log_dir\" : \"/tmp/zkref/data/version-2\",\n"
            + "  \"tick_time\" : 2000,\n  \"max_client_cnxns\" : 60,\n  \"min_session_timeout\" : 4000,\n  \"max_session_timeout\" : 40000,\n"
            + "  \"server_id\" : 0,\n  \"client_port_listen_backlog\" : -1,\n  \"command\" : \"configuration\",\n  \"error\" : null\n}",
            Run("conf", CapturedState.Standalone()).ToJson());
    }

    [Fact]
    public void SetTraceMaskNeedsALongArgument()
    {
        var command = AdminCommands.Find("stmk")!;
        var missing = AdminCommands.CheckArguments(command, new Dictionary<string, string>(), out _);
        Assert.Equal("{\n  \"error\" : \"setTraceMask requires long traceMask argument\",\n  \"command\" : \"set_trace_mask\"\n}", missing!.ToJson());
        var bad = AdminCommands.CheckArguments(command, new Dictionary<string, string> { ["traceMask"] = "x" }, out _);
        Assert.Equal("setTraceMask requires long traceMask argument, got x", bad!.Data.Single().Value);
        Assert.Null(AdminCommands.CheckArguments(command, new Dictionary<string, string> { ["traceMask"] = "42" }, out var mask));
        Assert.Equal(42L, mask);
        Assert.Equal(42L, Run("stmk", CapturedState.Standalone() with { TraceMask = 42 }).Data.Single().Value);
    }

    [Fact]
    public void IsReadOnlyAndDirsAndLastSnapshot()
    {
        Assert.Equal(true, Run("isro", CapturedState.Learner("read-only", 1)).Data.Single().Value);
        Assert.Equal(false, Run("isro", CapturedState.Standalone()).Data.Single().Value);
        Assert.Equal(["datadir_size", "logdir_size"], Run("dirs", CapturedState.Standalone()).Data.Select(kv => kv.Key));
        Assert.Equal(
            "{\n  \"zxid\" : \"ffffffffffffffff\",\n  \"timestamp\" : -1,\n  \"command\" : \"last_snapshot\",\n  \"error\" : null\n}",
            Run("lsnp", CapturedState.Standalone()).ToJson());
    }

    [Fact]
    public void JacksonLayoutEscapesOnlyWhatJsonNeeds()
    {
        Assert.Equal("{ }", JacksonJson.Write(new JsonFields()));
        Assert.Equal("[ ]", JacksonJson.Write(Array.Empty<object>()));
        Assert.Equal("\"a\\\"b\\\\c\\nd\\u0001/é\"", JacksonJson.Write("a\"b\\c\nd\u0001/é"));
        Assert.Equal("[ 1.0E-4, 0.0, 12.5 ]", JacksonJson.Write(new object[] { 0.0001, 0.0, 12.5 }));
    }
}
