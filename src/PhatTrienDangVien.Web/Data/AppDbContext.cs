using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// The one model for both engines. Query filters apply the current user's <see cref="DataScope"/> to every
/// query, pages and API alike; SaveChanges stamps versions and writes the audit trail.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    private readonly CurrentScope _scope;
    private readonly AuditContext _audit;

    protected AppDbContext(DbContextOptions options, CurrentScope scope, AuditContext audit) : base(options)
    {
        _scope = scope;
        _audit = audit;
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Hamlet> Hamlets => Set<Hamlet>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<PoliticalCenter> PoliticalCenters => Set<PoliticalCenter>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<SourceCategory> SourceCategories => Set<SourceCategory>();
    public DbSet<CandidateSource> CandidateSources => Set<CandidateSource>();
    public DbSet<CellResponsibility> CellResponsibilities => Set<CellResponsibility>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CalendarDayOverride> CalendarDayOverrides => Set<CalendarDayOverride>();
    public DbSet<StepRecord> AdmissionSteps => Set<StepRecord>();
    public DbSet<StepAttachment> StepAttachments => Set<StepAttachment>();
    /// <summary>Stored versions of rule parameters; the defaults in Core apply where none is stored.</summary>
    public DbSet<RuleParameter> RuleParameters => Set<RuleParameter>();
    public DbSet<TermTarget> TermTargets => Set<TermTarget>();
    public DbSet<YearTarget> YearTargets => Set<YearTarget>();
    public DbSet<YearSubTarget> YearSubTargets => Set<YearSubTarget>();
    public DbSet<CellTarget> CellTargets => Set<CellTarget>();
    public DbSet<Core.Notifications.Notification> Notifications => Set<Core.Notifications.Notification>();
    public DbSet<Core.Notifications.NotificationSettings> NotificationSettings => Set<Core.Notifications.NotificationSettings>();

    /// <summary>Cookie and antiforgery keys live with the data, so every server of a province shares them and restarts keep sessions.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DataScope Scope => _scope.Scope;

    // Read by the query filters; EF evaluates these per query, so the scope of the request applies.
    private bool ScopeUnrestricted => _scope.Scope.Unrestricted;
    private int ScopeCommuneId => _scope.Scope.CommuneId;
    private bool ScopeWholeCommune => _scope.Scope.WholeCommune;
    private IReadOnlyList<int> ScopeCellIds => _scope.Scope.CellIds;
    private IReadOnlyList<int> ScopeOrganisationIds => _scope.Scope.VisibleOrganisationIds;
    private int? ScopeMentorId => _scope.Scope.MentorMemberId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Organisation>().HasQueryFilter(o => ScopeUnrestricted
            || (o.CommuneId == ScopeCommuneId && (ScopeWholeCommune || ScopeOrganisationIds.Contains(o.Id))));
        builder.Entity<Member>().HasQueryFilter(m => ScopeUnrestricted
            || (m.CommuneId == ScopeCommuneId && (ScopeWholeCommune || ScopeCellIds.Contains(m.CellId))));
        builder.Entity<Candidate>().HasQueryFilter(c => ScopeUnrestricted
            || (c.CommuneId == ScopeCommuneId && (ScopeWholeCommune || ScopeCellIds.Contains(c.CellId)
                || (c.MentorMemberId != null && c.MentorMemberId == ScopeMentorId))));
        builder.Entity<CellResponsibility>().HasQueryFilter(r => ScopeUnrestricted
            || (r.CommuneId == ScopeCommuneId && (ScopeWholeCommune || ScopeCellIds.Contains(r.CellId))));
        // Commune-wide reference data: everyone of the commune reads it; pages restrict who edits.
        builder.Entity<Person>().HasQueryFilter(p => ScopeUnrestricted || p.CommuneId == ScopeCommuneId);
        builder.Entity<Hamlet>().HasQueryFilter(h => ScopeUnrestricted || h.CommuneId == ScopeCommuneId);
        builder.Entity<School>().HasQueryFilter(h => ScopeUnrestricted || h.CommuneId == ScopeCommuneId);
        builder.Entity<PoliticalCenter>().HasQueryFilter(h => ScopeUnrestricted || h.CommuneId == ScopeCommuneId);
        builder.Entity<Term>().HasQueryFilter(t => ScopeUnrestricted || t.CommuneId == ScopeCommuneId);
        builder.Entity<SourceCategory>().HasQueryFilter(s => ScopeUnrestricted || s.CommuneId == ScopeCommuneId);
        builder.Entity<CandidateSource>().HasQueryFilter(s => ScopeUnrestricted || s.SourceCategory.CommuneId == ScopeCommuneId);
        // A step is visible exactly when its candidate is (the candidate's own filter applies inside).
        builder.Entity<StepRecord>().HasQueryFilter(s => ScopeUnrestricted || Candidates.Any(c => c.Id == s.CandidateId));
        builder.Entity<StepAttachment>().HasQueryFilter(a => ScopeUnrestricted || AdmissionSteps.Any(s => s.Id == a.StepId));
        // Term and yearly targets are commune-wide (everyone of the commune reads them); a cell's share only within scope.
        builder.Entity<TermTarget>().HasQueryFilter(t => ScopeUnrestricted || t.CommuneId == ScopeCommuneId);
        builder.Entity<YearTarget>().HasQueryFilter(t => ScopeUnrestricted || t.CommuneId == ScopeCommuneId);
        builder.Entity<YearSubTarget>().HasQueryFilter(t => ScopeUnrestricted || t.CommuneId == ScopeCommuneId);
        builder.Entity<CellTarget>().HasQueryFilter(t => ScopeUnrestricted
            || (t.CommuneId == ScopeCommuneId && (ScopeWholeCommune || ScopeCellIds.Contains(t.CellId))));
        builder.Entity<AuditEntry>().HasQueryFilter(a => ScopeUnrestricted || a.CommuneId == ScopeCommuneId);
        // Commune only: every query of a notification also names the signed-in user (pages and header).
        builder.Entity<Core.Notifications.Notification>().HasQueryFilter(n => ScopeUnrestricted || n.CommuneId == ScopeCommuneId);
        builder.Entity<Core.Notifications.NotificationSettings>().HasQueryFilter(n => ScopeUnrestricted || n.CommuneId == ScopeCommuneId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var pending = AuditWriter.Collect(this, _audit);
        if (pending.Count == 0)
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(AuditWriter.Complete(pending));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            if (ownTransaction is not null) await ownTransaction.DisposeAsync();
        }
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options, CurrentScope scope, AuditContext audit)
    : AppDbContext(options, scope, audit);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options, CurrentScope scope, AuditContext audit)
    : AppDbContext(options, scope, audit);
