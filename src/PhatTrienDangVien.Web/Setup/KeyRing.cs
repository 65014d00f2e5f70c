using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// The certificate that encrypts the data-protection key ring stored in the database (cookies, antiforgery, the SMTP
/// password) and seals the tails of the audit chains. It lives outside the database, so a copy of the database alone
/// can neither forge a session, nor read the SMTP password, nor cut the audit trail unseen.
/// From DataProtection:CertificatePath (+ CertificatePassword); otherwise a self-signed one made once in
/// keys/ptdv-keys.pfx next to the SQLite file (data/keys/ with PostgreSQL). Back it up apart from the database.
/// </summary>
public sealed class KeyRingCertificate
{
    public const string FileName = "ptdv-keys.pfx";

    public KeyRingCertificate(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        (Certificate, AuditSealKey, Path) = Load(configuration, contentRoot);
    }

    /// <summary>Where the certificate file is (to back it up, or to point another process at it).</summary>
    public string Path { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>An HMAC key only the holder of the certificate's private key can compute (a deterministic RSA signature of a fixed label, hashed).</summary>
    public byte[] AuditSealKey { get; }

    public static string DefaultPath(IConfiguration configuration, string contentRoot)
    {
        var folder = DatabaseSetup.IsPostgres(configuration)
            ? System.IO.Path.Combine(contentRoot, "data")
            : System.IO.Path.GetDirectoryName(new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(configuration, contentRoot)).DataSource) ?? contentRoot;
        return System.IO.Path.Combine(folder, "keys", FileName);
    }

    private static (X509Certificate2, byte[], string) Load(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["DataProtection:CertificatePath"];
        var password = configuration["DataProtection:CertificatePassword"];
        var path = configured is { Length: > 0 } ? System.IO.Path.GetFullPath(configured, contentRoot) : DefaultPath(configuration, contentRoot);
        if (!File.Exists(path))
        {
            // A configured certificate that is missing is an error: a new one could not read the keys already stored.
            if (configured is { Length: > 0 })
                throw new InvalidOperationException($"Không tìm thấy chứng thư khóa {path} (DataProtection:CertificatePath).");
            Create(path, password);
        }
        var cert = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        using var rsa = cert.GetRSAPrivateKey() ?? throw new InvalidOperationException($"Chứng thư {path} không có khóa riêng RSA.");
        var seal = SHA256.HashData(rsa.SignData("PhatTrienDangVien audit tail seal v1"u8.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return (cert, seal, path);
    }

    /// <summary>Made once; two processes starting together keep whichever file landed first.</summary>
    private static void Create(string path, string? password)
    {
        var dir = System.IO.Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=PhatTrienDangVien key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(100));
        var temp = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        File.WriteAllBytes(temp, cert.Export(X509ContentType.Pfx, password));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temp);
        }
    }
}

public static class KeyRingSetup
{
    /// <summary>New keys are written encrypted to the certificate; stored keys are read with it.</summary>
    public static IServiceCollection AddKeyRingEncryption(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var keys = new KeyRingCertificate(configuration, contentRoot);
        services.AddSingleton(keys);
        services.AddDataProtection().ProtectKeysWithCertificate(keys.Certificate);
        return services;
    }
}
