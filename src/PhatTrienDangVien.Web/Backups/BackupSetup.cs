namespace PhatTrienDangVien.Web.Backups;

public static class BackupSetup
{
    public static IServiceCollection AddBackups(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection(BackupOptions.Section));
        services.AddSingleton<BackupService>();
        services.AddSingleton<RestoreBackup>();
        services.AddHostedService<BackupBackgroundService>();
        return services;
    }
}
