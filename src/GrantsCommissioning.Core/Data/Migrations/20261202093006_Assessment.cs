using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AssignedAt",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssignedByName",
                table: "Assessments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DueDate",
                table: "Assessments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OverdueNoticeAt",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemindedAt",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Assessments",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReturnedAt",
                table: "Assessments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InterestRegisters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterestRegisters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Moderations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ModeratedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ModeratedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ModeratedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Moderations", x => x.Id);
                    table.CheckConstraint("CK_Moderations_Score", "Score BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "FK_Moderations_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclaredInterests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegisterId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CharityNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CompanyNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeclaredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclaredInterests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclaredInterests_InterestRegisters_RegisterId",
                        column: x => x.RegisterId,
                        principalTable: "InterestRegisters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeclaredInterests_RegisterId",
                table: "DeclaredInterests",
                column: "RegisterId");

            migrationBuilder.CreateIndex(
                name: "IX_InterestRegisters_UserId",
                table: "InterestRegisters",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Moderations_ApplicationId",
                table: "Moderations",
                column: "ApplicationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeclaredInterests");

            migrationBuilder.DropTable(
                name: "Moderations");

            migrationBuilder.DropTable(
                name: "InterestRegisters");

            migrationBuilder.DropColumn(
                name: "AssignedAt",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "AssignedByName",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "DueDate",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "OverdueNoticeAt",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "RemindedAt",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "ReturnedAt",
                table: "Assessments");
        }
    }
}
