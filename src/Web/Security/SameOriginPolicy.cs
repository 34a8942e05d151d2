namespace SyncConsole.Web.Security;

/// <summary>
/// Decides whether a cookie-authenticated request provably comes from this site's own pages. SameSite=Lax alone
/// is not enough: "same site" includes every other web app on the same host (any port) and sibling subdomains, and
/// a WebSocket is not covered by CORS at all. Browsers tell where a request comes from: <c>Origin</c> on every
/// POST/PUT/DELETE and WebSocket, <c>Sec-Fetch-Site</c> on secure and loopback origins, <c>Referer</c> as the
/// last resort. API-key requests never reach this check (a page on another site cannot add that header without CORS).
/// </summary>
public static class SameOriginPolicy
{
    public const string FetchSiteHeader = "Sec-Fetch-Site";

    /// <summary>
    /// Null when the request may proceed; otherwise why it is refused. State-changing methods must prove their
    /// origin; reads (GET, HEAD) are refused only when they carry a foreign <c>Origin</c> (a cross-origin
    /// fetch or a WebSocket upgrade), so following a link to the app from another site keeps working.
    /// </summary>
    public static string? Refusal(HttpRequest request)
    {
        var self = OwnOrigin(request);
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
            return IsSameOrigin(origin, self) ? null : $"its Origin '{origin}' is not this site's own origin ({self})";
        if (!ChangesState(request.Method)) return null;

        var fetchSite = request.Headers[FetchSiteHeader].ToString();
        if (fetchSite.Length > 0)
            return fetchSite == "same-origin" ? null : $"the browser marks it as coming from elsewhere ({FetchSiteHeader}: {fetchSite})";
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0)
            return IsSameOrigin(referer, self) ? null : $"its Referer is not on this site's own origin ({self})";
        return "it carries neither an Origin nor a Referer header, so nothing shows that it comes from this site's own pages";
    }

    /// <summary>The request's own scheme://host:port (after forwarded headers, when those are configured).</summary>
    public static string OwnOrigin(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}";

    public static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Scheme, host and port equal (default ports implied); "null" and relative values never match.</summary>
    public static bool IsSameOrigin(string candidate, string self) =>
        Uri.TryCreate(candidate, UriKind.Absolute, out var a) && Uri.TryCreate(self, UriKind.Absolute, out var b)
        && a.Scheme is "http" or "https"
        && Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
