using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Returns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DraftSavedAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftSavedByName",
                table: "Returns",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "EscalateAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OverdueAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignedOffAt",
                table: "Returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedOffByName",
                table: "Returns",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignedOffByUserId",
                table: "Returns",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HeldForReturnId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeadContactEmail",
                table: "Awards",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeadContactName",
                table: "Awards",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReturnProfile",
                table: "Awards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // existing awards report quarterly, as they always have

            migrationBuilder.AddColumn<int>(
                name: "IndicatorId",
                table: "AwardChangeRequests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NewEmail",
                table: "AwardChangeRequests",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "NewTarget",
                table: "AwardChangeRequests",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NewText",
                table: "AwardChangeRequests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PreviousTarget",
                table: "AwardChangeRequests",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousText",
                table: "AwardChangeRequests",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_IndicatorId",
                table: "AwardChangeRequests",
                column: "IndicatorId");

            migrationBuilder.AddForeignKey(
                name: "FK_AwardChangeRequests_AwardIndicators_IndicatorId",
                table: "AwardChangeRequests",
                column: "IndicatorId",
                principalTable: "AwardIndicators",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AwardChangeRequests_AwardIndicators_IndicatorId",
                table: "AwardChangeRequests");

            migrationBuilder.DropIndex(
                name: "IX_AwardChangeRequests_IndicatorId",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "DraftSavedAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "DraftSavedByName",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "EscalateAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "OverdueAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "RemindAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "SignedOffAt",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "SignedOffByName",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "SignedOffByUserId",
                table: "Returns");

            migrationBuilder.DropColumn(
                name: "HeldForReturnId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "LeadContactEmail",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "LeadContactName",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "ReturnProfile",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "IndicatorId",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "NewEmail",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "NewTarget",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "NewText",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "PreviousTarget",
                table: "AwardChangeRequests");

            migrationBuilder.DropColumn(
                name: "PreviousText",
                table: "AwardChangeRequests");
        }
    }
}
