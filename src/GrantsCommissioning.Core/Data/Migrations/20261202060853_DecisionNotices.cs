using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DecisionNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExecutiveSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Background = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OptionsConsidered = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    FinancialImplications = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LegalImplications = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EqualityImplications = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Risks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PublicAccess = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ConfidentialAnnex = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: true),
                    SignificantPublicInterest = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApplicationId = table.Column<int>(type: "INTEGER", nullable: true),
                    DecisionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ChiefExecutiveAdvice = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinanceAdvice = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FinanceAdviceBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FinanceAdviceByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FinanceAdviceAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeclarationOfInterests = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SignatureDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FinancialYearStart = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedByUserId = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionNotices", x => x.Id);
                    table.CheckConstraint("CK_DecisionNotices_Amount", "AmountPence IS NULL OR AmountPence > 0");
                    table.ForeignKey(
                        name: "FK_DecisionNotices_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionNotices_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_ApplicationId",
                table: "DecisionNotices",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_DecisionId",
                table: "DecisionNotices",
                column: "DecisionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_NoticeReference",
                table: "DecisionNotices",
                column: "NoticeReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_PublishedOn",
                table: "DecisionNotices",
                column: "PublishedOn");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_Slug",
                table: "DecisionNotices",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DecisionNotices_State",
                table: "DecisionNotices",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionNotices");
        }
    }
}
