using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Funds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllocatesByTable",
                table: "Funds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "CapPercent",
                table: "Funds",
                type: "INTEGER",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<string>(
                name: "FundingSource",
                table: "Funds",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsRingFenced",
                table: "Funds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SourceConditions",
                table: "Funds",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AllocationTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AllocatedPence = table.Column<long>(type: "INTEGER", nullable: false),
                    ReservePence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationTables", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllocationTables_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundCarryForwards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FundId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromYearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Destination = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundCarryForwards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundCarryForwards_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FundVirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FromFundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToFundId = table.Column<int>(type: "INTEGER", nullable: false),
                    YearStart = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundVirements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundVirements_Funds_FromFundId",
                        column: x => x.FromFundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FundVirements_Funds_ToFundId",
                        column: x => x.ToFundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentSuspensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AwardId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SuspendedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SuspendedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LiftedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentSuspensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentSuspensions_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AllocationLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableId = table.Column<int>(type: "INTEGER", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Partner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    AwardId = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountPence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllocationLines_AllocationTables_TableId",
                        column: x => x.TableId,
                        principalTable: "AllocationTables",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_AwardId",
                table: "AllocationLines",
                column: "AwardId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_OrganisationId",
                table: "AllocationLines",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_TableId",
                table: "AllocationLines",
                column: "TableId");

            migrationBuilder.CreateIndex(
                name: "IX_AllocationTables_FundId_FinancialYearStart",
                table: "AllocationTables",
                columns: new[] { "FundId", "FinancialYearStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AllocationTables_Sha256",
                table: "AllocationTables",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundCarryForwards_FundId_FromYearStart",
                table: "FundCarryForwards",
                columns: new[] { "FundId", "FromYearStart" });

            migrationBuilder.CreateIndex(
                name: "IX_FundVirements_FromFundId",
                table: "FundVirements",
                column: "FromFundId");

            migrationBuilder.CreateIndex(
                name: "IX_FundVirements_Status",
                table: "FundVirements",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_FundVirements_ToFundId",
                table: "FundVirements",
                column: "ToFundId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSuspensions_AwardId",
                table: "PaymentSuspensions",
                column: "AwardId",
                unique: true,
                filter: "\"LiftedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationLines");

            migrationBuilder.DropTable(
                name: "FundCarryForwards");

            migrationBuilder.DropTable(
                name: "FundVirements");

            migrationBuilder.DropTable(
                name: "PaymentSuspensions");

            migrationBuilder.DropTable(
                name: "AllocationTables");

            migrationBuilder.DropColumn(
                name: "AllocatesByTable",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "CapPercent",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "FundingSource",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "IsRingFenced",
                table: "Funds");

            migrationBuilder.DropColumn(
                name: "SourceConditions",
                table: "Funds");
        }
    }
}
