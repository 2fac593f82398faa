using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Schedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReceiptReference",
                table: "Recoveries",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedAt",
                table: "Recoveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceivedByName",
                table: "Recoveries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Recoveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedPence",
                table: "Recoveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AdvanceJustification",
                table: "Payments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Basis",
                table: "Payments",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "ConditionDocument",
                table: "Payments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DocumentReceivedAt",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentReceivedByName",
                table: "Payments",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            // Instalments already scheduled keep the truth of their award's schedule: one due on or before the project
            // starts was paid ahead of need, so it is an advance with the award's justification.
            migrationBuilder.Sql(@"UPDATE Payments SET Basis = 2,
                AdvanceJustification = (SELECT a.AdvanceJustification FROM Awards a WHERE a.Id = Payments.AwardId)
                WHERE PaymentKind = 1 AND DueDate <= (SELECT a.StartDate FROM Awards a WHERE a.Id = Payments.AwardId);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReceiptReference",
                table: "Recoveries");

            migrationBuilder.DropColumn(
                name: "ReceivedAt",
                table: "Recoveries");

            migrationBuilder.DropColumn(
                name: "ReceivedByName",
                table: "Recoveries");

            migrationBuilder.DropColumn(
                name: "ReceivedOn",
                table: "Recoveries");

            migrationBuilder.DropColumn(
                name: "ReceivedPence",
                table: "Recoveries");

            migrationBuilder.DropColumn(
                name: "AdvanceJustification",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "Basis",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "ConditionDocument",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DocumentReceivedAt",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "DocumentReceivedByName",
                table: "Payments");
        }
    }
}
