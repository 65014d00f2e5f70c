using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MemberExits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MemberExits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Ground = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ProposedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ProposalNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DecidingBody = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Destination = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BarsReadmission = table.Column<bool>(type: "boolean", nullable: false),
                    PreviousStatus = table.Column<int>(type: "integer", nullable: true),
                    PreviousStatusDate = table.Column<DateOnly>(type: "date", nullable: true),
                    StepId = table.Column<int>(type: "integer", nullable: true),
                    IsDemo = table.Column<bool>(type: "boolean", nullable: false),
                    CommuneId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberExits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberExits_AdmissionSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "AdmissionSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MemberExits_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MemberExits_CommuneId",
                table: "MemberExits",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberExits_CommuneId_EffectiveOn",
                table: "MemberExits",
                columns: new[] { "CommuneId", "EffectiveOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberExits_MemberId_Status",
                table: "MemberExits",
                columns: new[] { "MemberId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberExits_OnePending",
                table: "MemberExits",
                column: "MemberId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_MemberExits_StepId",
                table: "MemberExits",
                column: "StepId",
                unique: true);

            // A probationary member removed through the procedure before exits were kept: the exit its step would now write.
            migrationBuilder.Sql("""
                INSERT INTO "MemberExits" ("MemberId", "Kind", "Ground", "Reason", "Status", "DecidedOn", "DecisionNumber", "EffectiveOn",
                    "BarsReadmission", "PreviousStatus", "StepId", "IsDemo", "CommuneId", "Version")
                SELECT m."Id", 1, 6, (s."Details"::jsonb ->> 'Reason'), 1, s."Date", s."DocumentNumber", s."Date", FALSE, 0, s."Id", p."IsDemo", m."CommuneId", 0
                FROM "AdmissionSteps" s
                JOIN "Candidates" c ON c."Id" = s."CandidateId"
                JOIN "Members" m ON m."PersonId" = c."PersonId"
                JOIN "People" p ON p."Id" = m."PersonId"
                WHERE s."Kind" = 18 AND m."Status" = 2
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MemberExits");
        }
    }
}
