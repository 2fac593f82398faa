using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseKind = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PlacedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordType = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRunItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordType = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseKind = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<long>(type: "INTEGER", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Policy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionRunItems_RetentionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RetentionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "RetentionPolicies",
                columns: new[] { "Id", "Period", "RecordType", "Unit", "UpdatedAt", "UpdatedByName" },
                values: new object[,]
                {
                    { 1, 2, 1, 2, null, null },
                    { 2, 12, 2, 1, null, null },
                    { 3, 7, 3, 2, null, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_CaseKind_CaseId",
                table: "LegalHolds",
                columns: new[] { "CaseKind", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionPolicies_RecordType",
                table: "RetentionPolicies",
                column: "RecordType",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRunItems_CaseKind_CaseId",
                table: "RetentionRunItems",
                columns: new[] { "CaseKind", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRunItems_RunId_Kind_RecordType",
                table: "RetentionRunItems",
                columns: new[] { "RunId", "Kind", "RecordType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "RetentionPolicies");

            migrationBuilder.DropTable(
                name: "RetentionRunItems");

            migrationBuilder.DropTable(
                name: "RetentionRuns");
        }
    }
}
