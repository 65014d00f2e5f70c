using PhatTrienDangVien.Core.Admission;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class StepAttachmentTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "image/png")]
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C }, null)] // <html
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, null)] // a .docx (zip) is not a scan
    [InlineData(new byte[] { 0x25, 0x50 }, null)]
    public void Only_pdf_jpeg_and_png_are_recognised_by_their_first_bytes(byte[] head, string? expected) =>
        StepAttachment.SniffContentType(head).ShouldBe(expected);
}
