using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<int>(
                name: "CandidateId",
                table: "Notifications",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<int>(
                name: "ActionId",
                table: "Notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InspectionPlanItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    Topic = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Team = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionPlanItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionPlanItems_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanItemId = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Team = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Conclusion = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SnapshotJson = table.Column<string>(type: "text", nullable: true),
                    BreachesJson = table.Column<string>(type: "text", nullable: true),
                    CheckedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionSessions_InspectionPlanItems_PlanItemId",
                        column: x => x.PlanItemId,
                        principalTable: "InspectionPlanItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionSessions_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CandidateId = table.Column<int>(type: "integer", nullable: true),
                    Check = table.Column<int>(type: "integer", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionFindings_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InspectionFindings_InspectionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InspectionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CorrectiveActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FindingId = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    Task = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Owner = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Evidence = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorrectiveActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CorrectiveActions_InspectionFindings_FindingId",
                        column: x => x.FindingId,
                        principalTable: "InspectionFindings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ActionDedup",
                table: "Notifications",
                columns: new[] { "UserId", "Kind", "ActionId", "DueDate" },
                unique: true,
                filter: "\"ActionId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ActionId",
                table: "Notifications",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_CellId",
                table: "CorrectiveActions",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_CommuneId",
                table: "CorrectiveActions",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_CommuneId_Status_DueDate",
                table: "CorrectiveActions",
                columns: new[] { "CommuneId", "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_CorrectiveActions_FindingId",
                table: "CorrectiveActions",
                column: "FindingId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_CandidateId",
                table: "InspectionFindings",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_CellId",
                table: "InspectionFindings",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_CommuneId",
                table: "InspectionFindings",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionFindings_SessionId",
                table: "InspectionFindings",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlanItems_CellId",
                table: "InspectionPlanItems",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlanItems_CommuneId",
                table: "InspectionPlanItems",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionPlanItems_CommuneId_Year",
                table: "InspectionPlanItems",
                columns: new[] { "CommuneId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSessions_CellId",
                table: "InspectionSessions",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSessions_CommuneId",
                table: "InspectionSessions",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionSessions_PlanItemId",
                table: "InspectionSessions",
                column: "PlanItemId");

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_CorrectiveActions_ActionId",
                table: "Notifications",
                column: "ActionId",
                principalTable: "CorrectiveActions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_CorrectiveActions_ActionId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "CorrectiveActions");

            migrationBuilder.DropTable(
                name: "InspectionFindings");

            migrationBuilder.DropTable(
                name: "InspectionSessions");

            migrationBuilder.DropTable(
                name: "InspectionPlanItems");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ActionDedup",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ActionId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ActionId",
                table: "Notifications");

            migrationBuilder.AlterColumn<int>(
                name: "CandidateId",
                table: "Notifications",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
