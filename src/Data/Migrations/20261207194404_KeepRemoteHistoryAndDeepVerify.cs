using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeepRemoteHistoryAndDeepVerify : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FailLogEntries_Remotes_RemoteId",
                table: "FailLogEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_SyncRuns_Remotes_RemoteId",
                table: "SyncRuns");

            migrationBuilder.AlterColumn<int>(
                name: "RemoteId",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "RemoteName",
                table: "SyncRuns",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "VerifyDeep",
                table: "SyncJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AlterColumn<int>(
                name: "RemoteId",
                table: "FailLogEntries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "RemoteName",
                table: "FailLogEntries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_FailLogEntries_Remotes_RemoteId",
                table: "FailLogEntries",
                column: "RemoteId",
                principalTable: "Remotes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_SyncRuns_Remotes_RemoteId",
                table: "SyncRuns",
                column: "RemoteId",
                principalTable: "Remotes",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FailLogEntries_Remotes_RemoteId",
                table: "FailLogEntries");

            migrationBuilder.DropForeignKey(
                name: "FK_SyncRuns_Remotes_RemoteId",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "RemoteName",
                table: "SyncRuns");

            migrationBuilder.DropColumn(
                name: "VerifyDeep",
                table: "SyncJobs");

            migrationBuilder.DropColumn(
                name: "RemoteName",
                table: "FailLogEntries");

            migrationBuilder.AlterColumn<int>(
                name: "RemoteId",
                table: "SyncRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "RemoteId",
                table: "FailLogEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_FailLogEntries_Remotes_RemoteId",
                table: "FailLogEntries",
                column: "RemoteId",
                principalTable: "Remotes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SyncRuns_Remotes_RemoteId",
                table: "SyncRuns",
                column: "RemoteId",
                principalTable: "Remotes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
