namespace PhatTrienDangVien.Core.Common;

/// <summary>
/// Every record belongs to one commune so that one installation can serve a whole province;
/// <see cref="Version"/> is the optimistic-concurrency token (an integer works the same on SQLite and PostgreSQL).
/// </summary>
public abstract class CommuneEntity
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// A record with columns computed from others (folded names for accent-free search, sort keys); the database
/// context calls <see cref="ComputeDerived"/> on every save, so no page or import assigns them by hand.
/// </summary>
public interface IHasDerivedColumns
{
    void ComputeDerived();
}

/// <summary>A user's mistake or a rule that forbids an action; the message is Vietnamese and shown as it is.</summary>
public class DomainException : Exception
{
    public DomainException(string message, string? rule = null, string? citation = null) : base(message)
    {
        Rule = rule;
        Citation = citation;
    }

    public DomainException() { }
    public DomainException(string message) : base(message) { }
    public DomainException(string message, Exception innerException) : base(message, innerException) { }

    public string? Rule { get; }
    public string? Citation { get; }
}
