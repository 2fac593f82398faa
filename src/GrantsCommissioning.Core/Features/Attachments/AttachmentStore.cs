using System.Security.Cryptography;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Attachments;

public enum AttachmentOwner
{
    Application = 1,
    MonitoringReturn = 2,
    Organisation = 3,
}

public sealed record AttachmentUpload(AttachmentOwner Owner, int OwnerId, string Purpose, string FileName, Stream Content);

public sealed record StoredAttachment(int Id, string FileName, string ContentType, long SizeBytes, string Purpose, DateTimeOffset UploadedAt)
{
    /// <summary>The question or answer of the application's journal the file was sent with (see <see cref="Attachment.JournalSequence"/>).</summary>
    public int? JournalSequence { get; init; }
}

public sealed record OpenedAttachment(StoredAttachment File, string Path);

/// <summary>One document on a case page: where it came from ("The application") and the file.</summary>
public sealed record CaseDocument(string From, StoredAttachment File);

/// <summary>
/// Files applicants send with applications, returns and their organisation profile. Streamed to disk outside wwwroot
/// under a generated name (never held whole in memory), capped in size, checked by extension and by content, and
/// served only to members of the owning organisation and to staff who may see the case (<see cref="Cases.CaseAccess"/>).
/// </summary>
public sealed class AttachmentStore(IDbContextFactory<GrantsDbContext> factory, IOptions<AttachmentOptions> options, DataPaths paths, TimeProvider clock,
    WorkflowRegistry registry)
{
    private const int HeadBytes = 8192;

    public string Folder => Path.GetFullPath(Path.Combine(paths.DataDirectory, options.Value.StoragePath));

    public long MaxBytes => options.Value.MaxBytes;

    public string TooLargeMessage => $"The selected file must be smaller than {DescribeSize(MaxBytes)}.";

    /// <summary>A size as people read it: "340 KB", "1.5 MB", "10 MB".</summary>
    public static string DescribeSize(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, bytes / 1024)} KB"
        : (bytes / (1024d * 1024d)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    public async Task<FeatureResult<StoredAttachment>> SaveAsync(AttachmentUpload upload, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(actor);
        var name = Path.GetFileName(upload.FileName ?? "").Trim();
        if (name.Length == 0)
        {
            return Fail("Choose a file to upload.");
        }
        if (name.Length > 200)
        {
            return Fail("The file name must be 200 characters or fewer.");
        }
        if (FileSniffer.ByExtension(name) is not { } kind)
        {
            return Fail($"The file must be a {FileSniffer.AllowedList}.");
        }
        if (!await MayChangeAsync(upload.Owner, upload.OwnerId, upload.Purpose, actor, ct))
        {
            return Fail("You cannot add files to this record.");
        }

        Directory.CreateDirectory(Folder);
        var storedName = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Folder, storedName);
        var written = await CopyAsync(upload.Content, path, ct);
        if (written.Error is { } error)
        {
            File.Delete(path);
            return Fail(error);
        }
        if (!FileSniffer.Matches(kind, written.Head))
        {
            File.Delete(path);
            return Fail($"The file's contents are not a {kind.Description}, although its name ends {kind.Extension}.");
        }

        var attachment = new Attachment
        {
            Purpose = upload.Purpose, FileName = name, ContentType = kind.ContentType, SizeBytes = written.Size, StoredName = storedName,
            Sha256 = written.Sha256, UploadedByUserId = actor.UserId, UploadedAt = clock.GetUtcNow(),
        };
        _ = upload.Owner switch
        {
            AttachmentOwner.Application => attachment.ApplicationId = upload.OwnerId,
            AttachmentOwner.MonitoringReturn => attachment.MonitoringReturnId = upload.OwnerId,
            AttachmentOwner.Organisation => attachment.OrganisationId = upload.OwnerId,
        };
        try
        {
            var db = await factory.CreateDbContextAsync(ct);
            await using (db)
            {
                if (attachment.ApplicationId is { } applicationId && attachment.Purpose == Applications.InformationRequests.Purpose)
                {
                    attachment.JournalSequence = (await Applications.InformationRequests.OpenQuestionAsync(db, registry, applicationId, ct))?.Sequence;
                }
                db.Attachments.Add(attachment);
                await db.SaveChangesAsync(ct);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return FeatureResult<StoredAttachment>.Ok(ToStored(attachment));
    }

    public async Task<IReadOnlyList<StoredAttachment>> ListAsync(AttachmentOwner owner, int ownerId, Actor actor, CancellationToken ct = default)
    {
        if (!await MaySeeAsync(owner, ownerId, actor, ct))
        {
            return [];
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = await OwnedBy(db.Attachments.AsNoTracking(), owner, ownerId).OrderBy(a => a.UploadedAt).ToListAsync(ct);
            return rows.Select(ToStored).ToList();
        }
    }

    /// <summary>
    /// A case's documents as the staff case page lists them (and its download): the application's own, then its
    /// organisation's profile's, each list only where this person may see it.
    /// </summary>
    public async Task<IReadOnlyList<CaseDocument>> CaseDocumentsAsync(int applicationId, int organisationId, Actor actor, CancellationToken ct = default)
    {
        var application = await ListAsync(AttachmentOwner.Application, applicationId, actor, ct);
        var organisation = await ListAsync(AttachmentOwner.Organisation, organisationId, actor, ct);
        return [.. application.Select(f => new CaseDocument("The application", f)), .. organisation.Select(f => new CaseDocument("The organisation's profile", f))];
    }

    /// <summary>The file for download, or null when it does not exist or this person may not see it (so existence is not revealed).</summary>
    public async Task<OpenedAttachment?> OpenAsync(int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null || !await MaySeeAsync(OwnerOf(a).Owner, OwnerOf(a).Id, actor, ct))
            {
                return null;
            }
            var path = Path.Combine(Folder, a.StoredName);
            return File.Exists(path) ? new OpenedAttachment(ToStored(a), path) : null;
        }
    }

    public async Task<FeatureResult<bool>> DeleteAsync(int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var a = await db.Attachments.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null || !await MayChangeAsync(OwnerOf(a).Owner, OwnerOf(a).Id, a.Purpose, actor, ct) || await SentAlreadyAsync(db, a, actor, ct))
            {
                return FeatureResult<bool>.Fail(new FileNotRemovable());
            }
            db.Attachments.Remove(a);
            await db.SaveChangesAsync(ct);
            File.Delete(Path.Combine(Folder, a.StoredName));
            return FeatureResult<bool>.Ok(true);
        }
    }

    /// <summary>A file the applicant sent for an earlier question or with an answer: theirs to remove only while its own question is open.</summary>
    private async Task<bool> SentAlreadyAsync(GrantsDbContext db, Attachment a, Actor actor, CancellationToken ct) =>
        a.ApplicationId is { } applicationId && a.Purpose == Applications.InformationRequests.Purpose && !actor.IsInRole(Roles.GrantsOfficer)
        && a.JournalSequence != (await Applications.InformationRequests.OpenQuestionAsync(db, registry, applicationId, ct))?.Sequence;

    private async Task<(long Size, byte[] Head, string Sha256, string? Error)> CopyAsync(Stream content, string path, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new MemoryStream();
        var buffer = new byte[81920];
        long size = 0;
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file)
        {
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > MaxBytes)
                {
                    return (size, [], "", TooLargeMessage);
                }
                if (head.Length < HeadBytes)
                {
                    head.Write(buffer, 0, (int)Math.Min(read, HeadBytes - head.Length));
                }
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
            await file.FlushAsync(ct);
        }
        return size == 0
            ? (0, [], "", "The file is empty.")
            : (size, head.ToArray(), Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), null);
    }

    private async Task<bool> MaySeeAsync(AttachmentOwner owner, int ownerId, Actor actor, CancellationToken ct)
    {
        if (Cases.CaseAccess.WorksOnEveryCase(actor))
        {
            return true;
        }
        if (owner == AttachmentOwner.Application && actor.IsInRole(Roles.Assessor))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            if (await Cases.CaseAccess.MaySeeApplicationAsync(db, ownerId, actor, ct))
            {
                return true;
            }
        }
        return await IsMemberAsync(owner, ownerId, actor, ct);
    }

    /// <summary>
    /// Members change an application's files while it is a draft; while a question from the grants team is open
    /// (<see cref="Applications.InformationRequests.OpenQuestionAsync"/>) they may add (and remove) only files sent for it
    /// (<see cref="Applications.InformationRequests.Purpose"/>), never what was submitted.
    /// </summary>
    private async Task<bool> MayChangeAsync(AttachmentOwner owner, int ownerId, string purpose, Actor actor, CancellationToken ct)
    {
        if (owner == AttachmentOwner.Application && actor.IsInRole(Roles.GrantsOfficer))
        {
            return true;
        }
        if (!await IsMemberAsync(owner, ownerId, actor, ct))
        {
            return false;
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return owner switch
            {
                AttachmentOwner.Application => await db.Applications.AnyAsync(a => a.Id == ownerId && a.State == ApplicationStates.Draft, ct)
                    || (purpose == Applications.InformationRequests.Purpose
                        && await Applications.InformationRequests.OpenQuestionAsync(db, registry, ownerId, ct) is not null),
                AttachmentOwner.MonitoringReturn => await db.Returns.AnyAsync(r => r.Id == ownerId
                    && (r.State == ReturnStates.Due || r.State == ReturnStates.Overdue || r.State == ReturnStates.Queried), ct),
                AttachmentOwner.Organisation => true,
            };
        }
    }

    private async Task<bool> IsMemberAsync(AttachmentOwner owner, int ownerId, Actor actor, CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var organisationId = owner switch
            {
                AttachmentOwner.Application => await db.Applications.Where(a => a.Id == ownerId).Select(a => (int?)a.OrganisationId).FirstOrDefaultAsync(ct),
                AttachmentOwner.MonitoringReturn => await db.Returns.Where(r => r.Id == ownerId).Select(r => (int?)r.Award!.OrganisationId).FirstOrDefaultAsync(ct),
                AttachmentOwner.Organisation => ownerId,
            };
            return organisationId is { } orgId
                && await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == orgId && m.UserId == actor.UserId, ct);
        }
    }

    private static IQueryable<Attachment> OwnedBy(IQueryable<Attachment> q, AttachmentOwner owner, int id) => owner switch
    {
        AttachmentOwner.Application => q.Where(a => a.ApplicationId == id),
        AttachmentOwner.MonitoringReturn => q.Where(a => a.MonitoringReturnId == id),
        AttachmentOwner.Organisation => q.Where(a => a.OrganisationId == id),
    };

    private static (AttachmentOwner Owner, int Id) OwnerOf(Attachment a) =>
        a.ApplicationId is { } app ? (AttachmentOwner.Application, app)
        : a.MonitoringReturnId is { } ret ? (AttachmentOwner.MonitoringReturn, ret)
        : (AttachmentOwner.Organisation, a.OrganisationId ?? 0);

    internal static StoredAttachment ToStored(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.Purpose, a.UploadedAt)
    {
        JournalSequence = a.JournalSequence,
    };

    private static FeatureResult<StoredAttachment> Fail(string message) => FeatureResult<StoredAttachment>.Fail(new Refused(message, "File"));
}
