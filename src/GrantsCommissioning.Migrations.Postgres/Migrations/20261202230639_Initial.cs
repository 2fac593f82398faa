using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace GrantsCommissioning.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevokedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    JobTitle = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsDisabled = table.Column<bool>(type: "boolean", nullable: false),
                    LastSignInAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastAuthenticatorStep = table.Column<long>(type: "bigint", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SecurityStamp = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PhoneNumber = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Action = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EntityId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Before = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    After = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    PreviousHash = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Hash = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Xml = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Deputies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PrincipalUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PrincipalName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeputyUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DeputyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LimitPence = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    NominatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Deputies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Funds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Name = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SeniorResponsibleOfficer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SeniorResponsibleOfficerRole = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    MaxAwardPence = table.Column<long>(type: "bigint", nullable: true),
                    IsSmallFund = table.Column<bool>(type: "boolean", nullable: false),
                    FundingSource = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SourceConditions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsRingFenced = table.Column<bool>(type: "boolean", nullable: false),
                    AllocatesByTable = table.Column<bool>(type: "boolean", nullable: false),
                    CapPercent = table.Column<int>(type: "integer", nullable: false, defaultValue: 100)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Funds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InterestRegisters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterestRegisters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LegalHolds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseKind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PlacedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LegalHolds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NationalPriorities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalPriorities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Organisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    CharityNumber = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CompanyNumber = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AddressLine1 = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AddressLine2 = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Town = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AreaServed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    BankAccountName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BankSortCode = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BankAccountNumber = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ToAddress = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ToName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Subject = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    BodyText = table.Column<string>(type: "text", maxLength: 2147483647, nullable: false),
                    Template = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    MessageId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PanelReportDrafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    PccActivity = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelReportDrafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreparedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    PreparedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PreparedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuthorisedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AuthorisedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AuthorisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BatchReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ExportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ExportCsv = table.Column<byte[]>(type: "bytea", nullable: true),
                    ExportXlsx = table.Column<byte[]>(type: "bytea", nullable: true),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentStatusImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    Paid = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentStatusImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PoliceArea = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    VariationNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublishedPanelReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CorrectionNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Document = table.Column<byte[]>(type: "bytea", nullable: false),
                    ContentJson = table.Column<string>(type: "character varying(4000000)", maxLength: 4000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedPanelReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordType = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DefinitionId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowJournal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseKind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    FromState = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ToState = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ActorUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AmountPence = table.Column<long>(type: "bigint", nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowJournal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowTimers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseKind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    DefinitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Trigger = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    InScheduler = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowTimers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ClaimType = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClaimValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ClaimType = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ClaimValue = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserPasskeys",
                columns: table => new
                {
                    CredentialId = table.Column<byte[]>(type: "bytea", maxLength: 1024, nullable: false),
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Data = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserPasskeys", x => x.CredentialId);
                    table.ForeignKey(
                        name: "FK_AspNetUserPasskeys_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RoleId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LoginProvider = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AllocationTables",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ImportedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AllocatedPence = table.Column<long>(type: "bigint", nullable: false),
                    ReservePence = table.Column<long>(type: "bigint", nullable: false)
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
                name: "FundBudgets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FundBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FundBudgets_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundCarryForwards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    FromYearStart = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    Destination = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FromFundId = table.Column<int>(type: "integer", nullable: false),
                    ToFundId = table.Column<int>(type: "integer", nullable: false),
                    YearStart = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                name: "Rounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WhoCanApply = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OpensAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MaxAwardPence = table.Column<long>(type: "bigint", nullable: false),
                    MinAwardPence = table.Column<long>(type: "bigint", nullable: false),
                    UsesShortForm = table.Column<bool>(type: "boolean", nullable: false),
                    IsDraft = table.Column<bool>(type: "boolean", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    BudgetPence = table.Column<long>(type: "bigint", nullable: true),
                    AssessorsPerApplication = table.Column<int>(type: "integer", nullable: false, defaultValue: 2),
                    DivergenceThresholdPercent = table.Column<int>(type: "integer", nullable: false, defaultValue: 20),
                    EligibleOrganisationTypes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EligibleAreas = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rounds_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeclaredInterests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegisterId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CharityNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CompanyNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "NationalMetrics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PriorityId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NationalMetrics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NationalMetrics_NationalPriorities_PriorityId",
                        column: x => x.PriorityId,
                        principalTable: "NationalPriorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BankDetailsChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    ChangedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Before = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    After = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VerifiedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    VerifiedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VerifiedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VerificationNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankDetailsChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BankDetailsChanges_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Email = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_OrganisationMembers_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SensitiveRecipients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    MarkedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MarkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SensitiveRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SensitiveRecipients_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<int>(type: "integer", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    PaymentReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FinanceReference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Issue = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationItems_PaymentStatusImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "PaymentStatusImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Aims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Aims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Aims_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRunItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    RecordType = table.Column<int>(type: "integer", nullable: false),
                    CaseKind = table.Column<int>(type: "integer", nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Reference = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Policy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    OutcomeNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RetentionRunItems_RetentionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RetentionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ProjectTitle = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AmountRequestedPence = table.Column<long>(type: "bigint", nullable: false),
                    ProjectStart = table.Column<DateOnly>(type: "date", nullable: true),
                    ProjectEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    Beneficiaries = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    BeneficiaryCount = table.Column<int>(type: "integer", nullable: true),
                    AreaServed = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DeclarationsAccepted = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeadlineExtendedTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Applications_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Criteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Guidance = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    WeightPercent = table.Column<int>(type: "integer", nullable: false),
                    MaxScore = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Criteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Criteria_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EligibilityRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RequiredAnswer = table.Column<bool>(type: "boolean", nullable: false),
                    FailureMessage = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EligibilityRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EligibilityRules_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Objectives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    AimId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Objectives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Objectives_Aims_AimId",
                        column: x => x.AimId,
                        principalTable: "Aims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Objectives_Plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "Plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationBudgetLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Category = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationBudgetLines_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Unit = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationIndicators_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationNationalPriorities",
                columns: table => new
                {
                    GrantApplicationId = table.Column<int>(type: "integer", nullable: false),
                    NationalPrioritiesId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationNationalPriorities", x => new { x.GrantApplicationId, x.NationalPrioritiesId });
                    table.ForeignKey(
                        name: "FK_ApplicationNationalPriorities_Applications_GrantApplication~",
                        column: x => x.GrantApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationNationalPriorities_NationalPriorities_NationalPr~",
                        column: x => x.NationalPrioritiesId,
                        principalTable: "NationalPriorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    AssessorUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AssessorName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    HasConflict = table.Column<bool>(type: "boolean", nullable: true),
                    ConflictDetails = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ConflictDeclaredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Recommendation = table.Column<int>(type: "integer", nullable: false),
                    RecommendedAmountPence = table.Column<long>(type: "bigint", nullable: true),
                    Comments = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AssignedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReturnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RemindedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OverdueNoticeAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseApprovals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Post = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ApprovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeputyForUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DeputyForName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    VoidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VoidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VoidedReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
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
                name: "Decisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    Conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Feedback = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AuthorityLevel = table.Column<int>(type: "integer", nullable: false),
                    DeputyForName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    NoticeReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Decisions_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DueDiligenceChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Rag = table.Column<int>(type: "integer", nullable: true),
                    RecordedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DueDiligenceChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DueDiligenceChecks_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FundingLineMoves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoundId = table.Column<int>(type: "integer", nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    IntoFunding = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    MovedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    MovedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "Moderations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ModeratedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ModeratedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ModeratedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Moderations", x => x.Id);
                    table.CheckConstraint("CK_Moderations_Score", "\"Score\" BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "FK_Moderations_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationObjectives",
                columns: table => new
                {
                    ApplicationId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false),
                    SharePercent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationObjectives", x => new { x.ApplicationId, x.ObjectiveId });
                    table.CheckConstraint("CK_ApplicationObjectives_Share", "\"SharePercent\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_ApplicationObjectives_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicationObjectives_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Measures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IsHeadline = table.Column<bool>(type: "boolean", nullable: false),
                    TargetText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Baseline = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Footnote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Measures_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ObjectiveNarratives",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DraftId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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

            migrationBuilder.CreateTable(
                name: "ObjectiveNationalPriorities",
                columns: table => new
                {
                    NationalPrioritiesId = table.Column<int>(type: "integer", nullable: false),
                    ObjectivesId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ObjectiveNationalPriorities", x => new { x.NationalPrioritiesId, x.ObjectivesId });
                    table.ForeignKey(
                        name: "FK_ObjectiveNationalPriorities_NationalPriorities_NationalPrio~",
                        column: x => x.NationalPrioritiesId,
                        principalTable: "NationalPriorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ObjectiveNationalPriorities_Objectives_ObjectivesId",
                        column: x => x.ObjectivesId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoundObjectives",
                columns: table => new
                {
                    FundingRoundId = table.Column<int>(type: "integer", nullable: false),
                    ObjectivesId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoundObjectives", x => new { x.FundingRoundId, x.ObjectivesId });
                    table.ForeignKey(
                        name: "FK_RoundObjectives_Objectives_ObjectivesId",
                        column: x => x.ObjectivesId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoundObjectives_Rounds_FundingRoundId",
                        column: x => x.FundingRoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssessmentId = table.Column<int>(type: "integer", nullable: false),
                    CriterionId = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentScores_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AssessmentScores_Criteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "Criteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Awards",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: true),
                    DecisionId = table.Column<int>(type: "integer", nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    FundId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    AwardedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PaymentBasis = table.Column<int>(type: "integer", nullable: false),
                    AdvanceJustification = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsCommissionedContract = table.Column<bool>(type: "boolean", nullable: false),
                    DueDiligenceNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OfficerUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ReturnProfile = table.Column<int>(type: "integer", nullable: false),
                    LeadContactName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    LeadContactEmail = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Awards", x => x.Id);
                    table.CheckConstraint("CK_Awards_Amount", "\"AmountPence\" > 0");
                    table.ForeignKey(
                        name: "FK_Awards_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Awards_Decisions_DecisionId",
                        column: x => x.DecisionId,
                        principalTable: "Decisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Awards_Funds_FundId",
                        column: x => x.FundId,
                        principalTable: "Funds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Awards_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DecisionNotices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExecutiveSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Background = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    OptionsConsidered = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FinancialImplications = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    LegalImplications = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EqualityImplications = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Risks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    PublicAccess = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ConfidentialAnnex = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AmountPence = table.Column<long>(type: "bigint", nullable: true),
                    SignificantPublicInterest = table.Column<bool>(type: "boolean", nullable: false),
                    ApplicationId = table.Column<int>(type: "integer", nullable: true),
                    DecisionId = table.Column<int>(type: "integer", nullable: true),
                    ChiefExecutiveAdvice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceBy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ChiefExecutiveAdviceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinanceAdvice = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FinanceAdviceBy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FinanceAdviceByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FinanceAdviceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DeclarationOfInterests = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SignedBy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SignatureDate = table.Column<DateOnly>(type: "date", nullable: true),
                    PublishedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionNotices", x => x.Id);
                    table.CheckConstraint("CK_DecisionNotices_Amount", "\"AmountPence\" IS NULL OR \"AmountPence\" > 0");
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

            migrationBuilder.CreateTable(
                name: "MeasureReadings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeasureId = table.Column<int>(type: "integer", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    PeriodTarget = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Actual = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Rag = table.Column<int>(type: "integer", nullable: false),
                    Direction = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureReadings_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AllocationLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TableId = table.Column<int>(type: "integer", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Partner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "AwardConditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardConditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardConditions_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardCostLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardCostLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardCostLines_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardIndicators",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Unit = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Target = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardIndicators_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardNationalPriorities",
                columns: table => new
                {
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    NationalPrioritiesId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardNationalPriorities", x => new { x.AwardId, x.NationalPrioritiesId });
                    table.ForeignKey(
                        name: "FK_AwardNationalPriorities_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AwardNationalPriorities_NationalPriorities_NationalPrioriti~",
                        column: x => x.NationalPrioritiesId,
                        principalTable: "NationalPriorities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardObjectives",
                columns: table => new
                {
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    ObjectiveId = table.Column<int>(type: "integer", nullable: false),
                    SharePercent = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardObjectives", x => new { x.AwardId, x.ObjectiveId });
                    table.CheckConstraint("CK_AwardObjectives_Share", "\"SharePercent\" BETWEEN 1 AND 100");
                    table.ForeignKey(
                        name: "FK_AwardObjectives_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AwardObjectives_Objectives_ObjectiveId",
                        column: x => x.ObjectiveId,
                        principalTable: "Objectives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    Rag = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RatedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RatedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardRatings", x => x.Id);
                    table.CheckConstraint("CK_AwardRatings_Rag", "\"Rag\" BETWEEN 1 AND 3");
                    table.ForeignKey(
                        name: "FK_AwardRatings_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardYearSplits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    FinancialYearStart = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardYearSplits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardYearSplits_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Payments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PaymentReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    PaymentKind = table.Column<int>(type: "integer", nullable: false),
                    InstalmentNumber = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    HoldReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    HeldForReturnId = table.Column<int>(type: "integer", nullable: true),
                    Basis = table.Column<int>(type: "integer", nullable: false, defaultValue: 1),
                    AdvanceJustification = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ConditionDocument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DocumentReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DocumentReceivedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AuthorisedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AuthorisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FinanceReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payments_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PaymentSuspensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SuspendedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SuspendedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SuspendedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LiftedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
                name: "Returns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReturnReference = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    RemindAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OverdueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalateAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Narrative = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CaseStudy = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Risks = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftSavedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DraftSavedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SignedOffByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SignedOffByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SignedOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AcceptedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcceptedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WorkflowVersion = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    StartedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Returns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Returns_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardChangeRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PreviousEndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    NewEndDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FromCostLineId = table.Column<int>(type: "integer", nullable: true),
                    ToCostLineId = table.Column<int>(type: "integer", nullable: true),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    PreviousText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NewText = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    NewEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    IndicatorId = table.Column<int>(type: "integer", nullable: true),
                    PreviousTarget = table.Column<double>(type: "double precision", nullable: true),
                    NewTarget = table.Column<double>(type: "double precision", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardChangeRequests", x => x.Id);
                    table.CheckConstraint("CK_AwardChangeRequests_Amount", "\"AmountPence\" >= 0");
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_AwardCostLines_FromCostLineId",
                        column: x => x.FromCostLineId,
                        principalTable: "AwardCostLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_AwardCostLines_ToCostLineId",
                        column: x => x.ToCostLineId,
                        principalTable: "AwardCostLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_AwardIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "AwardIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardChangeRequests_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentRunItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<int>(type: "integer", nullable: false),
                    PaymentId = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentRunItems_PaymentRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PaymentRunItems_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Recoveries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AwardId = table.Column<int>(type: "integer", nullable: false),
                    PaymentId = table.Column<int>(type: "integer", nullable: true),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    InvoiceReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RaisedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RaisedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedPence = table.Column<long>(type: "bigint", nullable: true),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReceiptReference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReceivedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recoveries", x => x.Id);
                    table.CheckConstraint("CK_Recoveries_Negative", "\"AmountPence\" < 0");
                    table.ForeignKey(
                        name: "FK_Recoveries_Awards_AwardId",
                        column: x => x.AwardId,
                        principalTable: "Awards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Recoveries_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Attachments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<int>(type: "integer", nullable: true),
                    MonitoringReturnId = table.Column<int>(type: "integer", nullable: true),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    Purpose = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    FileName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    StoredName = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UploadedByUserId = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attachments_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Attachments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Attachments_Returns_MonitoringReturnId",
                        column: x => x.MonitoringReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "ReturnIndicatorValues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReturnId = table.Column<int>(type: "integer", nullable: false),
                    IndicatorId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnIndicatorValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnIndicatorValues_AwardIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "AwardIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnIndicatorValues_Returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReturnSpendLines",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReturnId = table.Column<int>(type: "integer", nullable: false),
                    CostLineId = table.Column<int>(type: "integer", nullable: false),
                    AmountPence = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnSpendLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnSpendLines_AwardCostLines_CostLineId",
                        column: x => x.CostLineId,
                        principalTable: "AwardCostLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnSpendLines_Returns_ReturnId",
                        column: x => x.ReturnId,
                        principalTable: "Returns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "RetentionPolicies",
                columns: new[] { "Id", "Period", "RecordType", "Unit", "UpdatedAt", "UpdatedByName" },
                values: new object[,]
                {
                    { 1, 2, 1, 2, null, null },
                    { 2, 12, 2, 1, null, null },
                    { 3, 7, 3, 2, null, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_Aims_PlanId_Number",
                table: "Aims",
                columns: new[] { "PlanId", "Number" },
                unique: true);

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
                name: "IX_ApiTokens_Prefix",
                table: "ApiTokens",
                column: "Prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationBudgetLines_ApplicationId",
                table: "ApplicationBudgetLines",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationIndicators_ApplicationId",
                table: "ApplicationIndicators",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationNationalPriorities_NationalPrioritiesId",
                table: "ApplicationNationalPriorities",
                column: "NationalPrioritiesId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationObjectives_ObjectiveId",
                table: "ApplicationObjectives",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ApplicationReference",
                table: "Applications",
                column: "ApplicationReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_OrganisationId",
                table: "Applications",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_RoundId",
                table: "Applications",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_State",
                table: "Applications",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserPasskeys_UserId",
                table: "AspNetUserPasskeys",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_ApplicationId_AssessorUserId",
                table: "Assessments",
                columns: new[] { "ApplicationId", "AssessorUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentScores_AssessmentId_CriterionId",
                table: "AssessmentScores",
                columns: new[] { "AssessmentId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentScores_CriterionId",
                table: "AssessmentScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_ApplicationId",
                table: "Attachments",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_MonitoringReturnId",
                table: "Attachments",
                column: "MonitoringReturnId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_OrganisationId",
                table: "Attachments",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_StoredName",
                table: "Attachments",
                column: "StoredName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditLog_EntityType_EntityId",
                table: "AuditLog",
                columns: new[] { "EntityType", "EntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_AwardId_Status",
                table: "AwardChangeRequests",
                columns: new[] { "AwardId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_FromCostLineId",
                table: "AwardChangeRequests",
                column: "FromCostLineId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_IndicatorId",
                table: "AwardChangeRequests",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardChangeRequests_ToCostLineId",
                table: "AwardChangeRequests",
                column: "ToCostLineId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardConditions_AwardId",
                table: "AwardConditions",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardCostLines_AwardId",
                table: "AwardCostLines",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardIndicators_AwardId",
                table: "AwardIndicators",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardNationalPriorities_NationalPrioritiesId",
                table: "AwardNationalPriorities",
                column: "NationalPrioritiesId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardObjectives_ObjectiveId",
                table: "AwardObjectives",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardRatings_AwardId_RatedAt",
                table: "AwardRatings",
                columns: new[] { "AwardId", "RatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Awards_ApplicationId",
                table: "Awards",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_AwardedOn",
                table: "Awards",
                column: "AwardedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_AwardReference",
                table: "Awards",
                column: "AwardReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Awards_DecisionId",
                table: "Awards",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_FundId",
                table: "Awards",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OfficerUserId_State",
                table: "Awards",
                columns: new[] { "OfficerUserId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Awards_OrganisationId",
                table: "Awards",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Awards_State",
                table: "Awards",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_AwardYearSplits_AwardId_FinancialYearStart",
                table: "AwardYearSplits",
                columns: new[] { "AwardId", "FinancialYearStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BankDetailsChanges_OrganisationId_VerifiedAt",
                table: "BankDetailsChanges",
                columns: new[] { "OrganisationId", "VerifiedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseApprovals_ApplicationId",
                table: "CaseApprovals",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Criteria_RoundId",
                table: "Criteria",
                column: "RoundId");

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

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_ApplicationId",
                table: "Decisions",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_NoticeReference",
                table: "Decisions",
                column: "NoticeReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeclaredInterests_RegisterId",
                table: "DeclaredInterests",
                column: "RegisterId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_DeputyUserId",
                table: "Deputies",
                column: "DeputyUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Deputies_PrincipalUserId",
                table: "Deputies",
                column: "PrincipalUserId");

            migrationBuilder.CreateIndex(
                name: "IX_DueDiligenceChecks_ApplicationId_Item",
                table: "DueDiligenceChecks",
                columns: new[] { "ApplicationId", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EligibilityRules_RoundId",
                table: "EligibilityRules",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_FundBudgets_FundId_FinancialYearStart",
                table: "FundBudgets",
                columns: new[] { "FundId", "FinancialYearStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FundCarryForwards_FundId_FromYearStart",
                table: "FundCarryForwards",
                columns: new[] { "FundId", "FromYearStart" });

            migrationBuilder.CreateIndex(
                name: "IX_FundingLineMoves_ApplicationId",
                table: "FundingLineMoves",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_FundingLineMoves_RoundId_ApplicationId",
                table: "FundingLineMoves",
                columns: new[] { "RoundId", "ApplicationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Funds_Code",
                table: "Funds",
                column: "Code",
                unique: true);

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
                name: "IX_InterestRegisters_UserId",
                table: "InterestRegisters",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LegalHolds_CaseKind_CaseId",
                table: "LegalHolds",
                columns: new[] { "CaseKind", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureReadings_MeasureId_FinancialYearStart_Quarter",
                table: "MeasureReadings",
                columns: new[] { "MeasureId", "FinancialYearStart", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Measures_ObjectiveId",
                table: "Measures",
                column: "ObjectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_Moderations_ApplicationId",
                table: "Moderations",
                column: "ApplicationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NationalMetrics_PriorityId",
                table: "NationalMetrics",
                column: "PriorityId");

            migrationBuilder.CreateIndex(
                name: "IX_NationalPriorities_Code",
                table: "NationalPriorities",
                column: "Code",
                unique: true);

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
                name: "IX_ObjectiveNationalPriorities_ObjectivesId",
                table: "ObjectiveNationalPriorities",
                column: "ObjectivesId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_AimId",
                table: "Objectives",
                column: "AimId");

            migrationBuilder.CreateIndex(
                name: "IX_Objectives_PlanId_Number",
                table: "Objectives",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_OrganisationId_Email",
                table: "OrganisationMembers",
                columns: new[] { "OrganisationId", "Email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationMembers_UserId",
                table: "OrganisationMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_CharityNumber",
                table: "Organisations",
                column: "CharityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_CompanyNumber",
                table: "Organisations",
                column: "CompanyNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DedupeKey",
                table: "Outbox",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Status_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PanelReportDrafts_FinancialYearStart_Quarter",
                table: "PanelReportDrafts",
                columns: new[] { "FinancialYearStart", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRunItems_PaymentId",
                table: "PaymentRunItems",
                column: "PaymentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRunItems_RunId",
                table: "PaymentRunItems",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_RunReference",
                table: "PaymentRuns",
                column: "RunReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_State",
                table: "PaymentRuns",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_AwardId",
                table: "Payments",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PaidOn",
                table: "Payments",
                column: "PaidOn");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_PaymentReference",
                table: "Payments",
                column: "PaymentReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payments_State",
                table: "Payments",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_State_DueDate",
                table: "Payments",
                columns: new[] { "State", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_State_PaidOn_AwardId_AmountPence",
                table: "Payments",
                columns: new[] { "State", "PaidOn", "AwardId", "AmountPence" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentStatusImports_Sha256",
                table: "PaymentStatusImports",
                column: "Sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSuspensions_AwardId",
                table: "PaymentSuspensions",
                column: "AwardId",
                unique: true,
                filter: "\"LiftedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Plans_Code_Version",
                table: "Plans",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublishedPanelReports_FinancialYearStart_Quarter_Version",
                table: "PublishedPanelReports",
                columns: new[] { "FinancialYearStart", "Quarter", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationItems_ImportId",
                table: "ReconciliationItems",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_AwardId",
                table: "Recoveries",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_InvoiceReference",
                table: "Recoveries",
                column: "InvoiceReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_PaymentId",
                table: "Recoveries",
                column: "PaymentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_RaisedOn_AwardId_AmountPence",
                table: "Recoveries",
                columns: new[] { "RaisedOn", "AwardId", "AmountPence" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionPolicies_RecordType",
                table: "RetentionPolicies",
                column: "RecordType",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRunItems_CaseKind_CaseId",
                table: "RetentionRunItems",
                columns: new[] { "CaseKind", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRunItems_RunId_Kind_RecordType",
                table: "RetentionRunItems",
                columns: new[] { "RunId", "Kind", "RecordType" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnIndicatorValues_IndicatorId",
                table: "ReturnIndicatorValues",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnIndicatorValues_ReturnId_IndicatorId",
                table: "ReturnIndicatorValues",
                columns: new[] { "ReturnId", "IndicatorId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Returns_AwardId",
                table: "Returns",
                column: "AwardId");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_DueDate",
                table: "Returns",
                column: "DueDate");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_ReturnReference",
                table: "Returns",
                column: "ReturnReference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Returns_State",
                table: "Returns",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Returns_State_DueDate",
                table: "Returns",
                columns: new[] { "State", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Returns_State_PeriodEnd_AwardId",
                table: "Returns",
                columns: new[] { "State", "PeriodEnd", "AwardId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReturnSpendLines_CostLineId",
                table: "ReturnSpendLines",
                column: "CostLineId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnSpendLines_ReturnId_CostLineId",
                table: "ReturnSpendLines",
                columns: new[] { "ReturnId", "CostLineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoundObjectives_ObjectivesId",
                table: "RoundObjectives",
                column: "ObjectivesId");

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_ClosesAt",
                table: "Rounds",
                column: "ClosesAt");

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_FundId",
                table: "Rounds",
                column: "FundId");

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_Reference",
                table: "Rounds",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SensitiveRecipients_OrganisationId",
                table: "SensitiveRecipients",
                column: "OrganisationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowDefinitions_DefinitionId_Version",
                table: "WorkflowDefinitions",
                columns: new[] { "DefinitionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_CaseKind_CaseId_Sequence",
                table: "WorkflowJournal",
                columns: new[] { "CaseKind", "CaseId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowJournal_IdempotencyKey",
                table: "WorkflowJournal",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_CaseKind_CaseId_Status",
                table: "WorkflowTimers",
                columns: new[] { "CaseKind", "CaseId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkflowTimers_Status_InScheduler",
                table: "WorkflowTimers",
                columns: new[] { "Status", "InScheduler" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationLines");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "ApplicationBudgetLines");

            migrationBuilder.DropTable(
                name: "ApplicationIndicators");

            migrationBuilder.DropTable(
                name: "ApplicationNationalPriorities");

            migrationBuilder.DropTable(
                name: "ApplicationObjectives");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserPasskeys");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AssessmentScores");

            migrationBuilder.DropTable(
                name: "Attachments");

            migrationBuilder.DropTable(
                name: "AuditLog");

            migrationBuilder.DropTable(
                name: "AwardChangeRequests");

            migrationBuilder.DropTable(
                name: "AwardConditions");

            migrationBuilder.DropTable(
                name: "AwardNationalPriorities");

            migrationBuilder.DropTable(
                name: "AwardObjectives");

            migrationBuilder.DropTable(
                name: "AwardRatings");

            migrationBuilder.DropTable(
                name: "AwardYearSplits");

            migrationBuilder.DropTable(
                name: "BankDetailsChanges");

            migrationBuilder.DropTable(
                name: "CaseApprovals");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DecisionNotices");

            migrationBuilder.DropTable(
                name: "DeclaredInterests");

            migrationBuilder.DropTable(
                name: "Deputies");

            migrationBuilder.DropTable(
                name: "DueDiligenceChecks");

            migrationBuilder.DropTable(
                name: "EligibilityRules");

            migrationBuilder.DropTable(
                name: "FundBudgets");

            migrationBuilder.DropTable(
                name: "FundCarryForwards");

            migrationBuilder.DropTable(
                name: "FundingLineMoves");

            migrationBuilder.DropTable(
                name: "FundVirements");

            migrationBuilder.DropTable(
                name: "LegalHolds");

            migrationBuilder.DropTable(
                name: "MeasureReadings");

            migrationBuilder.DropTable(
                name: "Moderations");

            migrationBuilder.DropTable(
                name: "NationalMetrics");

            migrationBuilder.DropTable(
                name: "ObjectiveNarratives");

            migrationBuilder.DropTable(
                name: "ObjectiveNationalPriorities");

            migrationBuilder.DropTable(
                name: "OrganisationMembers");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "PaymentRunItems");

            migrationBuilder.DropTable(
                name: "PaymentSuspensions");

            migrationBuilder.DropTable(
                name: "PublishedPanelReports");

            migrationBuilder.DropTable(
                name: "ReconciliationItems");

            migrationBuilder.DropTable(
                name: "Recoveries");

            migrationBuilder.DropTable(
                name: "RetentionPolicies");

            migrationBuilder.DropTable(
                name: "RetentionRunItems");

            migrationBuilder.DropTable(
                name: "ReturnIndicatorValues");

            migrationBuilder.DropTable(
                name: "ReturnSpendLines");

            migrationBuilder.DropTable(
                name: "RoundObjectives");

            migrationBuilder.DropTable(
                name: "SensitiveRecipients");

            migrationBuilder.DropTable(
                name: "WorkflowDefinitions");

            migrationBuilder.DropTable(
                name: "WorkflowJournal");

            migrationBuilder.DropTable(
                name: "WorkflowTimers");

            migrationBuilder.DropTable(
                name: "AllocationTables");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "Criteria");

            migrationBuilder.DropTable(
                name: "InterestRegisters");

            migrationBuilder.DropTable(
                name: "Measures");

            migrationBuilder.DropTable(
                name: "PanelReportDrafts");

            migrationBuilder.DropTable(
                name: "NationalPriorities");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "PaymentRuns");

            migrationBuilder.DropTable(
                name: "PaymentStatusImports");

            migrationBuilder.DropTable(
                name: "Payments");

            migrationBuilder.DropTable(
                name: "RetentionRuns");

            migrationBuilder.DropTable(
                name: "AwardIndicators");

            migrationBuilder.DropTable(
                name: "AwardCostLines");

            migrationBuilder.DropTable(
                name: "Returns");

            migrationBuilder.DropTable(
                name: "Objectives");

            migrationBuilder.DropTable(
                name: "Awards");

            migrationBuilder.DropTable(
                name: "Aims");

            migrationBuilder.DropTable(
                name: "Decisions");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "Applications");

            migrationBuilder.DropTable(
                name: "Organisations");

            migrationBuilder.DropTable(
                name: "Rounds");

            migrationBuilder.DropTable(
                name: "Funds");
        }
    }
}
