namespace PhatTrienDangVien.Web.Notifications;

/// <summary>Everything the alerts write to the log: counts and exception types, never names, texts or addresses.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Alert generation for {Today}: {Communes} communes, {Alerts} alerts, {Created} new notifications")]
    public static partial void Generated(ILogger logger, DateOnly today, int communes, int alerts, int created);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Numbered papers entered in the register by the day's sweep: {Papers}")]
    public static partial void PapersEntered(ILogger logger, int papers);

    [LoggerMessage(Level = LogLevel.Error, Message = "The numbered papers' sweep failed: {ExceptionType}; it runs again the next day")]
    public static partial void SweepFailed(ILogger logger, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail digest: {Sent} of {Recipients} sent, failed: {Failed}")]
    public static partial void DigestSent(ILogger logger, int sent, int recipients, bool failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background {What} failed: {ExceptionType}; it runs again within the hour")]
    public static partial void BackgroundFailed(ILogger logger, string what, string? exceptionType);
}
