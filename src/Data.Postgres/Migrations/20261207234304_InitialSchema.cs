using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SyncConsole.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:case_insensitive", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateTable(
                name: "AdminUsers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "case_insensitive"),
                    PasswordHash = table.Column<string>(type: "text", nullable: false),
                    FailedLoginCount = table.Column<int>(type: "integer", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastLoginAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PasswordChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertIncidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    JobId = table.Column<int>(type: "integer", nullable: true),
                    RemoteId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "text", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecoveryNotified = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertIncidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "NotificationChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    MaxPerMinute = table.Column<int>(type: "integer", nullable: false),
                    SmtpHost = table.Column<string>(type: "text", nullable: true),
                    SmtpPort = table.Column<int>(type: "integer", nullable: false),
                    SmtpSecurity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SmtpUser = table.Column<string>(type: "text", nullable: true),
                    ProtectedSmtpPassword = table.Column<string>(type: "text", nullable: true),
                    FromAddress = table.Column<string>(type: "text", nullable: true),
                    ToAddresses = table.Column<string>(type: "text", nullable: true),
                    ProtectedUrl = table.Column<string>(type: "text", nullable: true),
                    UrlOrigin = table.Column<string>(type: "text", nullable: true),
                    ProtectedToken = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Remotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "case_insensitive"),
                    Host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Transport = table.Column<int>(type: "integer", nullable: false),
                    ModuleOrPath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    User = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "text", nullable: true),
                    Port = table.Column<int>(type: "integer", nullable: true),
                    TimeoutSeconds = table.Column<int>(type: "integer", nullable: true),
                    SshKeyPath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    KnownHostsPath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    ExtraArgs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, defaultValue: ""),
                    BandwidthLimitKbps = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Remotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "case_insensitive"),
                    WatchPath = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    Events = table.Column<int>(type: "integer", nullable: false),
                    RsyncParams = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false, defaultValue: "-artuz"),
                    DeleteEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    IgnoreTempFiles = table.Column<bool>(type: "boolean", nullable: false),
                    InitialFullSync = table.Column<bool>(type: "boolean", nullable: false),
                    FullSyncIntervalMinutes = table.Column<int>(type: "integer", nullable: true),
                    FullSyncUsesLiveExcludes = table.Column<bool>(type: "boolean", nullable: false),
                    FullSyncCron = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VerifyIntervalMinutes = table.Column<int>(type: "integer", nullable: true),
                    VerifyDeep = table.Column<bool>(type: "boolean", nullable: false),
                    CoalescingDelayMs = table.Column<int>(type: "integer", nullable: false, defaultValue: 20),
                    MaxBatchPaths = table.Column<int>(type: "integer", nullable: false),
                    RetryIntervalMinutes = table.Column<int>(type: "integer", nullable: true),
                    ReconcileAfterTrouble = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    Debug = table.Column<bool>(type: "boolean", nullable: false),
                    PluginOnly = table.Column<bool>(type: "boolean", nullable: false),
                    DeletionGuardEnabled = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    DeletionGuardMaxSharePercent = table.Column<int>(type: "integer", nullable: false, defaultValue: 50),
                    DeletionGuardMinCount = table.Column<int>(type: "integer", nullable: false, defaultValue: 100),
                    LastHealthyDevice = table.Column<string>(type: "character varying(4200)", maxLength: 4200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FailLogEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    RemoteId = table.Column<int>(type: "integer", nullable: true),
                    RemoteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PathsJson = table.Column<string>(type: "text", nullable: false),
                    FullSync = table.Column<bool>(type: "boolean", nullable: false),
                    ExitCode = table.Column<int>(type: "integer", nullable: false),
                    ExitMeaning = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StderrTail = table.Column<string>(type: "text", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    FailedRetries = table.Column<int>(type: "integer", nullable: false),
                    FirstFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastFailureAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ResolvedByRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailLogEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FailLogEntries_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FailLogEntries_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FilterRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Expression = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FilterRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FilterRules_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobRemotes",
                columns: table => new
                {
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    RemoteId = table.Column<int>(type: "integer", nullable: false),
                    Destination = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRemotes", x => new { x.JobId, x.RemoteId });
                    table.ForeignKey(
                        name: "FK_JobRemotes_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JobRemotes_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PluginConfigs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    SettingsJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PluginConfigs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PluginConfigs_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SyncRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    RemoteId = table.Column<int>(type: "integer", nullable: true),
                    RemoteName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PathCount = table.Column<int>(type: "integer", nullable: false),
                    Bytes = table.Column<long>(type: "bigint", nullable: false),
                    FilesTransferred = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<double>(type: "double precision", nullable: false),
                    ExitCode = table.Column<int>(type: "integer", nullable: false),
                    ExitMeaning = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CommandLine = table.Column<string>(type: "text", nullable: false),
                    StderrTail = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncRuns_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SyncRuns_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerifyResults",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    JobId = table.Column<int>(type: "integer", nullable: false),
                    RemoteId = table.Column<int>(type: "integer", nullable: false),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Completed = table.Column<bool>(type: "boolean", nullable: false),
                    DifferenceCount = table.Column<int>(type: "integer", nullable: false),
                    DifferencesJson = table.Column<string>(type: "text", nullable: false),
                    ExitCode = table.Column<int>(type: "integer", nullable: false),
                    ExitMeaning = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Error = table.Column<string>(type: "text", nullable: true),
                    SyncRunId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerifyResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerifyResults_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VerifyResults_SyncJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "SyncJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdminUsers_UserName",
                table: "AdminUsers",
                column: "UserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertIncidents_Key_ClosedAt",
                table: "AlertIncidents",
                columns: new[] { "Key", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FailLogEntries_JobId_RemoteId_State",
                table: "FailLogEntries",
                columns: new[] { "JobId", "RemoteId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_FailLogEntries_RemoteId",
                table: "FailLogEntries",
                column: "RemoteId");

            migrationBuilder.CreateIndex(
                name: "IX_FailLogEntries_State_NextAttemptAt",
                table: "FailLogEntries",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FilterRules_JobId_Kind_Order",
                table: "FilterRules",
                columns: new[] { "JobId", "Kind", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRemotes_RemoteId",
                table: "JobRemotes",
                column: "RemoteId");

            migrationBuilder.CreateIndex(
                name: "IX_NotificationChannels_Name",
                table: "NotificationChannels",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PluginConfigs_JobId",
                table: "PluginConfigs",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_Remotes_Name",
                table: "Remotes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncJobs_Name",
                table: "SyncJobs",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_JobId_StartedAt",
                table: "SyncRuns",
                columns: new[] { "JobId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_RemoteId",
                table: "SyncRuns",
                column: "RemoteId");

            migrationBuilder.CreateIndex(
                name: "IX_SyncRuns_StartedAt",
                table: "SyncRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_VerifyResults_JobId_RemoteId",
                table: "VerifyResults",
                columns: new[] { "JobId", "RemoteId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerifyResults_RemoteId",
                table: "VerifyResults",
                column: "RemoteId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminUsers");

            migrationBuilder.DropTable(
                name: "AlertIncidents");

            migrationBuilder.DropTable(
                name: "AppSettings");

            migrationBuilder.DropTable(
                name: "FailLogEntries");

            migrationBuilder.DropTable(
                name: "FilterRules");

            migrationBuilder.DropTable(
                name: "JobRemotes");

            migrationBuilder.DropTable(
                name: "NotificationChannels");

            migrationBuilder.DropTable(
                name: "PluginConfigs");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "VerifyResults");

            migrationBuilder.DropTable(
                name: "Remotes");

            migrationBuilder.DropTable(
                name: "SyncJobs");
        }
    }
}
