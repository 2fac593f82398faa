using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Returns_State_PeriodEnd_AwardId",
                table: "Returns",
                columns: new[] { "State", "PeriodEnd", "AwardId" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_State_PaidOn_AwardId_AmountPence",
                table: "Payments",
                columns: new[] { "State", "PaidOn", "AwardId", "AmountPence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Returns_State_PeriodEnd_AwardId",
                table: "Returns");

            migrationBuilder.DropIndex(
                name: "IX_Payments_State_PaidOn_AwardId_AmountPence",
                table: "Payments");
        }
    }
}
