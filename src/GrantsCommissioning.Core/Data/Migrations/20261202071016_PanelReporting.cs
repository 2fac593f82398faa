using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PanelReporting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Direction",
                table: "MeasureReadings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "PanelReportDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FinancialYearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    PccActivity = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReportDrafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedPanelReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FinancialYearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    Quarter = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedByName = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CorrectionNote = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Document = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", maxLength: 4000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedPanelReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ObjectiveNarratives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    ObjectiveId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectiveNarratives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ObjectiveNarratives_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ObjectiveNarratives_PanelReportDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "PanelReportDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveNarratives_DraftId_ObjectiveId",
                table: "ObjectiveNarratives",
                columns: new[] { "DraftId", "ObjectiveId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ObjectiveNarratives_ObjectiveId",
                table: "ObjectiveNarratives",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelReportDrafts_FinancialYearStart_Quarter",
                table: "PanelReportDrafts",
                columns: new[] { "FinancialYearStart", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedPanelReports_FinancialYearStart_Quarter_Version",
                table: "PublishedPanelReports",
                columns: new[] { "FinancialYearStart", "Quarter", "Version" },
                unique: true);

            // A published Panel report is an immutable snapshot: the database refuses to change or delete one.
            migrationBuilder.Sql("CREATE TRIGGER PublishedPanelReports_NoUpdate BEFORE UPDATE ON PublishedPanelReports "
                + "BEGIN SELECT RAISE(ABORT, 'published Panel reports never change: publish a corrected version'); END;");
            migrationBuilder.Sql("CREATE TRIGGER PublishedPanelReports_NoDelete BEFORE DELETE ON PublishedPanelReports "
                + "BEGIN SELECT RAISE(ABORT, 'published Panel reports never change: publish a corrected version'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PublishedPanelReports_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS PublishedPanelReports_NoDelete;");

            migrationBuilder.DropTable(
                name: "ObjectiveNarratives");

            migrationBuilder.DropTable(
                name: "PublishedPanelReports");

            migrationBuilder.DropTable(
                name: "PanelReportDrafts");

            migrationBuilder.DropColumn(
                name: "Direction",
                table: "MeasureReadings");
        }
    }
}
