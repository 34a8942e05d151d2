using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SyncConsole.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddFailLogFailedRetries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedRetries",
                table: "FailLogEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FailedRetries",
                table: "FailLogEntries");
        }
    }
}
