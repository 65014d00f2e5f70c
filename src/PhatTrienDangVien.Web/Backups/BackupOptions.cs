namespace PhatTrienDangVien.Web.Backups;

/// <summary>The "Backup" section of the configuration.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>The daily backup; off on a server that should leave it to another one (the admin button still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the files go; relative paths are taken from the application's folder. Unset: a "backups" folder
    /// beside the SQLite file (the keys certificate is beside it too), or "data/backups" on PostgreSQL.</summary>
    public string? Folder { get; set; }

    /// <summary>The hour (Vietnam time, 0–23) from which the day's backup is due; a server started later takes it then.</summary>
    public int Hour { get; set; } = 2;

    /// <summary>How many backup files to keep in <see cref="Folder"/>; older ones are removed after each backup.</summary>
    public int Keep { get; set; } = 14;

    /// <summary>How many of the button's backups to keep, apart from <see cref="Keep"/>.</summary>
    public int KeepManual { get; set; } = 3;

    /// <summary>The folder of pg_dump and pg_restore; empty: the PATH, then /usr/lib/postgresql/(newest)/bin.</summary>
    public string? PostgresBin { get; set; }
}
