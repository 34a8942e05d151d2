using Microsoft.AspNetCore.Http.HttpResults;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Notifications;

namespace SyncConsole.Web.Api;

/// <summary>Alert channels (e-mail, webhooks), the alert rules, the incidents they opened, and a test send per channel.</summary>
public static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/notifications").RequireAuthorization()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Security.RequestBodyLimitMiddleware.JsonBodyLimit)).WithTags("Notifications");

        group.MapGet("/channels", async (NotificationStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)));

        group.MapGet("/channels/{id:int}", async Task<Results<Ok<NotificationChannelResponse>, NotFound>> (int id, NotificationStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } channel ? TypedResults.Ok(channel) : TypedResults.NotFound());

        group.MapPost("/channels", async Task<Results<Created<NotificationChannelResponse>, ValidationProblem>> (
            NotificationChannelRequest request, NotificationStore store, CancellationToken ct) =>
        {
            var result = await store.CreateAsync(request, ct);
            return result.Errors is not null
                ? TypedResults.ValidationProblem(result.Errors)
                : TypedResults.Created($"/api/notifications/channels/{result.Value!.Id}", result.Value);
        });

        group.MapPut("/channels/{id:int}", async Task<Results<Ok<NotificationChannelResponse>, NotFound, ValidationProblem>> (
            int id, NotificationChannelRequest request, NotificationStore store, CancellationToken ct) =>
        {
            var result = await store.UpdateAsync(id, request, ct);
            if (result.NotFound) return TypedResults.NotFound();
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        group.MapDelete("/channels/{id:int}", async Task<Results<NoContent, NotFound>> (int id, NotificationStore store, CancellationToken ct) =>
            await store.DeleteAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound());

        // Sends one test message now (enabled or not, outside the rate limit) and says what happened.
        group.MapPost("/channels/{id:int}/test", async Task<Results<Ok<ChannelTestResponse>, NotFound>> (
            int id, NotificationStore store, NotificationDispatcher dispatcher, CancellationToken ct) =>
        {
            if ((await store.LoadForSendingAsync(id, ct)).SingleOrDefault() is not { } channel) return TypedResults.NotFound();
            var error = await dispatcher.TestAsync(channel, ct);
            return TypedResults.Ok(error is null ? new ChannelTestResponse(true, $"Sent to '{channel.Name}'.") : new ChannelTestResponse(false, error));
        });

        group.MapGet("/rules", async (NotificationStore store, CancellationToken ct) => TypedResults.Ok(NotificationStore.ToDtos(await store.LoadRulesAsync(ct))));

        group.MapPut("/rules", async Task<Results<Ok<IReadOnlyList<AlertRuleDto>>, ValidationProblem>> (
            IReadOnlyList<AlertRuleDto> rules, NotificationStore store, CancellationToken ct) =>
        {
            var result = await store.SaveRulesAsync(rules, ct);
            return result.Errors is not null ? TypedResults.ValidationProblem(result.Errors) : TypedResults.Ok(result.Value!);
        });

        group.MapGet("/incidents", async (NotificationStore store, bool? open, CancellationToken ct) =>
            TypedResults.Ok(await store.IncidentsAsync(open ?? false, 200, ct)));

        return endpoints;
    }
}
