using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AdminUsers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false, collation: "NOCASE"),
                    PasswordHash = table.Column<string>(type: "TEXT", nullable: false),
                    FailedLoginCount = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    LastLoginAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PasswordChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppSettings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppSettings", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Remotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    Host = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Transport = table.Column<int>(type: "INTEGER", nullable: false),
                    ModuleOrPath = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProtectedPassword = table.Column<string>(type: "TEXT", nullable: true),
                    Port = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeoutSeconds = table.Column<int>(type: "INTEGER", nullable: true),
                    SshKeyPath = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true),
                    ExtraArgs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, defaultValue: ""),
                    BandwidthLimitKbps = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Remotes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SyncJobs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false, collation: "NOCASE"),
                    WatchPath = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Events = table.Column<int>(type: "INTEGER", nullable: false),
                    RsyncParams = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false, defaultValue: "-artuz"),
                    DeleteEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    IgnoreTempFiles = table.Column<bool>(type: "INTEGER", nullable: false),
                    InitialFullSync = table.Column<bool>(type: "INTEGER", nullable: false),
                    FullSyncIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    FullSyncCron = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CoalescingDelayMs = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 20),
                    MaxBatchPaths = table.Column<int>(type: "INTEGER", nullable: false),
                    RetryIntervalMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ReconcileAfterTrouble = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    Debug = table.Column<bool>(type: "INTEGER", nullable: false),
                    PluginOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FailLogEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    RemoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    PathsJson = table.Column<string>(type: "TEXT", nullable: false),
                    FullSync = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExitCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitMeaning = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    StderrTail = table.Column<string>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstFailureAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastFailureAt = table.Column<long>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedByRunId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FailLogEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FailLogEntries_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
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
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    RemoteId = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    SettingsJson = table.Column<string>(type: "TEXT", nullable: false)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JobId = table.Column<int>(type: "INTEGER", nullable: false),
                    RemoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PathCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    FilesTransferred = table.Column<int>(type: "INTEGER", nullable: false),
                    DurationMs = table.Column<double>(type: "REAL", nullable: false),
                    ExitCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ExitMeaning = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CommandLine = table.Column<string>(type: "TEXT", nullable: false),
                    StderrTail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SyncRuns_Remotes_RemoteId",
                        column: x => x.RemoteId,
                        principalTable: "Remotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SyncRuns_SyncJobs_JobId",
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdminUsers");

            migrationBuilder.DropTable(
                name: "AppSettings");

            migrationBuilder.DropTable(
                name: "FailLogEntries");

            migrationBuilder.DropTable(
                name: "FilterRules");

            migrationBuilder.DropTable(
                name: "JobRemotes");

            migrationBuilder.DropTable(
                name: "PluginConfigs");

            migrationBuilder.DropTable(
                name: "SyncRuns");

            migrationBuilder.DropTable(
                name: "Remotes");

            migrationBuilder.DropTable(
                name: "SyncJobs");
        }
    }
}
