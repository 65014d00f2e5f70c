using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Targets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CellTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CellId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResolutionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolutionIssuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CellTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CellTargets_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TermTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TermId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResolutionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolutionIssuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TermTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TermTargets_Terms_TermId",
                        column: x => x.TermId,
                        principalTable: "Terms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "YearTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TermId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolutionNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ResolutionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolutionIssuer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearTargets_Terms_TermId",
                        column: x => x.TermId,
                        principalTable: "Terms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "YearSubTargets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    YearTargetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearSubTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearSubTargets_YearTargets_YearTargetId",
                        column: x => x.YearTargetId,
                        principalTable: "YearTargets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CellTargets_CellId_Year",
                table: "CellTargets",
                columns: new[] { "CellId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CellTargets_CommuneId",
                table: "CellTargets",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_CellTargets_CommuneId_Year",
                table: "CellTargets",
                columns: new[] { "CommuneId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_TermTargets_CommuneId",
                table: "TermTargets",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_TermTargets_TermId",
                table: "TermTargets",
                column: "TermId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YearSubTargets_CommuneId",
                table: "YearSubTargets",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_YearSubTargets_YearTargetId_Kind",
                table: "YearSubTargets",
                columns: new[] { "YearTargetId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YearTargets_CommuneId",
                table: "YearTargets",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_YearTargets_CommuneId_Year",
                table: "YearTargets",
                columns: new[] { "CommuneId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YearTargets_TermId",
                table: "YearTargets",
                column: "TermId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CellTargets");

            migrationBuilder.DropTable(
                name: "TermTargets");

            migrationBuilder.DropTable(
                name: "YearSubTargets");

            migrationBuilder.DropTable(
                name: "YearTargets");
        }
    }
}
