using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Monitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OfficerUserId",
                table: "Awards",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AwardChangeRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AwardId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PreviousEndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NewEndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FromCostLineId = table.Column<int>(type: "INTEGER", nullable: true),
                    ToCostLineId = table.Column<int>(type: "INTEGER", nullable: true),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardChangeRequests", x => x.Id);
                    table.CheckConstraint("CK_AwardChangeRequests_Amount", "AmountPence >= 0");
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_AwardCostLines_FromCostLineId",
                        column: x => x.FromCostLineId,
                        principalTable: "AwardCostLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_AwardCostLines_ToCostLineId",
                        column: x => x.ToCostLineId,
                        principalTable: "AwardCostLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AwardId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rag = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RatedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardRatings", x => x.Id);
                    table.CheckConstraint("CK_AwardRatings_Rag", "Rag BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "FK_AwardRatings_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OfficerUserId_State",
                table: "Awards",
                columns: new[] { "OfficerUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_AwardId_Status",
                table: "AwardChangeRequests",
                columns: new[] { "AwardId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_FromCostLineId",
                table: "AwardChangeRequests",
                column: "FromCostLineId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_ToCostLineId",
                table: "AwardChangeRequests",
                column: "ToCostLineId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardRatings_AwardId_RatedAt",
                table: "AwardRatings",
                columns: new[] { "AwardId", "RatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AwardChangeRequests");

            migrationBuilder.DropTable(
                name: "AwardRatings");

            migrationBuilder.DropIndex(
                name: "IX_Awards_OfficerUserId_State",
                table: "Awards");

            migrationBuilder.DropColumn(
                name: "OfficerUserId",
                table: "Awards");
        }
    }
}
