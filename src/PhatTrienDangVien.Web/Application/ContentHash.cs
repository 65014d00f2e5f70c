using System.Security.Cryptography;

namespace PhatTrienDangVien.Web.Application;

/// <summary>
/// The SHA-256 of a file's bytes as lower-case hex: how an uploaded register, a form template and an issued document
/// are named by their content (stored beside them, compared to tell the same file uploaded again).
/// </summary>
public static class ContentHash
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
