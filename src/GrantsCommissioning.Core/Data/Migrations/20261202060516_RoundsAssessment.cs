using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RoundsAssessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AssessorsPerApplication",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<long>(
                name: "BudgetPence",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DivergenceThresholdPercent",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<string>(
                name: "EligibleAreas",
                table: "Rounds",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EligibleOrganisationTypes",
                table: "Rounds",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "IsDraft",
                table: "Rounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAt",
                table: "Rounds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AssessorsPerApplication",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "BudgetPence",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "DivergenceThresholdPercent",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "EligibleAreas",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "EligibleOrganisationTypes",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "IsDraft",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "Rounds");
        }
    }
}
