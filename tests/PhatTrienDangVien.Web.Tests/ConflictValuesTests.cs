using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Pages.Shared;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests;

/// <summary>The conflict view shows both versions as the form does, in Vietnamese, not as code names.</summary>
public class ConflictValuesTests
{
    [Fact]
    public void Values_are_shown_with_vietnamese_labels_and_office_dates()
    {
        ConflictValues.Show(Gender.Female).ShouldBe("Nữ");
        ConflictValues.Show(MemberStatus.Probationary).ShouldBe("Dự bị");
        ConflictValues.Show(true).ShouldBe("có");
        ConflictValues.Show(new DateOnly(2026, 1, 5)).ShouldBe("05/01/2026");
        ConflictValues.Show(new List<CommitteePositions> { CommitteePositions.CellSecretary }).ShouldBe("Bí thư chi bộ");
        ConflictValues.Show(null).ShouldBeNull();
    }
}
