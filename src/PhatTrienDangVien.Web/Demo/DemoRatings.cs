using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Evaluations;

namespace PhatTrienDangVien.Web.Demo;

/// <summary>
/// The demo commune's ratings of the years already closed (rated in mid-December): every cell and every member on the
/// roll that year, mostly "good", "excellent" within the cap for cells, a few "complete", one member not completing;
/// a cell's development results stored as they stood on the day of the rating; one override with its reason.
/// </summary>
internal sealed class DemoRatings(AppDbContext db, CellDevelopment development, DateOnly today, int communeId)
{
    private readonly Random _random = new(12_2026);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public async Task SeedAsync(IReadOnlyList<Organisation> cells, CancellationToken ct)
    {
        var scale = RatingScale.Default;
        var weights = new RatingSettings().Weights;
        for (var year = 2025; new DateOnly(year, 12, 20) < today; year++)
        {
            var on = new DateOnly(year, 12, 18);
            var facts = await development.ForYearAsync([.. cells.Select(c => c.Id)], year, on, ct);
            var good = 0;
            var excellent = 0;
            var overridden = false;
            foreach (var row in facts.OrderBy(_ => _random.Next()))
            {
                var criteria = DevelopmentScore.Compute(row.Facts, weights);
                var points = DevelopmentScore.Total(criteria);
                // The development points are a tenth of the scale; the rest of the score the committee gives for the cell's other work.
                var score = Math.Min(scale.MaxScore, Math.Round(points + 60 + (decimal)(_random.NextDouble() * 30), 1));
                var conditions = score >= scale.ExcellentMin && excellent + 1 <= (good + 1) * scale.ExcellentCapPercent / 100;
                var outcome = !overridden && row.Facts.Overdue > 1 && score >= scale.GoodMin
                    ? QualityRatings.Decide(score, conditions, scale, RatingLevel.Complete, "Còn hồ sơ kết nạp quá hạn kéo dài, đã được nhắc qua kiểm tra.")
                    : QualityRatings.Decide(score, conditions, scale);
                overridden |= outcome.Overridden;
                if (outcome.Level == RatingLevel.Good) good++;
                if (outcome.Level == RatingLevel.Excellent) excellent++;
                db.QualityRatings.Add(new QualityRatingRecord
                {
                    CommuneId = communeId, Year = year, Kind = RatedKind.Cell, CellId = row.CellId, SelfLevel = outcome.FromScore, IsDemo = true,
                    SelfAssessment = "Chi bộ lãnh đạo thực hiện nhiệm vụ chính trị ở địa phương; duy trì sinh hoạt định kỳ; quan tâm tạo nguồn, phát triển đảng viên.",
                    Score = score, ExcellentConditionsMet = conditions, LevelFromScore = outcome.FromScore, Level = outcome.Level,
                    OverrideReason = outcome.Overridden ? "Còn hồ sơ kết nạp quá hạn kéo dài, đã được nhắc qua kiểm tra." : null, Explanation = outcome.Explanation,
                    DecidingBody = "Ban Thường vụ Đảng ủy xã", DecidedOn = on,
                    DevelopmentJson = JsonSerializer.Serialize(new StoredDevelopment(on, row.Facts, row.LateSteps, criteria, points), s_json),
                });
            }
            var first = new DateOnly(year, 1, 1);
            var last = new DateOnly(year, 12, 31);
            var members = await db.Members.Where(m => m.CommuneId == communeId && (m.CeremonyDate == null || m.CeremonyDate <= last)
                    && (m.Status < MemberStatus.Removed || m.StatusDate == null || m.StatusDate > on))
                .Select(m => new { m.Id, m.CellId, m.Positions }).ToListAsync(ct);
            var notComplete = false;
            foreach (var m in members)
            {
                var score = Math.Round(68 + (decimal)(_random.NextDouble() * 26), 1);
                if (!notComplete && _random.NextDouble() < 0.01) { score = 45; notComplete = true; }
                var outcome = QualityRatings.Decide(score, score >= scale.ExcellentMin && _random.NextDouble() < 0.5, scale);
                db.QualityRatings.Add(new QualityRatingRecord
                {
                    CommuneId = communeId, Year = year, Kind = RatedKind.Member, CellId = m.CellId, MemberId = m.Id, IsDemo = true,
                    Form = m.Positions != CommitteePositions.None ? SelfAssessmentForm.Leader : _random.NextDouble() < 0.3 ? SelfAssessmentForm.Staff : SelfAssessmentForm.OutsideSystem,
                    SelfLevel = outcome.Level == RatingLevel.NotComplete ? RatingLevel.Complete : outcome.Level, Score = score,
                    ExcellentConditionsMet = outcome.Level == RatingLevel.Excellent, LevelFromScore = outcome.FromScore, Level = outcome.Level,
                    Explanation = outcome.Explanation, DecidingBody = "Ban Thường vụ Đảng ủy xã", DecidedOn = on,
                });
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
