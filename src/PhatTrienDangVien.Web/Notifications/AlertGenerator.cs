using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// Computes every commune's alerts for a day (<see cref="AlertRules"/>) and stores one notification per alert and
/// responsible user who has an account. Runs under <see cref="DataScope.System"/>, one commune at a time.
/// </summary>
/// <remarks>
/// Deduplication: a notification is keyed by (user, kind, case, due date). Keys already stored are skipped, and the
/// insert itself is <c>ON CONFLICT DO NOTHING</c> against the unique index, so two servers (or the daily run and a
/// manual one) running at once still create each notification once. The insert is plain SQL, which both engines
/// understand, rather than a tracked save: generated notifications are derived data and would flood the audit trail.
/// </remarks>
public sealed class AlertGenerator(IServiceScopeFactory scopes, TimeProvider clock,
    ILogger<AlertGenerator> log)
{
    public sealed record Result(int Communes, int Alerts, int Created);

    private sealed record Recipient(string Id, string Role, int? OrganisationId, int? MemberId);

    public async Task<Result> RunAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        List<int> communes;
        using (var scope = SystemScope(out var db))
        {
            communes = await db.Organisations.Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Id).ToListAsync(cancellationToken);
        }
        int alerts = 0, created = 0;
        foreach (var commune in communes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (a, c) = await RunCommuneAsync(commune, today, cancellationToken);
            alerts += a;
            created += c;
        }
        using (var scope = SystemScope(out _)) await SettleAsync(scope, cancellationToken);
        var result = new Result(communes.Count, alerts, created);
        // Counts only: names and texts stay in the database.
        NotificationLog.Generated(log, today, result.Communes, result.Alerts, result.Created);
        await SweepNumbersAsync(cancellationToken);
        return result;
    }

    private async Task<(int Alerts, int Created)> RunCommuneAsync(int communeId, DateOnly today, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var thresholds = await CommuneThresholds.ForAsync(db, communeId, ct);
        var open = db.Candidates.Where(c => c.CommuneId == communeId && c.Status != CandidateStatus.Withdrawn);
        var candidates = await open.Select(c => new
        {
            c.Id, c.Person.FullName, c.Person.DateOfBirth, c.CellId, Cell = c.Cell.Name, c.AddedOn, c.MentorMemberId,
        }).ToListAsync(ct);
        var (actionAlerts, actionCreated) = await RunActionsAsync(db, communeId, today, ct);
        if (candidates.Count == 0) return (actionAlerts, actionCreated);
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => open.Any(c => c.Id == s.CandidateId)).ToListAsync(ct))
            .ToLookup(s => s.CandidateId);
        var inCharge = (await db.CellResponsibilities
            .Where(r => r.CommuneId == communeId && r.From <= today && (r.To == null || r.To >= today))
            .Select(r => new { r.CellId, r.MemberId }).ToListAsync(ct)).ToLookup(r => r.CellId, r => r.MemberId);
        var users = await db.Users.Where(u => u.CommuneId == communeId && u.IsActive)
            .Select(u => new Recipient(u.Id, u.Role, u.OrganisationId, u.MemberId)).ToListAsync(ct);
        var book = await scope.ServiceProvider.GetRequiredService<RuleBookProvider>().GetAsync(ct);
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarService>().GetAsync(ct);

        var rows = new List<(Alert Alert, string UserId)>();
        int alertCount = 0;
        foreach (var c in candidates)
        {
            var facts = new CaseFacts(c.Id, c.FullName, c.Cell, c.AddedOn, c.MentorMemberId, new AdmissionCase(c.Id, c.DateOfBirth, steps[c.Id]));
            foreach (var alert in AlertRules.For(facts, book, calendar, today, thresholds))
            {
                alertCount++;
                var audience = alert.Audience;
                var charge = inCharge[c.CellId].ToHashSet();
                foreach (var u in users)
                {
                    bool responsible =
                        (audience.HasFlag(AlertAudience.Mentor) && c.MentorMemberId is { } mentor && u.MemberId == mentor)
                        || (audience.HasFlag(AlertAudience.CellSecretary) && u.Role == Roles.CellSecretary && u.OrganisationId == c.CellId)
                        || (audience.HasFlag(AlertAudience.CommitteeMemberInCharge) && u.MemberId is { } m && charge.Contains(m))
                        || (audience.HasFlag(AlertAudience.CommuneOffice) && u.Role == Roles.CommuneOffice);
                    // Only to an account that can open the case (ScopeMiddleware's scope): a mentor's account whose member
                    // is also in charge of cells sees its own candidates only, and was sent alerts it could not open.
                    bool sees = Roles.SeesWholeCommune(u.Role)
                        || (u.Role == Roles.CellSecretary && u.OrganisationId == c.CellId)
                        || (u.Role == Roles.CommitteeMember && u.MemberId is { } own && charge.Contains(own))
                        || (u.Role == Roles.Mentor && u.MemberId is { } me && c.MentorMemberId == me);
                    if (responsible && sees) rows.Add((alert, u.Id));
                }
            }
        }
        if (rows.Count == 0) return (alertCount + actionAlerts, actionCreated);

        var alerted = rows.Select(r => r.Alert.CandidateId).Distinct().ToList();
        var existing = (await db.Notifications.Where(n => n.CommuneId == communeId && n.CandidateId != null && alerted.Contains(n.CandidateId.Value))
            .Select(n => new { n.UserId, n.Kind, CandidateId = n.CandidateId!.Value, n.DueDate }).ToListAsync(ct))
            .Select(n => (n.UserId, n.Kind, n.CandidateId, n.DueDate)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        int created = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (alert, userId) in rows)
        {
            if (!existing.Add((userId, alert.Kind, alert.CandidateId, alert.DueDate))) continue;
            int kind = (int)alert.Kind;
            created += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Notifications" ("CommuneId", "UserId", "Kind", "CandidateId", "DueDate", "Text", "Link", "CreatedAtUtc")
                VALUES ({communeId}, {userId}, {kind}, {alert.CandidateId}, {alert.DueDate}, {alert.Text}, {alert.Link}, {now})
                ON CONFLICT ("UserId", "Kind", "CandidateId", "DueDate") DO NOTHING
                """, ct);
        }
        await tx.CommitAsync(ct);
        return (alertCount + actionAlerts, created + actionCreated);
    }

    /// <summary>
    /// Corrective actions past their due date and still open (issue 13): to the commune office, which follows them up,
    /// and to the cell's secretary and the committee member in charge, whose cell must do them. One alert per action and
    /// due date; a new due date alerts again once it too has passed.
    /// </summary>
    private async Task<(int Alerts, int Created)> RunActionsAsync(AppDbContext db, int communeId, DateOnly today, CancellationToken ct)
    {
        var overdue = await db.CorrectiveActions.Where(a => a.CommuneId == communeId && a.DueDate < today
                && (a.Status == Core.Inspections.ActionStatus.Open || a.Status == Core.Inspections.ActionStatus.InProgress))
            .Join(db.InspectionFindings, a => a.FindingId, f => f.Id, (a, f) => new { a.Id, a.CellId, a.Task, a.DueDate, f.SessionId })
            .ToListAsync(ct);
        if (overdue.Count == 0) return (0, 0);
        var cells = overdue.Select(a => a.CellId).Distinct().ToList();
        var names = await db.Organisations.Where(o => cells.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var inCharge = (await db.CellResponsibilities
            .Where(r => r.CommuneId == communeId && r.From <= today && (r.To == null || r.To >= today))
            .Select(r => new { r.CellId, r.MemberId }).ToListAsync(ct)).ToLookup(r => r.CellId, r => r.MemberId);
        var users = await db.Users.Where(u => u.CommuneId == communeId && u.IsActive)
            .Select(u => new Recipient(u.Id, u.Role, u.OrganisationId, u.MemberId)).ToListAsync(ct);
        var ids = overdue.Select(a => a.Id).ToList();
        var existing = (await db.Notifications.Where(n => n.CommuneId == communeId && n.ActionId != null && ids.Contains(n.ActionId.Value))
            .Select(n => new { n.UserId, ActionId = n.ActionId!.Value, n.DueDate }).ToListAsync(ct)).Select(n => (n.UserId, n.ActionId, n.DueDate)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        int kind = (int)NotificationKind.CorrectiveActionOverdue, created = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var a in overdue)
        {
            var charge = inCharge[a.CellId].ToHashSet();
            var text = $"Việc khắc phục sau kiểm tra ở {names.GetValueOrDefault(a.CellId)} đã quá hạn {a.DueDate:dd/MM/yyyy}: {a.Task}";
            if (text.Length > 1000) text = text[..999] + "…";
            var link = $"/Inspections/Session/{a.SessionId}#action-{a.Id}";
            foreach (var u in users.Where(u => u.Role == Roles.CommuneOffice || (u.Role == Roles.CellSecretary && u.OrganisationId == a.CellId)
                || (u.Role == Roles.CommitteeMember && u.MemberId is { } m && charge.Contains(m))))
            {
                if (!existing.Add((u.Id, a.Id, a.DueDate))) continue;
                created += await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Notifications" ("CommuneId", "UserId", "Kind", "ActionId", "DueDate", "Text", "Link", "CreatedAtUtc")
                    VALUES ({communeId}, {u.Id}, {kind}, {a.Id}, {a.DueDate}, {text}, {link}, {now})
                    ON CONFLICT ("UserId", "Kind", "ActionId", "DueDate") WHERE "ActionId" IS NOT NULL DO NOTHING
                    """, ct);
            }
        }
        await tx.CommitAsync(ct);
        return (overdue.Count, created);
    }

    /// <summary>
    /// The day's sweep of the register of numbers (<see cref="Documents.NumberedPaperBackfill.RunAsync"/>), under the same
    /// once-a-day claim: the papers recorded or issued in the last two days (a day whose run was missed is still in
    /// the next one's). Its failure does not make the day's alerts run again: logged by type, swept the next day.
    /// </summary>
    private async Task SweepNumbersAsync(CancellationToken ct)
    {
        try
        {
            using var scope = SystemScope(out var db);
            var papers = await Documents.NumberedPaperBackfill.RunAsync(db, clock.GetUtcNow().UtcDateTime.AddDays(-2), ct);
            if (papers > 0) NotificationLog.PapersEntered(log, papers);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            NotificationLog.SweepFailed(log, e.GetType().FullName);
        }
    }

    /// <summary>Every open notification whose thing is done is marked so, whatever changed the case.</summary>
    private static async Task SettleAsync(IServiceScope scope, CancellationToken ct) =>
        await scope.ServiceProvider.GetRequiredService<NotificationDone>().SettleAsync(null, ct);

    private IServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }
}
