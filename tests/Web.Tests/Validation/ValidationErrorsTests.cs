using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Tests.Validation;

/// <summary>The field-error collector behind the job, remote and plugin validators.</summary>
public sealed class ValidationErrorsTests
{
    [Fact]
    public void ToDictionary_SeveralMessagesForOneField_KeepsThemAllInOrderUnderThatField()
    {
        var errors = new ValidationErrors();
        Assert.True(errors.IsEmpty);

        errors.Add("host", "A host is required.");
        errors.Add("name", "A name is required.");
        errors.Add("host", "The host must not start with '-'.");

        Assert.False(errors.IsEmpty);
        Assert.Equal(["host", "name"], errors.Fields);
        var result = errors.ToDictionary();
        Assert.Equal(["A host is required.", "The host must not start with '-'."], result["host"]);
        Assert.Equal(["A name is required."], result["name"]);
    }
}
