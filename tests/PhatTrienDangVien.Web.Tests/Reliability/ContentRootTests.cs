using PhatTrienDangVien.Web.Setup;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests.Reliability;

/// <summary>A published build works beside its executable, whatever folder it was started from (decision 0036).</summary>
public sealed class ContentRootTests
{
    [Fact]
    public void A_folder_with_its_web_files_is_the_content_root_unless_one_is_named()
    {
        var published = Directory.CreateTempSubdirectory("ptdv-published-");
        var source = Directory.CreateTempSubdirectory("ptdv-bin-");
        try
        {
            Directory.CreateDirectory(Path.Combine(published.FullName, "wwwroot"));
            ContentRoot.Published([], published.FullName).ShouldBe(published.FullName);
            ContentRoot.Published(["--urls=http://127.0.0.1:5080"], published.FullName).ShouldBe(published.FullName);
            // Run from the source (dotnet run): the build folder has no web files, the project stays the content root.
            ContentRoot.Published([], source.FullName).ShouldBeNull();
            // Named on the command line: that one.
            ContentRoot.Published(["--contentRoot=/srv/ptdv"], published.FullName).ShouldBeNull();
            ContentRoot.Published(["--contentroot", "/srv/ptdv"], published.FullName).ShouldBeNull();
        }
        finally
        {
            published.Delete(recursive: true);
            source.Delete(recursive: true);
        }
    }
}
