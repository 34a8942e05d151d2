using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddDeletionGuard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DeletionGuardEnabled",
                table: "SyncJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "DeletionGuardMaxSharePercent",
                table: "SyncJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 50);

            migrationBuilder.AddColumn<int>(
                name: "DeletionGuardMinCount",
                table: "SyncJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<string>(
                name: "LastHealthyDevice",
                table: "SyncJobs",
                type: "TEXT",
                maxLength: 4200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeletionGuardEnabled",
                table: "SyncJobs");

            migrationBuilder.DropColumn(
                name: "DeletionGuardMaxSharePercent",
                table: "SyncJobs");

            migrationBuilder.DropColumn(
                name: "DeletionGuardMinCount",
                table: "SyncJobs");

            migrationBuilder.DropColumn(
                name: "LastHealthyDevice",
                table: "SyncJobs");
        }
    }
}
