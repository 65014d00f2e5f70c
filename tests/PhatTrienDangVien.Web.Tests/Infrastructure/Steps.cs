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

    /// <summary>
    /// Candidate A of <see cref="TestData"/> through every step up to the cell's vote (3 of 3 on 1/7/2026): in the
    /// pool 5/1/2026, mentor 10/1, class 6/3, application 1/4, history verified 4/5, introduced 1/6, opinions 15/6.
    /// </summary>
    public static async Task CandidateAApprovedByCellAsync(IServiceProvider services, TestData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        Task Step(AdmissionStepKind kind, StepData data) => RecordAsync(services, d.CandidateA, kind, data);
        await Step(AdmissionStepKind.SourcePool, new() { Date = D("2026-01-05") });
        await Step(AdmissionStepKind.MentorAssigned, new() { Date = D("2026-01-10"), MentorMemberId = d.MentorMemberA });
        await Step(AdmissionStepKind.AwarenessClass, new() { Date = D("2026-03-06"), CertificateNumber = "1/CN", CertificateDate = D("2026-03-06") });
        await Step(AdmissionStepKind.Application, new() { Date = D("2026-04-01") });
        await Step(AdmissionStepKind.PersonalHistory, new() { Date = D("2026-05-04"), People = [new() { Relationship = "Cha", FullName = "Võ Văn Hùng", Result = VerificationResult.Verified }] });
        await Step(AdmissionStepKind.Introduction, new()
        {
            Date = D("2026-06-01"), Path = IntroductionPath.TwoMembers,
            Introducers = [new() { MemberId = d.MemberA, TogetherSince = D("2020-01-01") }, new() { MemberId = d.CommitteeMemberId, TogetherSince = D("2020-01-01") }],
        });
        await Step(AdmissionStepKind.Opinions, new() { Date = D("2026-06-15") });
        await Step(AdmissionStepKind.CellVote, new() { Date = D("2026-07-01"), For = 3, Against = 0, Present = 3 });
    }

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
