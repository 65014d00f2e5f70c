namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// Where the application finds its web files and puts its data (decision 0036). A published build carries its
/// <c>wwwroot</c> beside the executable: the folder of the executable is then the content root, so the SQLite file
/// (<c>data/ptdv.db</c>), its key-ring certificate and the backups go beside it whatever folder the program was
/// started from (a double-click, a shortcut, a Windows service starts in System32, systemd in /). Run from the source
/// (<c>dotnet run</c>), the executable's folder has no web files and the usual content root (the project) stays.
/// A <c>--contentRoot</c> argument or <c>ASPNETCORE_CONTENTROOT</c> still wins.
/// </summary>
public static class ContentRoot
{
    public static string? Published(IReadOnlyList<string> args, string executableFolder)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 })
            return null;
        return Directory.Exists(Path.Combine(executableFolder, "wwwroot")) ? executableFolder : null;
    }
}
