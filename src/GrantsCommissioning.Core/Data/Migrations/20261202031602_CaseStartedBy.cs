using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseStartedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StartedByName",
                table: "Returns",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByUserId",
                table: "Returns",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByName",
                table: "Payments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByUserId",
                table: "Payments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByName",
                table: "Awards",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByUserId",
                table: "Awards",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByName",
                table: "Applications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedByUserId",
                table: "Applications",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StartedByName",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "StartedByUserId",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "StartedByName",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "StartedByUserId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "StartedByName",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "StartedByUserId",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "StartedByName",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "StartedByUserId",
                table: "Applications");
        }
    }
}
