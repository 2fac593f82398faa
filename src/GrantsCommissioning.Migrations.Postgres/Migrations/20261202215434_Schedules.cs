using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GrantsCommissioning.Migrations.Postgres.Migrations
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
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReceivedAt",
                table: "Recoveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceivedByName",
                table: "Recoveries",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReceivedOn",
                table: "Recoveries",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReceivedPence",
                table: "Recoveries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AdvanceJustification",
                table: "Payments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Basis",
                table: "Payments",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "ConditionDocument",
                table: "Payments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DocumentReceivedAt",
                table: "Payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DocumentReceivedByName",
                table: "Payments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
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
