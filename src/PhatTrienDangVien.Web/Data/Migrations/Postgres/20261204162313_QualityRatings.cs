using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QualityRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QualityRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    CellId = table.Column<int>(type: "integer", nullable: false),
                    MemberId = table.Column<int>(type: "integer", nullable: true),
                    Form = table.Column<int>(type: "integer", nullable: true),
                    SelfLevel = table.Column<int>(type: "integer", nullable: true),
                    SelfAssessment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    ExcellentConditionsMet = table.Column<bool>(type: "boolean", nullable: false),
                    LevelFromScore = table.Column<int>(type: "integer", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    OverrideReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(1500)", maxLength: 1500, nullable: true),
                    DecidingBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DevelopmentJson = table.Column<string>(type: "text", nullable: true),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityRatings_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QualityRatings_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RatingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ExcellentMin = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    GoodMin = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    CompleteMin = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    ExcellentCapPercent = table.Column<int>(type: "integer", nullable: false),
                    CapAppliesToOrganisations = table.Column<bool>(type: "boolean", nullable: false),
                    CapAppliesToMembers = table.Column<bool>(type: "boolean", nullable: false),
                    WeightTargetReached = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    WeightCandidatesTrained = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    WeightNoOverdueSteps = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    WeightEveryoneMentored = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    Criteria = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RatingSettings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_CellId",
                table: "QualityRatings",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_CommuneId",
                table: "QualityRatings",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_CommuneId_Year_Kind",
                table: "QualityRatings",
                columns: new[] { "CommuneId", "Year", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_MemberId",
                table: "QualityRatings",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_OnePerCell",
                table: "QualityRatings",
                columns: new[] { "Year", "CellId" },
                unique: true,
                filter: "\"MemberId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_QualityRatings_OnePerMember",
                table: "QualityRatings",
                columns: new[] { "Year", "MemberId" },
                unique: true,
                filter: "\"MemberId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_RatingSettings_CommuneId",
                table: "RatingSettings",
                column: "CommuneId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QualityRatings");

            migrationBuilder.DropTable(
                name: "RatingSettings");
        }
    }
}
