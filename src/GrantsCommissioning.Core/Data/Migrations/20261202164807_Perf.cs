using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Perf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Returns_State_DueDate",
                table: "Returns",
                columns: new[] { "State", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_State_DueDate",
                table: "Payments",
                columns: new[] { "State", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Returns_State_DueDate",
                table: "Returns");

            migrationBuilder.DropIndex(
                name: "IX_Payments_State_DueDate",
                table: "Payments");
        }
    }
}
