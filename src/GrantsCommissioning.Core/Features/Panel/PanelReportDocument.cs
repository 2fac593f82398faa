using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GrantsCommissioning.Core.Domain;
using static GrantsCommissioning.Core.Features.Panel.PanelReportText;

namespace GrantsCommissioning.Core.Features.Panel;

/// <summary>
/// Writes a quarterly Panel report as a Word document in the shape of the West Mercia reports (seeds 003 and 001):
/// numbered sections, Part 1 per objective, Part 2 by exception, Part 3 PCC activity, Appendix A objectives and
/// Appendix B the success-measures table with its RAG key (landscape).
/// </summary>
public static class PanelReportDocument
{
    private const string Green = "00B050";
    private const string Amber = "FFC000";
    private const string Red = "FF0000";
    private const string HeaderFill = "D9D9D9";
    private const string HeadlineFill = "FCE4EC";

    /// <summary>The width of the text on a portrait A4 page (twips): the page less its left and right margins.</summary>
    public const int PortraitTextWidth = 11906 - (2 * 1247);

    public static byte[] Write(PanelReportContent c)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            main.Document = new Document(body);
            doc.PackageProperties.Title = $"{Title} – {c.Period}";
            doc.PackageProperties.Creator = $"Office of the Police and Crime Commissioner for {c.PoliceArea}";

            body.Append(Para(Title, "Title"));
            body.Append(Para($"{c.PoliceArea} Police and Crime Panel – {Covers(c)}", "Subtitle"));

            body.Append(Para("1. Purpose", "Heading1"), Para(Purpose(c)));
            body.Append(Para("2. Background", "Heading1"), Para(Background(c)));
            body.Append(Para("3. Format of the report", "Heading1"), Para("This report is presented in three sections as follows:"));
            body.Append(FormatParts.Select(f => Para(f)).ToArray());

            WritePart1(body, c);
            WritePart2(body, c);
            WritePart3(body, c);

            body.Append(Para("7. Recommendations", "Heading1"), Para(RecommendationText));
            WriteAppendixA(body, c);
            body.Append(new Paragraph(new ParagraphProperties(Section(landscape: false))));
            WriteAppendixB(body, c);
            body.Append(Section(landscape: true));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static void WritePart1(Body body, PanelReportContent c)
    {
        body.Append(Para("4. Part 1 – Update on Police and Crime Plan objectives", "Heading1"));
        body.Append(Para($"The activity reported here covers the period {Date(c.PeriodStart)} to {Date(c.PeriodEnd)}. For each objective a short narrative on activity is provided, "
            + "with the grants that support it (a grant serving several objectives is shared between them in the proportions agreed at award). "
            + "Details of associated performance measures are contained within Part 2 of this report."));
        foreach (var o in c.Objectives)
        {
            body.Append(Para(o.Heading, "Heading2"));
            var paragraphs = Paragraphs(o.Narrative);
            body.Append((paragraphs.Count == 0 ? [NoNarrative] : paragraphs).Select(p => Para(p)).ToArray());
            body.Append(Para(ObjectiveGrants(o), "Emphasis"));
        }
        body.Append(Para("Grants", "Heading2"));
        body.Append(Para(GrantsSentence(c)), Para(ReleasedSentence(c)));
        if (c.Priorities is { Count: > 0 } priorities)
        {
            body.Append(Para(PrioritiesHeading, "Heading2"), Para(PrioritiesIntro));
            var table = NewTable([2400, 1100, 850, 1500, 1500, 2062]);
            table.Append(HeaderRow("National priority", "Objectives", "Grants", "Awarded (by share)", "Paid (by share)", "Success measures this quarter"));
            foreach (var p in priorities)
            {
                table.Append(new TableRow(Cell(p.Title, null), Cell(ObjectiveList(p.ObjectiveNumbers), null), Cell(p.AwardsMade.ToString(Uk), null),
                    Cell(Pounds(p.AwardedPence), null), Cell(Pounds(p.PaidPence), null), Cell(PriorityMeasures(c, p), null)));
            }
            body.Append(table);
        }
    }

    private static void WritePart2(Body body, PanelReportContent c)
    {
        body.Append(Para("5. Part 2 – Performance monitoring report", "Heading1"));
        body.Append(Para("The Police and Crime Plan contains a range of success measures that enable the PCC to monitor both the performance of the force "
            + "and the implementation of the objectives set out in the plan. Each measure has an agreed target or outcome; a number are 'headline measures'. "
            + "The measures are shown in full in Appendix B with the latest position. A 'RAG' rating has been applied to each measure as follows:"));
        body.Append(RagKey.Select(k => Para(k.Meaning)).ToArray());
        body.Append(Para(HeadlineSummary(c)), Para(OtherSummary(c)));
        var exceptions = Exceptions(c);
        body.Append(Para("Measures below the expected position (Red and Amber)", "Heading2"));
        if (exceptions.Count == 0)
        {
            body.Append(Para("No measure is rated Red or Amber this quarter."));
            return;
        }
        var table = NewTable([1250, 2900, 1300, 1100, 650, 2212]);
        table.Append(HeaderRow("Objective", "Success measure (headline measures marked *)", "Target", "Actual", "RAG", "Commentary"));
        foreach (var m in exceptions)
        {
            table.Append(MeasureRow(m, m.ObjectiveNumber.ToString(Uk), m.Comment ?? m.Footnote ?? ""));
        }
        body.Append(table);
    }

    private static void WritePart3(Body body, PanelReportContent c)
    {
        body.Append(Para("6. Part 3 – PCC activity", "Heading1"));
        body.Append(Para($"The following provides a brief outline of key PCC activity not captured in parts 1 or 2 of this report. This update relates to the period {Date(c.Period.Start)} to {Date(c.Period.End)}."));
        body.Append(Para(DecisionsSentence(c)));
        body.Append(c.Decisions.Select(d => Para(DecisionLine(d), "ListItem")).ToArray());
        body.Append(Paragraphs(c.PccActivity).Select(p => Para(p)).ToArray());
    }

    private static void WriteAppendixA(Body body, PanelReportContent c)
    {
        body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        body.Append(Para("Appendix A – Objective summary", "Heading1"));
        foreach (var aim in c.Aims)
        {
            body.Append(Para($"Aim {aim.Number} – {aim.Title}", "Heading2"));
            body.Append(c.Objectives.Where(o => o.AimNumber == aim.Number).Select(o => Para($"{o.Number}. {o.Title}", "ListItem")).ToArray());
        }
    }

    private static void WriteAppendixB(Body body, PanelReportContent c)
    {
        body.Append(Para("Appendix B – Success measures", "Heading1"));
        body.Append(Para($"Position at {Date(c.PeriodEnd)} (year to date). Headline measures are marked * and highlighted."));
        var table = NewTable([2600, 3900, 2200, 1700, 1500, 2000]);
        table.Append(HeaderRow("Objective", "Success measure (headline measures marked *)", "Overall target / outcome", "Target (year to date / previous year / other)", "Actual (year to date)", "RAG status / comment"));
        var notes = new List<string>();
        foreach (var group in c.Measures.GroupBy(m => m.ObjectiveNumber))
        {
            var objective = c.Objectives.FirstOrDefault(o => o.Number == group.Key);
            var first = true;
            foreach (var m in group)
            {
                var title = m.Footnote is null ? "" : $" [{notes.Count + 1}]";
                if (m.Footnote is not null)
                {
                    notes.Add(m.Footnote);
                }
                table.Append(AppendixRow(m, first ? $"{group.Key}. {objective?.Title}" : "", title));
                first = false;
            }
        }
        body.Append(table);
        body.Append(Para("RAG key", "Heading2"));
        body.Append(RagKey.Select(k => Para(k.Meaning)).ToArray());
        if (notes.Count > 0)
        {
            body.Append(Para("Notes", "Heading2"));
            body.Append(notes.Select((n, i) => Para($"[{i + 1}] {n}", "Note")).ToArray());
        }
    }

    private static TableRow AppendixRow(ReportMeasure m, string objective, string noteMark)
    {
        var fill = m.IsHeadline ? HeadlineFill : null;
        var ragText = string.Join(" ", new[] { RagLetter(m.Rag), m.Comment }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new TableRow(
            Cell(objective, null),
            Cell((m.IsHeadline ? m.Title + "*" : m.Title) + noteMark, fill),
            Cell(m.TargetText, fill),
            Cell(m.PeriodTarget ?? "", fill),
            Cell(m.Actual ?? "", fill),
            Cell(ragText, RagFill(m.Rag)));
    }

    private static TableRow MeasureRow(ReportMeasure m, string objective, string commentary) => new(
        Cell(objective, null),
        Cell(m.IsHeadline ? m.Title + "*" : m.Title, m.IsHeadline ? HeadlineFill : null),
        Cell(m.PeriodTarget ?? m.TargetText, null),
        Cell(m.Actual ?? "", null),
        Cell(RagLetter(m.Rag), RagFill(m.Rag)),
        Cell(commentary, null));

    private static string? RagFill(Rag? rag) => rag switch
    {
        Rag.Green => Green,
        Rag.Amber => Amber,
        Rag.Red => Red,
        _ => null,
    };

    /// <summary>A table as wide as the text (columns in twips, adding up to at most <see cref="PortraitTextWidth"/> in a portrait section, or LibreOffice and Word squeeze them and break the words).</summary>
    private static Table NewTable(int[] widths)
    {
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 }, new BottomBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 }, new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 }, new InsideVerticalBorder { Val = border, Size = 4 }),
            new TableLayout { Type = TableLayoutValues.Fixed }));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(Uk) })));
        return table;
    }

    private static TableRow HeaderRow(params string[] titles)
    {
        var row = new TableRow(new TableRowProperties(new TableHeader()));
        row.Append(titles.Select(t => Cell(t, HeaderFill, bold: true)));
        return row;
    }

    private static TableCell Cell(string text, string? fill, bool bold = false)
    {
        var props = new TableCellProperties();
        if (fill is not null)
        {
            props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
        }
        var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold)
        {
            run.PrependChild(new RunProperties(new Bold()));
        }
        return new TableCell(props, new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }), run));
    }

    private static Paragraph Para(string text, string? style = null)
    {
        var p = new Paragraph();
        if (style is not null)
        {
            p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }
        p.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    private static SectionProperties Section(bool landscape) => landscape
        ? new SectionProperties(
            new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
            new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 567, Footer = 567, Gutter = 0 })
        : new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1247, Bottom = 1247, Left = 1247, Right = 1247, Header = 567, Footer = 567, Gutter = 0 });

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" },
                    new FontSize { Val = "22" }, new Languages { Val = "en-GB" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle("Title", "Title", new RunProperties(new Bold(), new Caps(), new FontSize { Val = "32" }), outline: null, keepNext: true),
            ParagraphStyle("Subtitle", "Subtitle", new RunProperties(new FontSize { Val = "24" }, new Color { Val = "404040" })),
            ParagraphStyle("Heading1", "heading 1", new RunProperties(new Bold(), new Caps(), new FontSize { Val = "26" }), outline: 0, keepNext: true),
            ParagraphStyle("Heading2", "heading 2", new RunProperties(new Bold(), new FontSize { Val = "22" }), outline: 1, keepNext: true),
            ParagraphStyle("Emphasis", "Grant figures", new RunProperties(new Italic())),
            ParagraphStyle("ListItem", "List item", null, indent: 567),
            ParagraphStyle("Note", "Note", new RunProperties(new FontSize { Val = "18" })),
            ParagraphStyle("TableText", "Table text", new RunProperties(new FontSize { Val = "18" }), spacingAfter: "0"));
    }

    private static Style ParagraphStyle(string id, string name, RunProperties? run, int? outline = null, bool keepNext = false,
        bool isDefault = false, int? indent = null, string? spacingAfter = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = isDefault ? true : null };
        style.Append(new StyleName { Val = name });
        if (!isDefault)
        {
            style.Append(new BasedOn { Val = "Normal" });
        }
        style.Append(new PrimaryStyle());
        var para = new StyleParagraphProperties();
        if (keepNext)
        {
            para.Append(new KeepNext());
        }
        if (spacingAfter is not null || outline is not null)
        {
            para.Append(new SpacingBetweenLines { Before = outline is null ? null : "240", After = spacingAfter ?? "120" });
        }
        if (indent is not null)
        {
            para.Append(new Indentation { Left = indent.Value.ToString(Uk) });
        }
        if (outline is not null)
        {
            para.Append(new OutlineLevel { Val = outline });
        }
        style.Append(para);
        if (run is not null)
        {
            style.Append(new StyleRunProperties(run.Elements<OpenXmlElement>().Select(e => e.CloneNode(true))));
        }
        return style;
    }
}
