using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// A query every request runs, compiled once (EF otherwise walks the expression tree for its parameters and looks the
/// tree up in its cache at each execution). A compiled query runs against the one model it first met, so one per model:
/// SQLite and PostgreSQL (and the test suite's servers of both) each get their own. The query filters are compiled in
/// and read the context's scope at each execution, as for any other query.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}
