using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace SyncConsole.Web.Security;

/// <summary>
/// Applies an endpoint's <see cref="IRequestSizeLimitMetadata"/> before its body is read: a declared length over the
/// limit is a 413 problem at once, and the server's own cap (Kestrel's) is lowered to it for bodies sent without a
/// length. JSON endpoints would otherwise buffer and store whatever arrives (a 24 MB job was accepted).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    /// <summary>Bodies of the JSON API (jobs, remotes, plugins): far above any real job, far below harm.</summary>
    public const long JsonBodyLimit = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize is { } limit)
        {
            if (context.Request.ContentLength > limit)
            {
                await Results.Problem(new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The body has {context.Request.ContentLength} bytes; this endpoint takes at most {limit}.",
                }).ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature
                && (feature.MaxRequestBodySize is null || feature.MaxRequestBodySize > limit))
                feature.MaxRequestBodySize = limit;
            // A body without a declared length (chunked) is counted as it is read, on any server.
            if (context.Request.ContentLength is null) context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
        await next(context);
    }
}

/// <summary>Reads through to the inner stream and fails with a 413 once more than the limit has been read.</summary>
internal sealed class LimitedReadStream(Stream inner, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        read += n;
        if (read > limit) throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
