# SyncConsole appliance: build with the .NET SDK, run on the ASP.NET Core runtime image plus rsync.
#   docker build -t syncconsole .
#   docker run -p 127.0.0.1:5080:5080 -v syncconsole-data:/data -v /srv/www:/watched:ro syncconsole

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/Engine/SyncConsole.Engine.csproj src/Engine/
COPY src/Data/SyncConsole.Data.csproj src/Data/
COPY src/Data.Postgres/SyncConsole.Data.Postgres.csproj src/Data.Postgres/
COPY src/Web/SyncConsole.Web.csproj src/Web/
RUN dotnet restore src/Web/SyncConsole.Web.csproj
COPY appsettings*.json ./
COPY wwwroot/ wwwroot/
COPY src/ src/
RUN dotnet publish src/Web/SyncConsole.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# rsync does the delivering; openssh-client is for remotes that use the ssh transport.
RUN apt-get update \
 && apt-get install -y --no-install-recommends rsync openssh-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# /data belongs to the image's non-root user "app" (uid 1654), so `--user app` works with a named volume too.
RUN mkdir -p /data && chown app:app /data && chmod 0700 /data
# Listen on all interfaces inside the container; publish the port on 127.0.0.1 or behind a proxy.
ENV ASPNETCORE_URLS=http://0.0.0.0:5080 \
    SyncConsole__DataDirectory=/data \
    DOTNET_NOLOGO=1
VOLUME /data
EXPOSE 5080
# The image has no curl: the app's own `healthcheck` command asks /healthz (exit 0 healthy, 1 not).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "SyncConsole.Web.dll", "healthcheck"]
# Runs as root by default: it must read whatever is in the watched folders. If they are readable by uid 1654, run
# non-root with `docker run --user app` (compose: `user: app`); a bind-mounted /data must then belong to 1654.
ENTRYPOINT ["dotnet", "SyncConsole.Web.dll"]
