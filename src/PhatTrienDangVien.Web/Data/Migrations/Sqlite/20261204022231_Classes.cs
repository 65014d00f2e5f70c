using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Classes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DirectorName",
                table: "PoliticalCenters",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsActive",
                table: "PoliticalCenters",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "CenterCommunes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CenterCommunes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CenterCommunes_PoliticalCenters_CenterId",
                        column: x => x.CenterId,
                        principalTable: "PoliticalCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartyClasses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CenterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Lecturers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResultScale = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyClasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyClasses_PoliticalCenters_CenterId",
                        column: x => x.CenterId,
                        principalTable: "PoliticalCenters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClassEnrolments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<int>(type: "INTEGER", nullable: false),
                    CellId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ProposedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Attendance = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 4, scale: 2, nullable: true),
                    Result = table.Column<int>(type: "INTEGER", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    FailReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CertificateNumber = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CertificateDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StepId = table.Column<int>(type: "INTEGER", nullable: true),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassEnrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassEnrolments_AdmissionSteps_StepId",
                        column: x => x.StepId,
                        principalTable: "AdmissionSteps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassEnrolments_Candidates_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Candidates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassEnrolments_Organisations_CellId",
                        column: x => x.CellId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClassEnrolments_PartyClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "PartyClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClassQuotas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClassId = table.Column<int>(type: "INTEGER", nullable: false),
                    Seats = table.Column<int>(type: "INTEGER", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassQuotas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassQuotas_PartyClasses_ClassId",
                        column: x => x.ClassId,
                        principalTable: "PartyClasses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CenterCommunes_CenterId_CommuneId",
                table: "CenterCommunes",
                columns: new[] { "CenterId", "CommuneId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CenterCommunes_CommuneId",
                table: "CenterCommunes",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassEnrolments_CandidateId_Status",
                table: "ClassEnrolments",
                columns: new[] { "CandidateId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassEnrolments_CellId",
                table: "ClassEnrolments",
                column: "CellId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassEnrolments_ClassId_CandidateId",
                table: "ClassEnrolments",
                columns: new[] { "ClassId", "CandidateId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassEnrolments_CommuneId",
                table: "ClassEnrolments",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassEnrolments_StepId",
                table: "ClassEnrolments",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassQuotas_ClassId_CommuneId",
                table: "ClassQuotas",
                columns: new[] { "ClassId", "CommuneId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClassQuotas_CommuneId",
                table: "ClassQuotas",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_PartyClasses_CenterId_OpensOn",
                table: "PartyClasses",
                columns: new[] { "CenterId", "OpensOn" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyClasses_CommuneId",
                table: "PartyClasses",
                column: "CommuneId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CenterCommunes");

            migrationBuilder.DropTable(
                name: "ClassEnrolments");

            migrationBuilder.DropTable(
                name: "ClassQuotas");

            migrationBuilder.DropTable(
                name: "PartyClasses");

            migrationBuilder.DropColumn(
                name: "DirectorName",
                table: "PoliticalCenters");

            migrationBuilder.DropColumn(
                name: "IsActive",
                table: "PoliticalCenters");
        }
    }
}
