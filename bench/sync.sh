#!/usr/bin/env bash
# Live-sync benchmark: SyncConsole's engine and lsyncd against one loopback rsync daemon, each reported as a ratio
# to the floor, one plain `rsync -a --delete` of the final tree. Installs rsync and lsyncd with apt when missing.
# Usage: bench/sync.sh [--quick] [--only single|burst|sparse|rename] [--trials N] [--lsyncd-delay 0.1] [--no-agent] [--no-lsyncd]
#        [--host-env KEY=VALUE]... (a runtime knob for the whole host, which runs as `dotnet SyncConsole.Web.dll`)
# CPU is counted twice, the same way for both tools: utime+stime of the tool plus cutime+cstime of its reaped rsync
# children from /proc/PID/stat, and (as root with cgroup v1) the tool's own cpuacct group.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/prepare.sh
# The whole host too (web, API, SQLite, SignalR and the engine), as `dotnet SyncConsole.Web.dll` runs it.
dotnet build src/Web -c Release -nologo -v quiet
dotnet bench/SyncConsole.Bench/bin/Release/net10.0/SyncConsole.Bench.dll sync --host "$PWD/src/Web/bin/Release/net10.0/SyncConsole.Web.dll" \
  --out "bench/results/sync-$(date -u +%Y%m%d-%H%M).md" "$@"
