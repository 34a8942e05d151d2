#!/usr/bin/env bash
# Live-sync benchmark: SyncConsole's engine and lsyncd against one loopback rsync daemon, each reported as a ratio
# to the floor, one plain `rsync -a --delete` of the final tree. Installs rsync and lsyncd with apt when missing.
# Usage: bench/sync.sh [--quick] [--only single|burst|sparse|rename] [--trials N] [--lsyncd-delay 0.1] [--no-agent] [--no-lsyncd]
#        [--host-env KEY=VALUE]... (a runtime knob for the whole host, which runs as `dotnet SyncConsole.Web.dll`)
# CPU is counted twice, the same way for both tools: utime+stime of the tool plus cutime+cstime of its reaped rsync
# children from /proc/PID/stat, and (as root with cgroup v1) the tool's own cpuacct group.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v lsyncd >/dev/null 2>&1 || need+=(lsyncd)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

mkdir -p bench/results
dotnet build bench/SyncConsole.Bench -c Release -nologo -v quiet
# The whole host too (web, API, SQLite, SignalR and the engine), as `dotnet SyncConsole.Web.dll` runs it.
dotnet build src/Web -c Release -nologo -v quiet
dotnet bench/SyncConsole.Bench/bin/Release/net10.0/SyncConsole.Bench.dll sync --host "$PWD/src/Web/bin/Release/net10.0/SyncConsole.Web.dll" \
  --out "bench/results/sync-$(date -u +%Y%m%d-%H%M).md" "$@"
