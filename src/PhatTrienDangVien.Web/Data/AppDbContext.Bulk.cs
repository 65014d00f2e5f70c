using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;

namespace PhatTrienDangVien.Web.Data;

public abstract partial class AppDbContext
{
    // Below both engines' limits on the parameters of one statement (SQLite 32,766, PostgreSQL 65,535).
    private const int MaxParameters = 30_000;

    /// <summary>
    /// Writes new records in bulk, as a save writes added ones — derived columns computed, a new member's cell history
    /// added, one audit row per record (the row <see cref="AuditWriter.Collect"/> makes) linked into its chain, the data
    /// versions raised — but with multi-row INSERTs instead of the change tracker's one statement per row: an import of
    /// ten thousand members is 60,000 rows (decision 0023). Records come principals first (a person before the member
    /// record naming it through its navigation); their keys are reserved before anything is written, so dependents
    /// and audit rows can name them, and are set on the records. Runs inside the caller's transaction; nothing is
    /// tracked afterwards. A constraint the rows break throws <see cref="DbUpdateException"/>, as a save would.
    /// </summary>
    internal async Task InsertNewAsync(IReadOnlyList<object> records, CancellationToken ct)
    {
        if (Scope.IsReadOnly) throw new InvalidOperationException(ReadOnlyRefusal);
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("New records are written in bulk inside the caller's transaction.");
        var all = new List<object>(records);
        foreach (var m in records.OfType<Member>()) all.Add(FirstMembership(m));
        // Grouped by type in the order types first appear: principals are written before their dependents.
        var groups = all.GroupBy(r => r.GetType())
            .Select(g => (Type: Model.FindEntityType(g.Key) ?? throw new InvalidOperationException($"{g.Key.Name} is not stored."), Rows: g.ToList()))
            .ToList();
        try
        {
            foreach (var (type, rows) in groups) await ReserveKeysAsync(type, rows, ct);
            var now = _audit.Clock.GetUtcNow().UtcDateTime;
            var audit = new List<AuditEntry>(all.Count);
            var raised = new VersionsRaised();
            foreach (var (type, rows) in groups)
            {
                foreach (var row in rows)
                {
                    SetForeignKeys(type, row);
                    if (row is IHasDerivedColumns derived) derived.ComputeDerived();
                    audit.Add(AuditWriter.Added(this, _audit, now, type, row));
                    Note(row, raised);
                }
                await WriteRowsAsync(type, rows, withKey: true, ct);
            }
            await AuditChain.ChainAsync(this, audit, _audit.SealKey, sync: false, ct);
            await WriteRowsAsync(Model.FindEntityType(typeof(AuditEntry))!, audit, withKey: false, ct);
            await RaiseAsync(raised, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException("A bulk insert of new records failed.", e);
        }
    }

    /// <summary>
    /// Deletes records read without tracking, as a save deletes them — one audit row per record ("Xóa", every stored
    /// value as it was: the row <see cref="AuditWriter.Collect"/> makes for a deleted entry) linked into its chain, the
    /// data versions raised — but with one <c>DELETE … WHERE key IN (…)</c> per table and thousand rows instead of the
    /// change tracker's statement per row: the undo of an import of ten thousand members (decision 0023). Records come
    /// dependents first. A record changed since it was read (its concurrency token moved) or gone throws
    /// <see cref="DbUpdateConcurrencyException"/>, as a save would; a constraint throws <see cref="DbUpdateException"/>.
    /// Runs inside the caller's transaction.
    /// </summary>
    internal async Task DeleteLoadedAsync(IReadOnlyList<object> records, CancellationToken ct)
    {
        if (Scope.IsReadOnly) throw new InvalidOperationException(ReadOnlyRefusal);
        if (Database.CurrentTransaction is null) throw new InvalidOperationException("Records are deleted in bulk inside the caller's transaction.");
        var groups = records.GroupBy(r => r.GetType())
            .Select(g => (Type: Model.FindEntityType(g.Key) ?? throw new InvalidOperationException($"{g.Key.Name} is not stored."), Rows: g.ToList()))
            .ToList();
        try
        {
            var now = _audit.Clock.GetUtcNow().UtcDateTime;
            var audit = new List<AuditEntry>(records.Count);
            var raised = new VersionsRaised();
            var sql = Database.GetService<ISqlGenerationHelper>();
            foreach (var (type, rows) in groups)
            {
                var key = type.FindPrimaryKey()!.Properties;
                var tokens = type.GetProperties().Where(p => p.IsConcurrencyToken).ToList();
                // Keys and tokens are written into the statement as numbers: only integers are, nothing a user typed.
                static bool Integer(IProperty p) => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) is var t && (t == typeof(int) || t == typeof(long));
                if (key.Concat(tokens).FirstOrDefault(p => !Integer(p)) is { } odd)
                    throw new NotSupportedException($"{type.ClrType.Name}.{odd.Name} cannot be matched in a bulk delete.");
                string Literal(IProperty p, object row) =>
                    Convert.ToString(p.GetGetter().GetClrValueUsingContainingEntity(row), CultureInfo.InvariantCulture) is { Length: > 0 } v ? v : "NULL";
                string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName());
                var table = sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
                foreach (var row in rows)
                {
                    audit.Add(AuditWriter.Deleted(this, _audit, now, type, row));
                    Note(row, raised);
                }
                // Rows of the same token values share a statement: WHERE "Version" = 0 AND "Id" IN (…).
                foreach (var same in rows.GroupBy(r => string.Join(",", tokens.Select(t => Literal(t, r)))))
                {
                    foreach (var chunk in same.Chunk(1000))
                    {
                        var where = new StringBuilder();
                        foreach (var t in tokens) where.Append(Column(t)).Append(" = ").Append(Literal(t, chunk[0])).Append(" AND ");
                        if (key.Count == 1)
                            where.Append(Column(key[0])).Append(" IN (").AppendJoin(", ", chunk.Select(r => Literal(key[0], r))).Append(')');
                        else
                            where.Append('(').AppendJoin(" OR ", chunk.Select(r => "(" + string.Join(" AND ", key.Select(k => $"{Column(k)} = {Literal(k, r)}")) + ")")).Append(')');
                        await using var cmd = Command($"DELETE FROM {table} WHERE {where}");
                        if (await cmd.ExecuteNonQueryAsync(ct) != chunk.Length)
                            throw new DbUpdateConcurrencyException($"A {type.ClrType.Name} to delete was changed or removed since it was read.");
                    }
                }
            }
            await AuditChain.ChainAsync(this, audit, _audit.SealKey, sync: false, ct);
            await WriteRowsAsync(Model.FindEntityType(typeof(AuditEntry))!, audit, withKey: false, ct);
            await RaiseAsync(raised, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException("A bulk delete of records failed.", e);
        }
    }

    /// <summary>
    /// Takes the next keys of the table for these rows. PostgreSQL hands them out from the identity's sequence; on
    /// SQLite the transaction holds the database's only write lock (the caller has written already, or EF's BEGIN
    /// IMMEDIATE took it), so the keys after the largest ever given are free: the larger of the table's largest key and
    /// its AUTOINCREMENT counter, as SQLite itself picks. Never only the largest key: the rows of an undone import are
    /// gone from the table, and their keys given again would hang their audit history on someone else.
    /// </summary>
    private async Task ReserveKeysAsync(IEntityType type, List<object> rows, CancellationToken ct)
    {
        var key = type.FindPrimaryKey()!.Properties;
        if (key.Count != 1 || key[0].ValueGenerated == ValueGenerated.Never) return;
        var sql = Database.GetService<ISqlGenerationHelper>();
        var table = sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        var column = sql.DelimitIdentifier(key[0].GetColumnName());
        await using var cmd = Command(IsPostgres
            ? string.Create(CultureInfo.InvariantCulture, $"SELECT nextval(pg_get_serial_sequence('{table}', '{key[0].GetColumnName()}')) FROM generate_series(1, {rows.Count})")
            : $"SELECT MAX(COALESCE((SELECT MAX({column}) FROM {table}), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{type.GetTableName()!.Replace("'", "''", StringComparison.Ordinal)}'), 0))");
        var setter = key[0].PropertyInfo ?? throw new NotSupportedException($"{type.ClrType.Name} has no key property.");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (IsPostgres)
        {
            foreach (var row in rows)
            {
                if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The sequence gave fewer keys than asked.");
                setter.SetValue(row, Convert.ChangeType(reader.GetInt64(0), key[0].ClrType, CultureInfo.InvariantCulture));
            }
            return;
        }
        await reader.ReadAsync(ct);
        var next = reader.GetInt64(0);
        foreach (var row in rows) setter.SetValue(row, Convert.ChangeType(++next, key[0].ClrType, CultureInfo.InvariantCulture));
    }

    /// <summary>The foreign keys of a record from its navigations, as the change tracker's fix-up sets them on a save.</summary>
    private static void SetForeignKeys(IEntityType type, object row)
    {
        foreach (var fk in type.GetForeignKeys())
        {
            if (fk.DependentToPrincipal?.GetGetter().GetClrValueUsingContainingEntity(row) is not { } principal) continue;
            for (var i = 0; i < fk.Properties.Count; i++)
                fk.Properties[i].PropertyInfo!.SetValue(row, fk.PrincipalKey.Properties[i].GetGetter().GetClrValueUsingContainingEntity(principal));
        }
    }

    /// <summary>
    /// INSERTs of the rows, each value bound through its EF type mapping as a save binds it. PostgreSQL takes as many
    /// rows a statement as its parameters allow (one round trip each); SQLite, in process, one row a statement, the
    /// statement prepared once and run again (SQLite finds a named parameter by a scan of the statement's list, so a
    /// statement of thousands of them costs the square of that).
    /// </summary>
    private async Task WriteRowsAsync<T>(IEntityType type, IReadOnlyList<T> rows, bool withKey, CancellationToken ct) where T : notnull
    {
        var columns = type.GetProperties().Where(p => withKey || !p.IsPrimaryKey()).ToList();
        // A column the database fills in, or one without a CLR property, would be written wrong here: refuse rather than guess.
        if (columns.FirstOrDefault(p => p.IsShadowProperty() || !p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never) is { } odd)
            throw new NotSupportedException($"{type.ClrType.Name}.{odd.Name} cannot be written in bulk.");
        var getters = columns.Select(p => p.GetGetter()).ToList();
        var mappings = columns.Select(p => p.GetRelationalTypeMapping()).ToList();
        var sql = Database.GetService<ISqlGenerationHelper>();
        var postgres = IsPostgres;
        var head = $"INSERT INTO {sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema())} ({string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName())))}) VALUES ";
        var perStatement = postgres ? Math.Clamp(MaxParameters / columns.Count, 1, 1000) : 1;
        await using var cmd = Command("");
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            cmd.Parameters.Clear();
            var text = new StringBuilder(head);
            for (var r = start; r < Math.Min(start + perStatement, rows.Count); r++)
            {
                text.Append(r == start ? "(" : ", (");
                for (var c = 0; c < columns.Count; c++)
                {
                    // Npgsql's positional parameters are passed through as they are; SQLite's are named.
                    var i = cmd.Parameters.Count;
                    var name = postgres ? "" : "@p" + i.ToString(CultureInfo.InvariantCulture);
                    text.Append(c == 0 ? "" : ", ").Append(postgres ? "$" + (i + 1).ToString(CultureInfo.InvariantCulture) : name);
                    cmd.Parameters.Add(mappings[c].CreateParameter(cmd, name, getters[c].GetClrValueUsingContainingEntity(rows[r]), columns[c].IsNullable));
                }
                text.Append(')');
            }
            var statement = text.ToString();
#pragma warning disable CA2100 // identifiers from the model; every value is a parameter
            // The same text keeps SQLite's prepared statement.
            if (statement != cmd.CommandText) cmd.CommandText = statement;
#pragma warning restore CA2100
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private bool IsPostgres => Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);

    private DbCommand Command(string text)
    {
        var cmd = Database.GetDbConnection().CreateCommand();
        cmd.Transaction = Database.CurrentTransaction!.GetDbTransaction();
#pragma warning disable CA2100 // identifiers from the model; every value is a parameter
        cmd.CommandText = text;
#pragma warning restore CA2100
        return cmd;
    }
}
