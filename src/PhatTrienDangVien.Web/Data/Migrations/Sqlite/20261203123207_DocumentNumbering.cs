using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentNumbering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LatestPaperDate",
                table: "DocumentCounters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StartsOn",
                table: "DocumentCounters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NumberedPapers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CounterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Serial = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<int>(type: "INTEGER", nullable: false),
                    StepId = table.Column<int>(type: "INTEGER", nullable: false),
                    FormCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Variant = table.Column<int>(type: "INTEGER", nullable: false),
                    PaperDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberedPapers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NumberedPapers_AdmissionSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "AdmissionSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NumberedPapers_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NumberedPapers_DocumentCounters_CounterId",
                        column: x => x.CounterId,
                        principalTable: "DocumentCounters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NumberedPapers_CandidateId",
                table: "NumberedPapers",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_NumberedPapers_CounterId_Serial",
                table: "NumberedPapers",
                columns: new[] { "CounterId", "Serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NumberedPapers_StepId_FormCode_Variant",
                table: "NumberedPapers",
                columns: new[] { "StepId", "FormCode", "Variant" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NumberedPapers");

            migrationBuilder.DropColumn(
                name: "LatestPaperDate",
                table: "DocumentCounters");

            migrationBuilder.DropColumn(
                name: "StartsOn",
                table: "DocumentCounters");
        }
    }
}
