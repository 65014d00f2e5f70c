using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Province;

/// <summary>
/// The national set on PostgreSQL (issue 14): 3,321 communes and their members. A generated province of 100 communes
/// (<see cref="ProvinceBench.GenerateAsync"/>, the demo's own generator) is the template; the other communes are copies
/// of its communes made in the database itself, one <c>INSERT … SELECT</c> per table over every copy at once, each
/// copy a province of its own (its communes' names carry "tỉnh k", its citizen IDs a province code of their own).
/// What is copied is what the plan's figures read: the organisations and hamlets, people, members and their cell
/// history, cases with their sources and every step, terms and targets, the communes' data versions. Not copied: the
/// accounts, the audit trail, classes, inspections, ratings, papers (no national figure reads them). The copies are
/// brought to the country's members per commune with a second copy of some of their long-serving members.
/// Then the national new-members report (the province board's report over every commune) against raw SQL.
/// </summary>
/// <remarks>Ids of copy k are the template's plus k times the table's largest id, so every reference is moved by the
/// offset of the table it points to. The foreign keys are not checked during the copy (session_replication_role):
/// the rows are copies of rows whose references were checked when they were written.</remarks>
internal static class NationalBench
{
    public static async Task RunAsync(IServiceProvider services, int communes, int template)
    {
        var watch = Stopwatch.StartNew();
        var (_, generated) = await ProvinceBench.GenerateAsync(services, template);
        Console.WriteLine($"national: template province of {template} communes ready in {generated:0} s");
        var existing = await ReadAsync(services, db => Communes.All(db).CountAsync());
        if (existing < communes)
        {
            var copy = Stopwatch.StartNew();
            await CopyAsync(services, template, communes - existing);
            Console.WriteLine($"national: {communes - existing} communes copied in {copy.Elapsed.TotalSeconds:0} s");
        }
        var (all, members, candidates, steps) = await ReadAsync(services, async db => (
            await Communes.All(db).CountAsync(), await db.Members.CountAsync(),
            await db.Candidates.CountAsync(c => c.Status == PhatTrienDangVien.Core.People.CandidateStatus.Active), await db.AdmissionSteps.CountAsync()));
        Console.WriteLine($"national: {all} communes, {members} members, {candidates} candidates in the pipeline, {steps} steps; "
            + $"{watch.Elapsed.TotalSeconds:0} s in all (target < 1,800 s)");
        await ProvinceBench.NewMembersReportAsync(services);
    }

    private static async Task CopyAsync(IServiceProvider services, int template, int needed)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal))
            throw new InvalidOperationException("The national set is made on PostgreSQL (PTDV_BENCH_PG).");
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.OpenConnectionAsync();
        var copies = (needed + template - 1) / template;
        // The communes copied, copy by copy: the template's first communes by id (the demo's among them), the last copy
        // only as many as are still needed.
        // Numbers only (counts made here), no text from outside.
        var map = $"""
            DROP TABLE IF EXISTS clone_map;
            CREATE TEMP TABLE clone_map AS
            WITH base AS (SELECT "Id", row_number() OVER (ORDER BY "Id") AS rn FROM "Organisations" WHERE "Kind" = 0 AND "CommuneId" = "Id"
                          ORDER BY "Id" LIMIT {template})
            SELECT k, "Id" AS commune FROM base CROSS JOIN generate_series(1, {copies}) AS k WHERE (k - 1) * {template} + rn <= {needed};
            CREATE INDEX ON clone_map (commune);
            ANALYZE clone_map;
            SET session_replication_role = replica;
            SET synchronous_commit = off;
            """;
        await db.Database.ExecuteSqlRawAsync(map);
        // All or nothing: a copy that fails leaves the template as it was, to be run again.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var offsets = new Dictionary<string, long>();
        foreach (var table in new[] { "Organisations", "Hamlets", "People", "Members", "Candidates", "AdmissionSteps", "SourceCategories", "Terms",
                     "TermTargets", "YearTargets", "YearSubTargets", "CellTargets", "CellMemberships" })
            offsets[table] = await ScalarAsync(db, $"SELECT COALESCE(MAX(\"Id\"), 0) FROM \"{table}\"");
        string Moved(string column, string table) => $"\"{column}\" + k * {offsets[table].ToString(CultureInfo.InvariantCulture)}";
        var commune = Moved("CommuneId", "Organisations");

        async Task CopyTableAsync(string table, Dictionary<string, string> changed, string from = "", string? through = null)
        {
            var columns = await ColumnsAsync(db, table);
            var select = string.Join(", ", columns.Select(c => changed.TryGetValue(c, out var e) ? e : $"t.\"{c}\""));
            // Rows of a commune: through their own CommuneId, or (steps, sources) through their case's.
            var join = through ?? "t.\"CommuneId\"";
            var w = Stopwatch.StartNew();
            // Table and column names from the database's own catalogue, expressions written here: no text from outside.
            var sql = $"""
                INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
                SELECT {select} FROM "{table}" t {from} JOIN clone_map m ON m.commune = {join}
                """;
            var rows = await db.Database.ExecuteSqlRawAsync(sql);
            Console.WriteLine($"  {table}: {rows} rows in {w.Elapsed.TotalSeconds:0.0} s");
        }

        // Every column a copy changes; "k" is the copy's number (the others are copied as they are).
        Dictionary<string, string> Ids(string table, params (string Column, string Table)[] references)
        {
            var map = new Dictionary<string, string> { ["Id"] = Moved("Id", table).Replace("\"Id\"", "t.\"Id\"", StringComparison.Ordinal) };
            foreach (var (column, target) in references) map[column] = Moved(column, target).Replace($"\"{column}\"", $"t.\"{column}\"", StringComparison.Ordinal);
            if (table != "AdmissionSteps") map["CommuneId"] = commune.Replace("\"CommuneId\"", "t.\"CommuneId\"", StringComparison.Ordinal);
            return map;
        }

        var province = "' – tỉnh ' || (k + 1)";
        var organisations = Ids("Organisations", ("ParentId", "Organisations"), ("HamletId", "Hamlets"), ("SecretaryMemberId", "Members"), ("MergedIntoId", "Organisations"));
        organisations["Name"] = $"CASE WHEN t.\"Kind\" = 0 THEN t.\"Name\" || {province} ELSE t.\"Name\" END";
        organisations["NameFolded"] = "CASE WHEN t.\"Kind\" = 0 THEN t.\"NameFolded\" || ' - tinh ' || (k + 1) ELSE t.\"NameFolded\" END";
        // IsDemo is copied as it is: the template's generated communes are the demo's kind (fictional), and names that
        // fold alike ("Thuận Thạnh", "Thuận Thành") stay outside the unique index of real communes' names.
        await CopyTableAsync("Organisations", organisations);
        await CopyTableAsync("Hamlets", Ids("Hamlets"));
        var people = Ids("People", ("HamletId", "Hamlets"));
        // A province code of the copy's own (above 100: no real province has one), the rest of the number kept.
        // The template holds two province codes (089 the demo's, 091 the generated communes'): each copy gets two of its own.
        people["CitizenId"] = "CASE WHEN t.\"CitizenId\" IS NULL THEN NULL ELSE (100 + 2 * k + CASE WHEN left(t.\"CitizenId\", 3) = '089' THEN 0 ELSE 1 END)::text || substr(t.\"CitizenId\", 4) END";
        people["ImportBatchId"] = "NULL";
        await CopyTableAsync("People", people);
        var members = Ids("Members", ("PersonId", "People"), ("CellId", "Organisations"));
        members["ImportBatchId"] = "NULL";
        await CopyTableAsync("Members", members);
        await CopyTableAsync("CellMemberships", Ids("CellMemberships", ("MemberId", "Members"), ("CellId", "Organisations")));
        var candidates = Ids("Candidates", ("PersonId", "People"), ("CellId", "Organisations"), ("MentorMemberId", "Members"));
        candidates["ImportBatchId"] = "NULL";
        await CopyTableAsync("Candidates", candidates);
        await CopyTableAsync("AdmissionSteps", Ids("AdmissionSteps", ("CandidateId", "Candidates")),
            "JOIN \"Candidates\" c ON c.\"Id\" = t.\"CandidateId\"", "c.\"CommuneId\"");
        await CopyTableAsync("SourceCategories", Ids("SourceCategories"));
        await CopyTableAsync("CandidateSources", new() { ["CandidateId"] = Moved("CandidateId", "Candidates").Replace("\"CandidateId\"", "t.\"CandidateId\"", StringComparison.Ordinal),
            ["SourceCategoryId"] = Moved("SourceCategoryId", "SourceCategories").Replace("\"SourceCategoryId\"", "t.\"SourceCategoryId\"", StringComparison.Ordinal) },
            "JOIN \"Candidates\" c ON c.\"Id\" = t.\"CandidateId\"", "c.\"CommuneId\"");
        await CopyTableAsync("Terms", Ids("Terms"));
        await CopyTableAsync("TermTargets", Ids("TermTargets", ("TermId", "Terms")));
        await CopyTableAsync("YearTargets", Ids("YearTargets", ("TermId", "Terms")));
        await CopyTableAsync("YearSubTargets", Ids("YearSubTargets", ("YearTargetId", "YearTargets")));
        await CopyTableAsync("CellTargets", Ids("CellTargets", ("CellId", "Organisations")));
        await CopyTableAsync("DataVersions", new() { ["CommuneId"] = commune.Replace("\"CommuneId\"", "t.\"CommuneId\"", StringComparison.Ordinal) });
        await LongServingAgainAsync();

        // The generated communes hold about 1,300 members each (as Nhơn Mỹ), the country's about 1,700 (5.6 million in
        // 3,321 communes). Each copied commune takes a second copy of some of its long-serving members (official,
        // admitted before 2020: no case, no probation, so the plan's figures of recent years keep the template's
        // shape), with their people and cell history, as many as bring the copies to the country's average. Their ids
        // are those of a copy numbered beyond the last (k + copies), their commune and cells copy k's; their citizen
        // IDs carry that copy's province code.
        async Task LongServingAgainAsync()
        {
            const double countrysAverage = 5_600_000.0 / 3_321;
            var communes = await ScalarAsync(db, "SELECT COUNT(DISTINCT commune) FROM clone_map");
            var held = await ScalarAsync(db, "SELECT COUNT(*) FROM \"Members\" WHERE \"CommuneId\" IN (SELECT commune FROM clone_map)");
            const string longServing = "\"CommuneId\" IN (SELECT commune FROM clone_map) AND \"Status\" = 1 AND \"CeremonyDate\" < DATE '2020-01-01'";
            var eligible = await ScalarAsync(db, $"SELECT COUNT(*) FROM \"Members\" WHERE {longServing}");
            var wanted = Math.Max(0, countrysAverage * communes - held);
            var permille = eligible == 0 ? 0 : Math.Min(1000, (int)Math.Ceiling(1000 * wanted / eligible));
            if (permille == 0) return;
            // A spread of the ids (Knuth's multiplier) rather than the first ones: every cell and age keeps its share.
            // Numbers only (counted here), no text from outside.
            var chosen = $"""
                DROP TABLE IF EXISTS again;
                CREATE TEMP TABLE again AS SELECT "Id", "PersonId" FROM "Members"
                WHERE {longServing} AND ("Id"::bigint * 2654435761) % 1000 < {permille.ToString(CultureInfo.InvariantCulture)};
                """;
            await db.Database.ExecuteSqlRawAsync(chosen);
            var beyond = $"(k + {copies.ToString(CultureInfo.InvariantCulture)})";
            string Again(string column, string table) => Moved(column, table).Replace($"\"{column}\"", $"t.\"{column}\"", StringComparison.Ordinal)
                .Replace(" + k * ", $" + {beyond} * ", StringComparison.Ordinal);
            var people2 = new Dictionary<string, string>(people) { ["Id"] = Again("Id", "People") };
            people2["CitizenId"] = people["CitizenId"].Replace("100 + 2 * k", $"100 + 2 * {beyond}", StringComparison.Ordinal);
            await CopyTableAsync("People", people2, "JOIN again x ON x.\"PersonId\" = t.\"Id\"");
            var members2 = new Dictionary<string, string>(members) { ["Id"] = Again("Id", "Members"), ["PersonId"] = Again("PersonId", "People") };
            await CopyTableAsync("Members", members2, "JOIN again x ON x.\"Id\" = t.\"Id\"");
            var history = Ids("CellMemberships", ("MemberId", "Members"), ("CellId", "Organisations"));
            history["Id"] = Again("Id", "CellMemberships");
            history["MemberId"] = Again("MemberId", "Members");
            await CopyTableAsync("CellMemberships", history, "JOIN again x ON x.\"Id\" = t.\"MemberId\"");
        }

        // The identity sequences past the copied ids, then the planner's statistics.
        var sequences = new StringBuilder("SET session_replication_role = origin;\n");
        foreach (var table in offsets.Keys)
            sequences.Append(CultureInfo.InvariantCulture, $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"));\n");
        await db.Database.ExecuteSqlRawAsync(sequences.ToString());
        await transaction.CommitAsync();
        var analyze = Stopwatch.StartNew();
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"  ANALYZE in {analyze.Elapsed.TotalSeconds:0} s");
    }

    private static async Task<List<string>> ColumnsAsync(AppDbContext db, string table)
    {
        var columns = new List<string>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' "
            + "AND is_generated = 'NEVER' ORDER BY ordinal_position";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static async Task<long> ScalarAsync(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<T> ReadAsync<T>(IServiceProvider services, Func<AppDbContext, Task<T>> read)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
