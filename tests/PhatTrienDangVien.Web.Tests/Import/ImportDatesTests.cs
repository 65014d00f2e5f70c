using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Import;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Import;

/// <summary>Dates as registers hold them, read day first, with how much of the date was given.</summary>
public sealed class ImportDatesTests
{
    private static readonly DateOnly s_today = new(2026, 11, 20);

    [Theory]
    [InlineData("15/03/1980", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("5/3/80", 1980, 3, 5, DatePrecision.Day)]
    [InlineData("5/3/05", 2005, 3, 5, DatePrecision.Day)]
    [InlineData("15.03.1980", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("15-03-1980", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("1980-03-15", 1980, 3, 15, DatePrecision.Day)]
    [InlineData("03/1980", 1980, 3, 1, DatePrecision.Month)]
    [InlineData("1980", 1980, 1, 1, DatePrecision.Year)]
    [InlineData(" 29221 ", 1980, 1, 1, DatePrecision.Day)]
    public void Text_dates_are_read_day_first(string text, int y, int m, int d, DatePrecision p)
    {
        var (date, error) = ImportDates.Read(text, s_today);
        error.ShouldBeNull();
        date.ShouldBe(new ImportDate(new DateOnly(y, m, d), p));
    }

    [Fact]
    public void Excel_serials_and_date_cells_are_dates_and_a_year_in_a_number_cell_is_a_year()
    {
        ImportDates.Read(29296d, s_today).Date.ShouldBe(new ImportDate(new DateOnly(1980, 3, 16), DatePrecision.Day));
        ImportDates.Read(new DateTime(1980, 3, 15), s_today).Date.ShouldBe(new ImportDate(new DateOnly(1980, 3, 15), DatePrecision.Day));
        ImportDates.Read(1980d, s_today).Date.ShouldBe(new ImportDate(new DateOnly(1980, 1, 1), DatePrecision.Year));
    }

    [Theory]
    [InlineData("31/02/1980")]
    [InlineData("13/13/1980")]
    [InlineData("ngày rằm")]
    [InlineData("1800")]
    public void What_is_not_a_date_says_so_in_vietnamese(string text)
    {
        var (date, error) = ImportDates.Read(text, s_today);
        date.ShouldBeNull();
        error.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void A_date_known_to_the_year_shows_as_the_year()
    {
        new ImportDate(new DateOnly(1980, 1, 1), DatePrecision.Year).ToString().ShouldBe("1980");
        new ImportDate(new DateOnly(1980, 3, 1), DatePrecision.Month).ToString().ShouldBe("03/1980");
        new ImportDate(new DateOnly(1980, 3, 15), DatePrecision.Day).ToString().ShouldBe("15/03/1980");
    }

    [Theory]
    [InlineData("Họ và tên", ImportField.FullName)]
    [InlineData("HỌ VÀ TÊN (1)", ImportField.FullName)]
    [InlineData("Ngày, tháng, năm sinh", ImportField.DateOfBirth)]
    [InlineData("Ngày vào Đảng", ImportField.CeremonyDate)]
    [InlineData("Số CCCD", ImportField.CitizenId)]
    [InlineData("Chi bộ", ImportField.Cell)]
    [InlineData("Số thẻ", ImportField.PartyCardNumber)]
    [InlineData("Ho va ten", ImportField.FullName)]
    public void Headers_are_compared_folded(string header, ImportField field) =>
        ImportFields.Guess(header.Normalize(System.Text.NormalizationForm.FormD), ImportKind.Members).ShouldBe(field);
}
