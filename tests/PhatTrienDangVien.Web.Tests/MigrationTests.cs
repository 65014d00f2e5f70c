using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests;

/// <summary>Both engines keep their own migration set; a model change without a migration for either fails here.</summary>
public class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run: dotnet ef migrations add <Name> --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost").Options);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run: dotnet ef migrations add <Name> --context PostgresAppDbContext --output-dir Data/Migrations/Postgres");
        db.Database.GetMigrations().ShouldNotBeEmpty();
    }
}
