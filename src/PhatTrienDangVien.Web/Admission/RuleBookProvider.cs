using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>The rule book in force: Core's defaults, overridden by the versions an administrator stored.</summary>
public sealed class RuleBookProvider(IServiceScopeFactory scopes)
{
    private RuleBook? _book;

    public async Task<RuleBook> GetAsync()
    {
        if (_book is { } cached) return cached;
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var rows = await scope.ServiceProvider.GetRequiredService<AppDbContext>().RuleParameters.AsNoTracking().ToListAsync();
        return _book = RuleBook.Defaults.With(rows);
    }

    public void Invalidate() => _book = null;
}
