using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// The one model for both engines. Query filters apply the current user's <see cref="DataScope"/> to every
/// query, pages and API alike; SaveChanges stamps versions and writes the audit trail.
/// </summary>
public abstract partial class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    // The request's scope and audit identity. Contexts are pooled (decision 0040): an instance serves one request or
    // job at a time and is handed these by Serving as it is taken from the pool; until then, and once disposed (back
    // in the pool), it sees nothing.
    private CurrentScope _scope = new();
    private AuditContext _audit = new();

    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>
    /// Hands the context the scope and audit identity of the request (or job) it now serves, and forgets what the last
    /// one read (the data versions). EF itself clears the tracked rows, closes the connection and resets the change
    /// tracker's settings when a context goes back to the pool.
    /// </summary>
    public AppDbContext Serving(CurrentScope scope, AuditContext audit)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(audit);
        _scope = scope;
        _audit = audit;
        VersionsRead = null;
        return this;
    }

    // Forgotten before the context goes back to the pool (base.Dispose returns it, and another request may take it at
    // once): an idle context, or one taken from EF's factory without Serving, sees nothing and writes as no one.
    public override void Dispose()
    {
        Forget();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        Forget();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private void Forget()
    {
        _scope = new CurrentScope();
        _audit = new AuditContext();
        VersionsRead = null;
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Hamlet> Hamlets => Set<Hamlet>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<PoliticalCenter> PoliticalCenters => Set<PoliticalCenter>();
    public DbSet<Core.Classes.CenterCommune> CenterCommunes => Set<Core.Classes.CenterCommune>();
    public DbSet<Core.Classes.PartyClass> PartyClasses => Set<Core.Classes.PartyClass>();
    public DbSet<Core.Classes.ClassQuota> ClassQuotas => Set<Core.Classes.ClassQuota>();
    public DbSet<Core.Classes.ClassEnrolment> ClassEnrolments => Set<Core.Classes.ClassEnrolment>();
    public DbSet<Core.Education.PropagandaSession> PropagandaSessions => Set<Core.Education.PropagandaSession>();
    public DbSet<Core.Education.PropagandaAttendee> PropagandaAttendees => Set<Core.Education.PropagandaAttendee>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MemberExit> MemberExits => Set<MemberExit>();
    public DbSet<Core.Inspections.InspectionPlanItem> InspectionPlanItems => Set<Core.Inspections.InspectionPlanItem>();
    public DbSet<Core.Inspections.InspectionSession> InspectionSessions => Set<Core.Inspections.InspectionSession>();
    public DbSet<Core.Inspections.InspectionFinding> InspectionFindings => Set<Core.Inspections.InspectionFinding>();
    public DbSet<Core.Inspections.CorrectiveAction> CorrectiveActions => Set<Core.Inspections.CorrectiveAction>();
    public DbSet<Core.Evaluations.QualityRatingRecord> QualityRatings => Set<Core.Evaluations.QualityRatingRecord>();
    public DbSet<Core.Evaluations.RatingSettings> RatingSettings => Set<Core.Evaluations.RatingSettings>();
    public DbSet<Candidate> Candidates => Set<Candidate>();
    public DbSet<SourceCategory> SourceCategories => Set<SourceCategory>();
    public DbSet<CandidateSource> CandidateSources => Set<CandidateSource>();
    public DbSet<CellResponsibility> CellResponsibilities => Set<CellResponsibility>();
    public DbSet<CellMembership> CellMemberships => Set<CellMembership>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditTail> AuditTails => Set<AuditTail>();
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

    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    /// <summary>The backups taken and their outcome (installation-wide, written outside the audited save).</summary>
    public DbSet<Backups.BackupRun> BackupRuns => Set<Backups.BackupRun>();
    public DbSet<JobClaim> JobClaims => Set<JobClaim>();

    public DbSet<Documents.FormTemplate> FormTemplates => Set<Documents.FormTemplate>();
    public DbSet<Documents.DocumentCounter> DocumentCounters => Set<Documents.DocumentCounter>();
    public DbSet<Documents.IssuedDocument> IssuedDocuments => Set<Documents.IssuedDocument>();
    public DbSet<Documents.NumberedPaper> NumberedPapers => Set<Documents.NumberedPaper>();
    public DbSet<Documents.FormSetting> FormSettings => Set<Documents.FormSetting>();
    /// <summary>Excel imports of the register: what came in, the files waiting for their commit, the remembered mappings.</summary>
    public DbSet<Import.ImportBatch> ImportBatches => Set<Import.ImportBatch>();
    public DbSet<Import.ImportUpload> ImportUploads => Set<Import.ImportUpload>();
    public DbSet<Import.ImportMapping> ImportMappings => Set<Import.ImportMapping>();

    public DataScope Scope => _scope.Scope;

    /// <summary>
    /// The data versions as this request (this context) first read them (<see cref="FigureCache"/>): every figure of
    /// one page is keyed by the same versions, so one computed from another's result (the forecast from the plan
    /// figures) is never kept under a newer version than its input.
    /// </summary>
    internal (long Commune, long Installation)? VersionsRead { get; set; }

    // Read by the query filters; EF evaluates these per query, so the scope of the request applies.
    private bool ScopeUnrestricted => _scope.Scope.Unrestricted;
    // The communes a query may read, as a range (decision 0039): `CommuneId BETWEEN low AND high` is served by the
    // CommuneId index on SQLite, where `@unrestricted OR CommuneId = @commune` scanned every commune's rows.
    private int ScopeCommuneLow => _scope.Scope.CommuneLow;
    private int ScopeCommuneHigh => _scope.Scope.CommuneHigh;
    private bool ScopeReadsInstallation => _scope.Scope.Unrestricted || _scope.Scope.Role == Authorization.Roles.ProvinceBoard;
    private bool ScopeWholeCommune => _scope.Scope.WholeCommune;
    private IReadOnlyList<int> ScopeCellIds => _scope.Scope.CellIds;
    private IReadOnlyList<int> ScopeOrganisationIds => _scope.Scope.VisibleOrganisationIds;
    private int? ScopeMentorId => _scope.Scope.MentorMemberId;

    /// <summary>
    /// The members of the request's cells: the Member cell filter itself, and the same rule for a query that had to lift
    /// the cell filter as a whole (a rating saved in another cell) but still reads only members the user may see, so the
    /// two cannot drift. (<see cref="Authorization.DataScope.CoversCell"/> is its twin for one cell id in memory.)
    /// </summary>
    internal System.Linq.Expressions.Expression<Func<Member, bool>> MemberInScopeCells =>
        m => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(m.CellId);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // The scope is two named filters (decision 0002): the commune, then the cells within it. A read that needs the
        // whole commune (a count of residents, a name on a case) switches off the cell filter only (WholeCommune()).
        CommuneFilter<Organisation>(builder);
        CommuneFilter<Member>(builder);
        CommuneFilter<Candidate>(builder);
        CommuneFilter<CellResponsibility>(builder);
        CommuneFilter<CellTarget>(builder);
        CommuneFilter<CellMembership>(builder);
        builder.Entity<CellMembership>().HasQueryFilter(QueryFilters.Cells, p => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(p.CellId));
        builder.Entity<Organisation>().HasQueryFilter(QueryFilters.Cells, o => ScopeUnrestricted || ScopeWholeCommune || ScopeOrganisationIds.Contains(o.Id));
        builder.Entity<Member>().HasQueryFilter(QueryFilters.Cells, MemberInScopeCells);
        builder.Entity<Candidate>().HasQueryFilter(QueryFilters.Cells, c => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(c.CellId)
            || (c.MentorMemberId != null && c.MentorMemberId == ScopeMentorId));
        builder.Entity<CellResponsibility>().HasQueryFilter(QueryFilters.Cells, r => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(r.CellId));
        builder.Entity<CellTarget>().HasQueryFilter(QueryFilters.Cells, t => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(t.CellId));

        // Commune-wide data: everyone of the commune reads it; permissions decide who edits.
        CommuneFilter<Person>(builder);
        CommuneFilter<Hamlet>(builder);
        CommuneFilter<School>(builder);
        // A centre, and its classes, are seen by its host commune and by the communes it serves (a class: those with seats in it).
        builder.Entity<PoliticalCenter>().HasQueryFilter(QueryFilters.Commune, e => (e.CommuneId >= ScopeCommuneLow && e.CommuneId <= ScopeCommuneHigh)
            || CenterCommunes.Any(c => c.CenterId == e.Id && c.CommuneId >= ScopeCommuneLow && c.CommuneId <= ScopeCommuneHigh));
        builder.Entity<Core.Classes.PartyClass>().HasQueryFilter(QueryFilters.Commune, e => (e.CommuneId >= ScopeCommuneLow && e.CommuneId <= ScopeCommuneHigh)
            || ClassQuotas.Any(q => q.ClassId == e.Id && q.CommuneId >= ScopeCommuneLow && q.CommuneId <= ScopeCommuneHigh));
        // A class's seats and a centre's communes are read through the class or the centre: every commune sharing them sees all.
        // A nomination is its person's: the commune's and the cell's filters, as the candidate's.
        CommuneFilter<Core.Classes.ClassEnrolment>(builder);
        // Seen by whoever sees its candidate (a mentor follows their candidates' classes too); the candidate's filters apply inside.
        builder.Entity<Core.Classes.ClassEnrolment>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || Candidates.Any(c => c.Id == e.CandidateId));
        // A session of a cell (or of its hamlet's organisations) is the cell's; a commune-wide organisation's, the commune's.
        CommuneFilter<Core.Education.PropagandaSession>(builder);
        builder.Entity<Core.Education.PropagandaSession>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune
            || (e.CellId != null && ScopeCellIds.Contains(e.CellId.Value)));
        CommuneFilter<Core.Education.PropagandaAttendee>(builder);
        // An exit is its member's: seen by whoever sees the member (the member's cell).
        CommuneFilter<MemberExit>(builder);
        builder.Entity<MemberExit>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || Members.Any(m => m.Id == e.MemberId));
        // The inspection of a cell, what it found and what is done about it: the cell's (each row carries the cell).
        CommuneFilter<Core.Inspections.InspectionPlanItem>(builder);
        builder.Entity<Core.Inspections.InspectionPlanItem>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(e.CellId));
        CommuneFilter<Core.Inspections.InspectionSession>(builder);
        builder.Entity<Core.Inspections.InspectionSession>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(e.CellId));
        CommuneFilter<Core.Inspections.InspectionFinding>(builder);
        builder.Entity<Core.Inspections.InspectionFinding>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(e.CellId));
        CommuneFilter<Core.Inspections.CorrectiveAction>(builder);
        builder.Entity<Core.Inspections.CorrectiveAction>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(e.CellId));
        // A cell's rating and its members' are the cell's; the commune's settings are everyone's of the commune.
        CommuneFilter<Core.Evaluations.QualityRatingRecord>(builder);
        builder.Entity<Core.Evaluations.QualityRatingRecord>().HasQueryFilter(QueryFilters.Cells, e => ScopeUnrestricted || ScopeWholeCommune || ScopeCellIds.Contains(e.CellId));
        CommuneFilter<Core.Evaluations.RatingSettings>(builder);
        CommuneFilter<Term>(builder);
        CommuneFilter<SourceCategory>(builder);
        CommuneFilter<TermTarget>(builder);
        CommuneFilter<YearTarget>(builder);
        CommuneFilter<YearSubTarget>(builder);
        CommuneFilter<Import.ImportBatch>(builder);
        CommuneFilter<Import.ImportUpload>(builder);
        CommuneFilter<Import.ImportMapping>(builder);
        builder.Entity<Core.Notifications.Notification>().HasQueryFilter(QueryFilters.Commune, n => n.CommuneId >= ScopeCommuneLow && n.CommuneId <= ScopeCommuneHigh);
        CommuneFilter<Core.Notifications.NotificationSettings>(builder);
        CommuneFilter<Documents.FormTemplate>(builder);
        CommuneFilter<Documents.DocumentCounter>(builder);
        CommuneFilter<Documents.IssuedDocument>(builder);
        CommuneFilter<Documents.NumberedPaper>(builder);
        CommuneFilter<Documents.FormSetting>(builder);
        // An issued paper is seen by whoever sees its candidate (the candidate's own filters apply inside).
        builder.Entity<Documents.IssuedDocument>().HasQueryFilter(QueryFilters.Cells, d => ScopeUnrestricted || ScopeWholeCommune || Candidates.Any(c => c.Id == d.CandidateId));
        builder.Entity<CandidateSource>().HasQueryFilter(QueryFilters.Commune, s => s.SourceCategory.CommuneId >= ScopeCommuneLow && s.SourceCategory.CommuneId <= ScopeCommuneHigh);
        // The province board reads the installation's chain too (the national rules, the communes, its own sign-ins).
        builder.Entity<AuditEntry>().HasQueryFilter(QueryFilters.Commune, a => (a.CommuneId >= ScopeCommuneLow && a.CommuneId <= ScopeCommuneHigh) || (ScopeReadsInstallation && a.CommuneId == null));
        // A commune reads its own counter and the installation's (rules, calendar), not another commune's pace of work.
        builder.Entity<DataVersion>().HasQueryFilter(QueryFilters.Commune, v => (v.CommuneId >= ScopeCommuneLow && v.CommuneId <= ScopeCommuneHigh) || v.CommuneId == Data.DataVersions.Installation);
        // A step (and its scans) is visible exactly when its candidate is: the candidate's two filters apply inside, and
        // a query that switches off the cell filter switches it off there too.
        builder.Entity<StepRecord>().HasQueryFilter(QueryFilters.Commune, s => ScopeUnrestricted || Candidates.Any(c => c.Id == s.CandidateId));
        builder.Entity<StepAttachment>().HasQueryFilter(QueryFilters.Commune, a => ScopeUnrestricted || AdmissionSteps.Any(s => s.Id == a.StepId));
    }

    // A scope that reads across communes for a report (DataScope.ProvinceReader) never writes: a bug that would, fails.
    // (The bulk writes refuse it too; a raw SQL write under it is the writer's own fault: there is none.)
    private void RefuseReadOnly()
    {
        if (Scope.IsReadOnly && ChangeTracker.HasChanges()) throw new InvalidOperationException(ReadOnlyRefusal);
    }

    private const string ReadOnlyRefusal = "A read-only scope (the province's reports) does not write.";

    private void CommuneFilter<T>(ModelBuilder builder) where T : CommuneEntity =>
        builder.Entity<T>().HasQueryFilter(QueryFilters.Commune, e => e.CommuneId >= ScopeCommuneLow && e.CommuneId <= ScopeCommuneHigh);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseReadOnly();
        KeepMemberships(MovedMembers().ToDictionary(m => m.Id, m => OpenMemberships(m.Id).ToList()),
            RedatedMembers().ToDictionary(m => m.Id, m => AllMemberships(m.Id).ToList()));
        var save = PrepareSave();
        if (save.IsEmpty) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var ownTransaction = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var result = base.SaveChanges(acceptAllChangesOnSuccess);
        AuditChain.LinkAsync(this, [.. save.Written, .. AuditWriter.Complete(save.Audit)], _audit.SealKey, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        base.SaveChanges(acceptAllChangesOnSuccess);
        Raise(save.Raised);
        ownTransaction?.Commit();
        return result;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly();
        var open = new Dictionary<int, List<CellMembership>>();
        foreach (var moved in MovedMembers().ToList())
            open[moved.Id] = await OpenMemberships(moved.Id).ToListAsync(cancellationToken);
        var redated = new Dictionary<int, List<CellMembership>>();
        foreach (var m in RedatedMembers().ToList())
            redated[m.Id] = await AllMemberships(m.Id).ToListAsync(cancellationToken);
        KeepMemberships(open, redated);
        var save = PrepareSave();
        if (save.IsEmpty) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await using var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await AuditChain.LinkAsync(this, [.. save.Written, .. AuditWriter.Complete(save.Audit)], _audit.SealKey, sync: false, cancellationToken);
        await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        await RaiseAsync(save.Raised, cancellationToken);
        if (ownTransaction is not null) await ownTransaction.CommitAsync(cancellationToken);
        return result;
    }

    private IEnumerable<Member> MovedMembers()
    {
        ChangeTracker.DetectChanges();
        return ChangeTracker.Entries<Member>()
            .Where(e => e.State == EntityState.Modified && !Equals(e.Property(m => m.CellId).OriginalValue, e.Property(m => m.CellId).CurrentValue))
            .Select(e => e.Entity);
    }

    /// <summary>Members whose admission or official dates were corrected, in the same cell.</summary>
    private IEnumerable<Member> RedatedMembers()
    {
        ChangeTracker.DetectChanges();
        return ChangeTracker.Entries<Member>()
            .Where(e => e.State == EntityState.Modified && Equals(e.Property(m => m.CellId).OriginalValue, e.Property(m => m.CellId).CurrentValue)
                && (e.Property(m => m.CeremonyDate).IsModified || e.Property(m => m.AdmissionDecisionDate).IsModified || e.Property(m => m.OfficialDate).IsModified))
            .Select(e => e.Entity);
    }

    // The history is a fact of the commune, whatever cells the saving user covers.
    private IQueryable<CellMembership> OpenMemberships(int memberId) => CellMemberships.WholeCommune().Where(p => p.MemberId == memberId && p.To == null);

    private IQueryable<CellMembership> AllMemberships(int memberId) => CellMemberships.WholeCommune().Where(p => p.MemberId == memberId);

    /// <summary>A new member's history: in their cell from the start of their membership (the bulk writer makes the same).</summary>
    private static CellMembership FirstMembership(Member m) => new()
    {
        CommuneId = m.CommuneId, Member = m, CellId = m.CellId,
        // A register entry without its dates is a member of old whose history is unknown: in the cell since ever.
        From = HistoryStart(m),
    };

    private static DateOnly HistoryStart(Member m) => m.CeremonyDate ?? m.AdmissionDecisionDate ?? m.OfficialDate ?? s_unknownStart;

    private static readonly DateOnly s_unknownStart = new(1900, 1, 1);

    /// <summary>
    /// A member's cell history, kept beside every save: a new member starts in their cell on the ceremony date (or the
    /// decision or official date; since ever when none is known); a member who changes cell leaves the old one yesterday and joins
    /// the new one today (the day of the recorded change).
    /// </summary>
    private void KeepMemberships(Dictionary<int, List<CellMembership>> openOfMoved, Dictionary<int, List<CellMembership>> historyOfRedated)
    {
        var today = Core.Common.VietnamTime.Today(_audit.Clock);
        foreach (var entry in ChangeTracker.Entries<Member>().ToList())
        {
            var m = entry.Entity;
            if (entry.State == EntityState.Added)
                CellMemberships.Add(FirstMembership(m));
            else if (openOfMoved.TryGetValue(m.Id, out var open))
            {
                // The transfer's own date when the form gave one (checked to be after the open period began), else today.
                var on = m.MovedOn ?? today;
                foreach (var p in open) p.To = p.From < on ? on.AddDays(-1) : p.From;
                CellMemberships.Add(new CellMembership { CommuneId = m.CommuneId, MemberId = m.Id, CellId = m.CellId, From = on });
            }
            // Corrected admission dates move the start of a history that is still one period in one cell (a member
            // typed in with a wrong date is counted on the right days); a history with transfers is left as it was.
            else if (historyOfRedated.TryGetValue(m.Id, out var history) && history.Count == 1 && history[0].To is null && history[0].CellId == m.CellId)
            {
                history[0].From = HistoryStart(m);
            }
        }
    }

    /// <param name="Written">Audit rows added directly (the access trail): held back from the first save and linked into their chain with the rest.</param>
    private sealed record PendingSave(List<AuditWriter.Pending> Audit, VersionsRaised Raised, List<AuditEntry> Written)
    {
        public bool IsEmpty => Audit.Count == 0 && Raised.IsEmpty && Written.Count == 0;
    }

    /// <summary>
    /// Before every save: derived columns, the version bump of each changed record, its audit rows, and which data
    /// versions the save raises (one place, so no write can skip any of them).
    /// </summary>
    private PendingSave PrepareSave()
    {
        ChangeTracker.DetectChanges();
        var raised = new VersionsRaised();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.State != EntityState.Deleted && entry.Entity is IHasDerivedColumns derived) derived.ComputeDerived();
            // Every change of a versioned record raises its version: the next save based on the old one conflicts.
            if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(nameof(CommuneEntity.Version)) is { IsConcurrencyToken: true })
            {
                var version = entry.Property(nameof(CommuneEntity.Version));
                version.CurrentValue = (int)version.OriginalValue! + 1;
            }
            Note(entry.Entity, raised);
        }
        ChangeTracker.DetectChanges();
        var written = ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList();
        // Detached until the chain's tail is locked: an unlinked row must never reach the table.
        foreach (var e in written) e.State = EntityState.Detached;
        return new PendingSave(AuditWriter.Collect(this, _audit), raised, [.. written.Select(e => e.Entity)]);
    }

    /// <summary>The data version a change of this record raises (the commune's, the installation's), if any.</summary>
    private int? DataVersionOf(object entity) => entity switch
    {
        // Reading one's notifications changes no figure (the commune's alert thresholds do: the work list's tasks).
        Core.Notifications.Notification => null,
        // A commune's root is saved once before it knows its own id (CommuneId 0, the installation's row): that raises
        // nothing, or every commune's figures would be recomputed when one is added; its second save raises its own.
        CommuneEntity { CommuneId: > 0 } c => c.CommuneId,
        CommuneEntity => null,
        RuleParameter or CalendarDayOverride => Data.DataVersions.Installation,
        // A candidate's sources have no commune column (their category has): the candidate's commune, as for a step.
        StepRecord or StepAttachment or CandidateSource when !Scope.Unrestricted && Scope.CommuneId > 0 => Scope.CommuneId,
        _ => null,
    };

    /// <summary>
    /// The data versions a write raises: the communes of its rows, and for steps and scans written under a scope without
    /// a commune (seeding, the command line, a generator), their candidates' communes, read once the rows are written.
    /// </summary>
    private sealed class VersionsRaised
    {
        public SortedSet<int> Communes { get; } = [];
        // The rows, not their keys: a step saved with its new candidate has its key only once the write is done.
        public List<StepRecord> Steps { get; } = [];
        public List<StepAttachment> Scans { get; } = [];
        public List<CandidateSource> Sources { get; } = [];
        public bool HasSteps => Steps.Count > 0 || Scans.Count > 0 || Sources.Count > 0;
        public bool IsEmpty => Communes.Count == 0 && !HasSteps;
    }

    private void Note(object row, VersionsRaised raised)
    {
        if (DataVersionOf(row) is { } commune) raised.Communes.Add(commune);
        // A step has no commune column: under a scope without one (the system's, or none set), its candidate's commune
        // is read after the write.
        else if (row is StepRecord step) raised.Steps.Add(step);
        else if (row is StepAttachment scan) raised.Scans.Add(scan);
        else if (row is CandidateSource source) raised.Sources.Add(source);
    }

    /// <summary>
    /// Raises the versions in the write's transaction, after its rows (so a step's candidate is found), in commune order:
    /// on PostgreSQL each bump locks its row until the commit, and two writes taking the same rows in different orders
    /// could deadlock.
    /// </summary>
    private async Task RaiseAsync(VersionsRaised raised, CancellationToken ct)
    {
        if (raised.HasSteps) raised.Communes.UnionWith(await StepCommunes(raised).ToListAsync(ct));
        var floor = Data.DataVersions.Floor(_audit.Clock);
        foreach (var commune in raised.Communes) await Database.ExecuteSqlAsync(BumpSql(commune, floor), ct);
        ForgetVersionsRead(raised.Communes.Count > 0);
    }

    /// <summary>For bulk writes that bypass the tracked save (a merge of communes): raises these communes' versions, in order.</summary>
    public async Task RaiseVersionsAsync(IEnumerable<int> communes, CancellationToken ct)
    {
        var floor = Data.DataVersions.Floor(_audit.Clock);
        var raised = communes.Distinct().Order().ToList();
        foreach (var commune in raised) await Database.ExecuteSqlAsync(BumpSql(commune, floor), ct);
        ForgetVersionsRead(raised.Count > 0);
    }

    /// <summary>
    /// After this context raised versions, the ones it read before (<see cref="VersionsRead"/>: the rules' version is
    /// read before a step is checked) are older than its own write: a figure read later in the same request is keyed
    /// by the versions read again.
    /// </summary>
    private void ForgetVersionsRead(bool raisedAny)
    {
        if (raisedAny) VersionsRead = null;
    }

    /// <summary>The sync twin of <see cref="RaiseAsync"/>, for <c>SaveChanges</c>.</summary>
    private void Raise(VersionsRaised raised)
    {
        if (raised.HasSteps) raised.Communes.UnionWith(StepCommunes(raised).ToList());
        var floor = Data.DataVersions.Floor(_audit.Clock);
        foreach (var commune in raised.Communes) Database.ExecuteSql(BumpSql(commune, floor));
        ForgetVersionsRead(raised.Communes.Count > 0);
    }

    /// <summary>The communes of the steps, scans and candidates' sources just written, looked up by their own ids.</summary>
    private IQueryable<int> StepCommunes(VersionsRaised raised)
    {
        var candidates = raised.Steps.Select(s => s.CandidateId).Concat(raised.Sources.Select(s => s.CandidateId)).Distinct().ToList();
        var steps = raised.Scans.Select(a => a.StepId).Distinct().ToList();
        // Bypass reviewed: the scope has no commune here (Note); one column of the rows this write itself touched.
        var all = Candidates.IgnoreQueryFilters();
        // Bypass reviewed: as above, a scan's step, to reach its candidate.
        var scanned = AdmissionSteps.IgnoreQueryFilters().Where(s => steps.Contains(s.Id)).Select(s => s.CandidateId);
        return all.Where(c => candidates.Contains(c.Id) || scanned.Contains(c.Id)).Select(c => c.CommuneId).Distinct();
    }

    // Upsert: the row appears with the commune's first save, at the floor of now (DataVersions.Floor: a commune id
    // used again after a restore never starts at a value a server cached). Same statement on SQLite and PostgreSQL.
    private static FormattableString BumpSql(int communeId, long floor) => $"""
        INSERT INTO "DataVersions" ("CommuneId", "Value") VALUES ({communeId}, {floor})
        ON CONFLICT ("CommuneId") DO UPDATE SET "Value" = "DataVersions"."Value" + 1
        """;
}

/// <summary>The names of the two scope filters (decision 0002).</summary>
public static class QueryFilters
{
    public const string Commune = "Commune";
    public const string Cells = "Cells";

    /// <summary>
    /// The whole commune of the user, whatever cells their role covers: for facts about the commune (residents per
    /// hamlet, names on a visible case, the voters of a cell). Still never another commune.
    /// </summary>
    public static IQueryable<T> WholeCommune<T>(this IQueryable<T> query) where T : class => query.IgnoreQueryFilters([Cells]);
}

// One public constructor taking the options alone: EF's pool creates the instances (the scope comes by Serving).
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
