using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Propaganda : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PropagandaSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Organiser = table.Column<int>(type: "INTEGER", nullable: false),
                    CellId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganiserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AudienceCategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PropagandaSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PropagandaSessions_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PropagandaSessions_SourceCategories_AudienceCategoryId",
                        column: x => x.AudienceCategoryId,
                        principalTable: "SourceCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PropagandaAttendees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PropagandaAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PropagandaAttendees_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PropagandaAttendees_PropagandaSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "PropagandaSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaAttendees_CandidateId",
                table: "PropagandaAttendees",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaAttendees_CommuneId",
                table: "PropagandaAttendees",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaAttendees_SessionId_CandidateId",
                table: "PropagandaAttendees",
                columns: new[] { "SessionId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaSessions_AudienceCategoryId",
                table: "PropagandaSessions",
                column: "AudienceCategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaSessions_CellId",
                table: "PropagandaSessions",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaSessions_CommuneId",
                table: "PropagandaSessions",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_PropagandaSessions_CommuneId_Date",
                table: "PropagandaSessions",
                columns: new[] { "CommuneId", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PropagandaAttendees");

            migrationBuilder.DropTable(
                name: "PropagandaSessions");
        }
    }
}
