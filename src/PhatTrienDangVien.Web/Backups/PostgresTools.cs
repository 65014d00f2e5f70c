using System.Diagnostics;
using System.Text;
using Npgsql;

namespace PhatTrienDangVien.Web.Backups;

/// <summary>
/// Runs pg_dump and pg_restore against the configured database. The connection's host, port, user and database go
/// on the command line; the password only in the child's environment (PGPASSWORD), so it is never in a process
/// list, a log or a recorded message.
/// </summary>
public static class PostgresTools
{
    public static string? Find(string tool, string? configuredBin)
    {
        if (!string.IsNullOrWhiteSpace(configuredBin))
        {
            var configured = Path.Combine(configuredBin, tool);
            return File.Exists(configured) ? configured : null;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, tool);
            if (File.Exists(candidate)) return candidate;
        }
        // Debian and Ubuntu install the server's tools here without putting them on the PATH.
        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian)) return null;
        return Directory.GetDirectories(debian)
            .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Path: Path.Combine(d, "bin", tool)))
            .Where(x => x.Version >= 0 && File.Exists(x.Path))
            .OrderByDescending(x => x.Version).Select(x => x.Path).FirstOrDefault();
    }

    /// <summary>Runs the tool with the connection's parameters added; returns the exit code and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Errors)> RunAsync(string exe, string connectionString, IEnumerable<string> arguments, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(exe)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        if (!string.IsNullOrEmpty(cs.Host)) { psi.ArgumentList.Add("--host"); psi.ArgumentList.Add(cs.Host); }
        psi.ArgumentList.Add("--port");
        psi.ArgumentList.Add(cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(cs.Username)) { psi.ArgumentList.Add("--username"); psi.ArgumentList.Add(cs.Username); }
        psi.ArgumentList.Add("--no-password");
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        psi.Environment.Remove("PGPASSWORD");
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
        psi.Environment["PGCONNECT_TIMEOUT"] = "15";
        if (cs.SslMode != SslMode.Prefer) psi.Environment["PGSSLMODE"] = cs.SslMode.ToString().ToLowerInvariant() switch
        {
            "verifyca" => "verify-ca",
            "verifyfull" => "verify-full",
            var m => m,
        };

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Không chạy được {exe}.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (errors) errors.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        lock (errors) return (process.ExitCode, errors.ToString().Trim());
    }

    public static string DatabaseName(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new InvalidOperationException("Chuỗi kết nối PostgreSQL thiếu tên cơ sở dữ liệu (Database=...).");
}
