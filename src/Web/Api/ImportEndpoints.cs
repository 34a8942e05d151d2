using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Import;

namespace SyncConsole.Web.Api;

/// <summary>sersync migration: upload a confxml.xml as a job (or only see what it would be), download a job as one.</summary>
public static class ImportEndpoints
{
    public const string FileField = "file";
    public const string WarningCountHeader = "X-SyncConsole-Export-Warnings";

    /// <summary>The file's own cap (1 MiB, as <see cref="ConfxmlReader.DefaultMaxBytes"/>) plus room for the multipart framing.</summary>
    private const long MaxRequestBytes = ConfxmlReader.DefaultMaxBytes + 64 * 1024;

    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/import/confxml", ImportAsync)
            .RequireAuthorization().WithTags("Import")
            // Kestrel refuses bigger bodies before they are read; the checks below cover servers without that feature.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        endpoints.MapGet("/api/jobs/{id:int}/export", ExportAsync).RequireAuthorization().WithTags("Import");
        return endpoints;
    }

    private static async Task<Results<Ok<ConfxmlImportResponse>, Created<ConfxmlImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, bool? dryRun, string? name, [FromQuery] string[]? destination, ConfxmlImportService service, CancellationToken ct)
    {
        if (request.ContentLength > MaxRequestBytes)
            return TooLarge(request.ContentLength.Value);
        if (!request.HasFormContentType)
            return Problem(StatusCodes.Status400BadRequest, "No file", $"Send multipart/form-data with the confxml.xml in the field \"{FileField}\".");

        IFormCollection form;
        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null);
        }

        if (form.Files.GetFile(FileField) is not { } file)
            return Problem(StatusCodes.Status400BadRequest, "No file", $"The form has no file in the field \"{FileField}\".");
        if (file.Length > ConfxmlReader.DefaultMaxBytes)
            return TooLarge(file.Length);

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
            await stream.ReadExactlyAsync(content, ct);

        var result = await service.ImportAsync(content, name, dryRun ?? false, PasswordFileAccess.AllowedDirectoriesOnly, ct, destination);
        var response = ImportReportMapper.ToImportResponse(result);
        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The confxml.xml cannot be imported",
                detail: ImportReportMapper.ErrorText(result.Report),
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = response.Report.Items.Where(i => i.Severity == ImportSeverity.Error).ToList(),
                    ["report"] = response.Report,
                });
        }
        return result.JobId is { } id
            ? TypedResults.Created($"/api/jobs/{id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<FileContentHttpResult, Ok<ConfxmlExportResponse>, NotFound, ProblemHttpResult>> ExportAsync(
        int id, string? format, bool? includeCdnPassword, HttpResponse http, ConfxmlExportService service, CancellationToken ct)
    {
        var (export, problem, jobName) = await service.ExportAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), includeCdnPassword ?? false, ct);
        if (export is null)
        {
            return problem!.StartsWith("no job", StringComparison.Ordinal)
                ? TypedResults.NotFound()
                : Problem(StatusCodes.Status409Conflict, "The job cannot be exported", problem);
        }
        var fileName = ConfxmlExportService.FileName(jobName);
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
            return TypedResults.Ok(new ConfxmlExportResponse(fileName, export.Xml, export.Warnings));
        // Warnings are free text (not header-safe); the count says whether to ask for ?format=json.
        http.Headers[WarningCountHeader] = export.Warnings.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(export.ToBytes(), "application/xml", fileName);
    }

    private static ProblemHttpResult TooLarge(long? bytes) => Problem(
        StatusCodes.Status413PayloadTooLarge, "The file is too large",
        $"{(bytes is null ? "The upload" : $"The upload ({bytes} bytes)")} is over the {ConfxmlReader.DefaultMaxBytes}-byte (1 MiB) limit; a sersync confxml.xml is a few KiB.");

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
