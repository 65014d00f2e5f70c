using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PhatTrienDangVien.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DocumentsCommuneIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_NumberedPapers_CommuneId",
                table: "NumberedPapers",
                column: "CommuneId");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_CommuneId",
                table: "IssuedDocuments",
                column: "CommuneId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NumberedPapers_CommuneId",
                table: "NumberedPapers");

            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_CommuneId",
                table: "IssuedDocuments");
        }
    }
}
