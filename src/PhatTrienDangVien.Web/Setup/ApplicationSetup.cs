using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Notifications;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>The application layer, feature by feature: plain classes, one per command or shared query.</summary>
public static class ApplicationSetup
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<Data.FigureCache>();
        services.AddScoped<ConflictDiff>();
        services.AddScoped<Auditing.AccessTrail>();
        services.AddScoped<Auditing.AuditVerifier>();

        // Shared by every commune of the installation, checked against its data version on each request.
        services.AddSingleton<InstallationCache>();
        services.AddScoped<RuleBookProvider>();
        services.AddScoped<CalendarService>();

        services.AddScoped<AdmissionCases>();
        services.AddScoped<VoterRegister>();
        services.AddScoped<RecordStep>();
        services.AddScoped<OpenRecognition>();
        services.AddScoped<Scans>();
        services.AddScoped<WorkList>();
        services.AddScoped<CandidateProgress>();
        services.AddScoped<Search.PeopleSearch>();
        services.AddScoped<Home.HomeTasks>();
        services.AddScoped<Export.Exporter>();

        // Word forms: templates, filling, numbering and the papers kept with the steps.
        services.AddScoped<Documents.FormTemplates>();
        services.AddScoped<Documents.PaperFiller>();
        services.AddScoped<Documents.FormSettings>();
        services.AddScoped<Documents.FormValues>();
        services.AddScoped<Documents.IssueForm>();
        services.AddScoped<Documents.DocumentNumbering>();
        services.AddScoped<Documents.CertificateList>();

        services.AddScoped<Planning.Reconciliation>();
        services.AddScoped<People.CitizenIdGuard>();
        services.AddScoped<People.SaveMember>();
        services.AddScoped<People.SaveCandidate>();
        // The sheets read from uploads, kept a few minutes for the preview and the commit of the same file.
        services.AddSingleton<Import.SheetCache>();
        services.AddScoped<Import.ImportPlanner>();
        services.AddScoped<Import.StageImport>();
        services.AddScoped<Import.PreviewImport>();
        services.AddScoped<Import.CommitImport>();
        services.AddScoped<Import.UndoImport>();
        services.AddScoped<People.PersonalData>();
        services.AddScoped<People.ExportPersonData>();

        // Organisations: the organisation tree, hamlets and schools.
        services.AddScoped<Organisations.SaveOrganisation>();
        services.AddScoped<Organisations.DeleteOrganisation>();
        services.AddScoped<Organisations.SaveHamlet>();
        services.AddOptions<Province.ProvinceOptions>().BindConfiguration(Province.ProvinceOptions.Section);
        services.AddScoped<Province.Communes>();
        services.AddScoped<Province.ProvinceFigures>();
        services.AddScoped<Province.ProvinceNewMembers>();
        services.AddSingleton<Province.ProvinceWarmth>();
        services.AddHostedService(sp => sp.GetRequiredService<Province.ProvinceWarmth>());
        // The C allocator's free pages handed back to the system (decision 0043).
        services.AddHostedService<NativeMemoryTrim>();
        services.AddScoped<Province.MergeCommunes>();
        services.AddScoped<Organisations.SaveSchool>();

        // Accounts, reference lists, rule versions, calendar corrections, mail settings and notifications (admin area).
        services.AddScoped<Accounts.CreateAccount>();
        services.AddScoped<Accounts.EditAccount>();
        services.AddScoped<Accounts.DeactivateAccount>();
        services.AddScoped<Accounts.ReactivateAccount>();
        services.AddScoped<Accounts.UnlockAccount>();
        services.AddScoped<Accounts.ResetPassword>();
        services.AddScoped<Accounts.SetOwnEmail>();
        services.AddScoped<Accounts.ChangeOwnPassword>();
        services.AddScoped<Accounts.ResetTwoFactor>();
        services.AddScoped<People.SaveSourceCategory>();
        services.AddScoped<People.SetSourceCategoryActive>();
        services.AddScoped<People.DeleteSourceCategory>();
        services.AddScoped<AddRuleVersion>();
        services.AddScoped<AddCalendarCorrection>();
        services.AddScoped<DeleteCalendarCorrection>();
        services.AddScoped<SaveMailSettings>();
        services.AddScoped<SendTestMail>();
        services.AddScoped<SendDigestNow>();
        services.AddScoped<MarkNotificationsRead>();
        services.AddScoped<NotificationDone>();

        // Classes with the political centre: centres, classes and seats, nominations, results.
        services.AddScoped<Classes.CommuneDirectory>();
        services.AddScoped<Classes.SaveCenter>();
        services.AddScoped<Classes.SaveClass>();
        services.AddScoped<Classes.ClassPool>();
        services.AddScoped<Classes.NominateForClass>();
        services.AddScoped<Classes.DecideNominations>();
        services.AddScoped<Classes.WithdrawNomination>();
        services.AddScoped<Classes.RecordClassResults>();
        services.AddScoped<Classes.ClassNeeds>();
        services.AddScoped<Classes.ImportClassResults>();
        services.AddScoped<Classes.ClassPapers>();
        services.AddScoped<Education.SavePropagandaSession>();
        services.AddScoped<Exits.SaveExit>();
        services.AddScoped<Exits.DeleteExit>();
        services.AddScoped<Exits.OpenReadmission>();
        services.AddScoped<Evaluations.CellDevelopment>();
        services.AddScoped<Evaluations.RatingReads>();
        services.AddScoped<Evaluations.SaveRating>();
        services.AddScoped<Evaluations.SaveRatingSettings>();
        services.AddScoped<Evaluations.RatingPapers>();
        services.AddScoped<Inspections.InspectionChecklist>();
        services.AddScoped<Inspections.SavePlanItem>();
        services.AddScoped<Inspections.DeletePlanItem>();
        services.AddScoped<Inspections.SaveSession>();
        services.AddScoped<Inspections.RunChecklist>();
        services.AddScoped<Inspections.DeleteSession>();
        services.AddScoped<Inspections.SaveFinding>();
        services.AddScoped<Inspections.DeleteFinding>();
        services.AddScoped<Inspections.SaveAction>();
        services.AddScoped<Education.DeletePropagandaSession>();
        services.AddScoped<Education.PropagandaSummary>();

        // Targets and the responsibility map.
        services.AddScoped<Targets.SaveTermTarget>();
        services.AddScoped<Targets.SaveYearTarget>();
        services.AddScoped<Targets.FillYearTargets>();
        services.AddScoped<Targets.SaveCellTargets>();
        services.AddScoped<Responsibilities.AssignCell>();
        services.AddScoped<Responsibilities.EndAssignment>();

        services.AddNotifications();
        return services;
    }
}
