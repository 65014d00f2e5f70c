namespace PhatTrienDangVien.Web.Cli;

/// <summary>
/// The executable is both the web application and the admin command line. The first argument names a command;
/// "--demo" starts the web application with the demo commune. Everything else is configuration.
/// </summary>
public sealed record LaunchOptions(string? Command, bool Demo, bool Help, IReadOnlyDictionary<string, string> Options, string[] ConfigurationArgs)
{
    public static readonly IReadOnlyList<string> Commands = ["create-admin", "create-province-user", "reset-password", "seed-demo", "backup", "restore", "verify-audit", "help"];

    public static LaunchOptions Parse(string[] args)
    {
        string? command = null;
        var rest = args.ToList();
        if (rest.Count > 0 && (Commands.Contains(rest[0]) || rest[0] is "--help" or "-h"))
        {
            command = rest[0] is "--help" or "-h" ? "help" : rest[0];
            rest.RemoveAt(0);
        }
        var demo = rest.Remove("--demo");
        var help = rest.Remove("--help") | rest.Remove("-h");
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var config = new List<string>();
        for (var i = 0; i < rest.Count; i++)
        {
            var a = rest[i];
            // Command options (--user x) are read here; anything else (--urls, --Database:Provider=...) is configuration.
            if (command is not null && a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(':', StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal))
            {
                var value = i + 1 < rest.Count && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : "";
                options[a[2..]] = value;
            }
            else
            {
                config.Add(a);
            }
        }
        return new LaunchOptions(command, demo, help, options, config.ToArray());
    }

    public string? Option(string name) => Options.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
}
