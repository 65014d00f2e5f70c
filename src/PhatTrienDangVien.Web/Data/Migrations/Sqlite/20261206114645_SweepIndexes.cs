using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SweepIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_IssuedAtUtc",
                table: "IssuedDocuments",
                column: "IssuedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_AdmissionSteps_RecordedAtUtc",
                table: "AdmissionSteps",
                column: "RecordedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_IssuedAtUtc",
                table: "IssuedDocuments");

            migrationBuilder.DropIndex(
                name: "IX_AdmissionSteps_RecordedAtUtc",
                table: "AdmissionSteps");
        }
    }
}
