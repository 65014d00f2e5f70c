namespace PhatTrienDangVien.Core.Reference;

/// <summary>Sex as recorded on the citizen identity card (Giới tính: Nam / Nữ).</summary>
public enum Gender
{
    /// <summary>Nam.</summary>
    Male,

    /// <summary>Nữ.</summary>
    Female,
}
