namespace PhatTrienDangVien.Web.Notifications;

public static class NotificationSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<AlertGenerator>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<DigestService>();
        services.AddHostedService<AlertBackgroundService>();
        return services;
    }
}
