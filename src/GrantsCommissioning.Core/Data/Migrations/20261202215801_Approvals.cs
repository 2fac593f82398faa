using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Approvals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeputyForName",
                table: "Decisions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseApprovals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Post = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeputyForUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DeputyForName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    VoidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VoidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    VoidedReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseApprovals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseApprovals_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Deputies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PrincipalUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PrincipalName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DeputyUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DeputyName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    LimitPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    NominatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deputies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FundingLineMoves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    IntoFunding = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    MovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    MovedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MovedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundingLineMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundingLineMoves_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseApprovals_ApplicationId",
                table: "CaseApprovals",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_DeputyUserId",
                table: "Deputies",
                column: "DeputyUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_PrincipalUserId",
                table: "Deputies",
                column: "PrincipalUserId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingLineMoves_ApplicationId",
                table: "FundingLineMoves",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingLineMoves_RoundId_ApplicationId",
                table: "FundingLineMoves",
                columns: new[] { "RoundId", "ApplicationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseApprovals");

            migrationBuilder.DropTable(
                name: "Deputies");

            migrationBuilder.DropTable(
                name: "FundingLineMoves");

            migrationBuilder.DropColumn(
                name: "DeputyForName",
                table: "Decisions");
        }
    }
}
