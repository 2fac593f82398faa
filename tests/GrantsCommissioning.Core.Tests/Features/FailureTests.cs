using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Organisations;

namespace GrantsCommissioning.Core.Tests.Features;

/// <summary>Every failure a user can cause is a record with its message in one place, and a failed result carries it.</summary>
public class FailureTests
{
    public static TheoryData<Type> FailureTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Failure).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Failure)) && !t.IsAbstract))
        {
            data.Add(type);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FailureTypes))]
    public void EveryFailure_HasAMessage(Type type)
    {
        // The record's constructor, with a plain value for each fact it carries.
        var constructor = type.GetConstructors().Single();
        var arguments = constructor.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(string) => "a fact",
            var t when t == typeof(DateTimeOffset) => (object)new DateTimeOffset(2026, 3, 31, 23, 0, 0, TimeSpan.Zero),
            var t when t == typeof(bool) => false,
            var t when t == typeof(int) => 2,
            var t when t == typeof(GrantsCommissioning.Core.Domain.Money) => new GrantsCommissioning.Core.Domain.Money(420_000),
            var t when t == typeof(DateOnly) => new DateOnly(2014, 3, 31),
            var t when t.IsEnum => Enum.GetValues(t).GetValue(0)!,
            var t when t == typeof(IReadOnlyList<string>) => new[] { "Row 3: enter the actual." },
            var t => throw new InvalidOperationException($"{type.Name} carries a {t.Name}: add a sample value here."),
        }).ToArray();
        var failure = (Failure)constructor.Invoke(arguments);

        var message = Failures.Message(failure);

        Assert.False(string.IsNullOrWhiteSpace(message), $"{type.Name} has an empty message");
    }

    [Fact]
    public void FailedResult_CarriesTheFailureAndShowsItsMessageAgainstItsField()
    {
        var result = FeatureResult<int>.Fail(new AlreadyMember("sam@example.org"));

        Assert.False(result.Succeeded);
        Assert.IsType<AlreadyMember>(result.Failure);
        Assert.Equal("sam@example.org is already a member or has already been invited.", result.Errors["Email"]);
    }

    [Theory]
    [InlineData("RegisteredCharity", "", "CharityNumber", "Enter the charity number: a registered charity or CIO has one.")]
    [InlineData("RegisteredCharity", "12", "CharityNumber", "Enter a charity number of 6 or 7 digits, like 1150074.")]
    [InlineData("CommunityGroup", "12", "CharityNumber", "Enter a charity number of 6 or 7 digits, like 1150074.")]
    [InlineData("7", "", "Type", "Select the type of organisation.")]
    public void OrganisationValidator_WordsEachFieldAsTheFormShowsIt(string type, string charity, string field, string message)
    {
        var input = new OrganisationInput
        {
            Name = "Ledbury Community Watch", Type = type, CharityNumber = charity, AddressLine1 = "1 High Street", Town = "Ledbury",
            Postcode = "HR8 1AA", AreaServed = "Herefordshire",
        };

        var result = new OrganisationInputValidator().Validate(input);

        var error = Assert.Single(result.Errors);
        Assert.Equal((field, message), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void OrganisationValidator_CommunityGroupWithNoNumbers_IsValid()
    {
        var input = new OrganisationInput
        {
            Name = "Ledbury Community Watch", Type = "CommunityGroup", AddressLine1 = "1 High Street", Town = "Ledbury",
            Postcode = "hr8 1aa", AreaServed = "Herefordshire",
        };

        Assert.True(new OrganisationInputValidator().Validate(input).IsValid);
    }
}
