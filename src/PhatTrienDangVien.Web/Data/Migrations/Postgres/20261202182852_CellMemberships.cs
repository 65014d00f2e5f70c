using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CellMemberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CellMemberships",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CellMemberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CellMemberships_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CellMemberships_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CellMemberships_CellId_From",
                table: "CellMemberships",
                columns: new[] { "CellId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_CellMemberships_CommuneId",
                table: "CellMemberships",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_CellMemberships_MemberId",
                table: "CellMemberships",
                column: "MemberId");

            // Every member already in the register has been in their cell since their admission (the history starts here).
            migrationBuilder.Sql("""
                INSERT INTO "CellMemberships" ("MemberId", "CellId", "From", "To", "CommuneId", "Version")
                SELECT "Id", "CellId", COALESCE("CeremonyDate", "AdmissionDecisionDate", DATE '1900-01-01'), NULL, "CommuneId", 0 FROM "Members";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CellMemberships");
        }
    }
}
