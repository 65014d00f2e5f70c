using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Tests.Infrastructure;

/// <summary>Sets a case up the way the form and the API do: through <see cref="RecordStep"/>, as the system.</summary>
public static class Steps
{
    public static async Task RecordAsync(IServiceProvider services, int candidateId, AdmissionStepKind kind, StepData data)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var outcome = await scope.ServiceProvider.GetRequiredService<RecordStep>().HandleAsync(candidateId, kind, data, null, CancellationToken.None);
        if (!outcome.IsDone)
            throw new InvalidOperationException($"{kind} on {candidateId}: {outcome.Status} {outcome.Message} {string.Join("; ", outcome.Errors.Select(e => e.Field + ": " + e.Message))}");
    }

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
