using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class StaffListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Returns_AwardId",
                table: "Returns");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_AwardId_State",
                table: "Returns",
                columns: new[] { "AwardId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardYearSplits_FinancialYearStart_AwardId_AmountPence",
                table: "AwardYearSplits",
                columns: new[] { "FinancialYearStart", "AwardId", "AmountPence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Returns_AwardId_State",
                table: "Returns");

            migrationBuilder.DropIndex(
                name: "IX_AwardYearSplits_FinancialYearStart_AwardId_AmountPence",
                table: "AwardYearSplits");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_AwardId",
                table: "Returns",
                column: "AwardId");
        }
    }
}
