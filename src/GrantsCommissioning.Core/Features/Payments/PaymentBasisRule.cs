using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Awards;

namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// The payment basis an award's schedule actually has: in advance when money is due on or before the project starts
/// (ahead of any spend), otherwise in arrears. An advance carries its justification, as Managing Public Money asks.
/// </summary>
public static class PaymentBasisRule
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static (PaymentBasis Basis, string? Justification) For(IReadOnlyList<Instalment> schedule, DateOnly start)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var ahead = schedule.Where(i => i.Due <= start).ToList();
        if (ahead.Count == 0)
        {
            return (PaymentBasis.Arrears, null);
        }
        var total = Money.Sum(schedule.Select(i => i.Amount));
        var upfront = Money.Sum(ahead.Select(i => i.Amount));
        var percent = total.Pence == 0 ? 0 : upfront.Pence * 100 / total.Pence;
        return (PaymentBasis.Advance,
            $"{upfront} ({percent}% of the award) is paid on acceptance, {ahead[0].Due.ToString("d MMMM yyyy", Uk)}, so the project can start; the rest follows the schedule.");
    }
}
