using System.Reflection;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace GrantsCommissioning.Web.Components.Shared;

public sealed partial class FormErrorSummary
{
    [CascadingParameter]
    private EditContext? EditContext { get; set; }

    /// <summary>Messages keyed by the model's property name, added after the data-annotation ones.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? Extra { get; set; }

    private EditContext? subscribed;

    // The summary is rendered before the form is submitted and takes no parameters that change when it is, so it
    // re-renders itself when validation runs (as Blazor's ValidationSummary does).
    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(subscribed, EditContext))
        {
            Unsubscribe();
            subscribed = EditContext;
            if (subscribed is not null)
            {
                subscribed.OnValidationStateChanged += OnValidationStateChanged;
            }
        }
    }

    private void OnValidationStateChanged(object? sender, ValidationStateChangedEventArgs e) => StateHasChanged();

    private void Unsubscribe()
    {
        if (subscribed is not null)
        {
            subscribed.OnValidationStateChanged -= OnValidationStateChanged;
            subscribed = null;
        }
    }

    public void Dispose() => Unsubscribe();

    private Dictionary<string, string> Collect()
    {
        var errors = new Dictionary<string, string>();
        if (EditContext is { } context)
        {
            foreach (var property in context.Model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (context.GetValidationMessages(new FieldIdentifier(context.Model, property.Name)).FirstOrDefault() is { } message)
                {
                    errors[property.Name] = message;
                }
            }
        }
        foreach (var (key, message) in Extra ?? FieldIds.None)
        {
            errors.TryAdd(key, message);
        }
        return errors;
    }
}
