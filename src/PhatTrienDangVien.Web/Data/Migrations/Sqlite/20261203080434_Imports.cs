using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Imports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DateOfBirthPrecision",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ImportBatchId",
                table: "People",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CeremonyDatePrecision",
                table: "Members",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ImportBatchId",
                table: "Members",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OfficialDatePrecision",
                table: "Members",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ImportBatchId",
                table: "Candidates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    DuplicateCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedCellIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Report = table.Column<string>(type: "TEXT", nullable: false),
                    UndoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UndoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportMappings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Columns = table.Column<string>(type: "TEXT", nullable: false),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMappings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportUploads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Token = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Mapping = table.Column<string>(type: "TEXT", nullable: true),
                    CommuneId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUploads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_People_ImportBatchId",
                table: "People",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_ImportBatchId",
                table: "Members",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Candidates_ImportBatchId",
                table: "Candidates",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_CommuneId",
                table: "ImportBatches",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_CommuneId_FileSha256",
                table: "ImportBatches",
                columns: new[] { "CommuneId", "FileSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportMappings_CommuneId",
                table: "ImportMappings",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportMappings_CommuneId_Kind",
                table: "ImportMappings",
                columns: new[] { "CommuneId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportUploads_CommuneId",
                table: "ImportUploads",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_ImportUploads_Token",
                table: "ImportUploads",
                column: "Token",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Candidates_ImportBatches_ImportBatchId",
                table: "Candidates",
                column: "ImportBatchId",
                principalTable: "ImportBatches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Members_ImportBatches_ImportBatchId",
                table: "Members",
                column: "ImportBatchId",
                principalTable: "ImportBatches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_People_ImportBatches_ImportBatchId",
                table: "People",
                column: "ImportBatchId",
                principalTable: "ImportBatches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Candidates_ImportBatches_ImportBatchId",
                table: "Candidates");

            migrationBuilder.DropForeignKey(
                name: "FK_Members_ImportBatches_ImportBatchId",
                table: "Members");

            migrationBuilder.DropForeignKey(
                name: "FK_People_ImportBatches_ImportBatchId",
                table: "People");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "ImportMappings");

            migrationBuilder.DropTable(
                name: "ImportUploads");

            migrationBuilder.DropIndex(
                name: "IX_People_ImportBatchId",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_Members_ImportBatchId",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_Candidates_ImportBatchId",
                table: "Candidates");

            migrationBuilder.DropColumn(
                name: "DateOfBirthPrecision",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "People");

            migrationBuilder.DropColumn(
                name: "CeremonyDatePrecision",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "OfficialDatePrecision",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "Candidates");
        }
    }
}
