using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddJobVerifySchedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "VerifyIntervalMinutes",
                table: "SyncJobs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VerifyIntervalMinutes",
                table: "SyncJobs");
        }
    }
}
