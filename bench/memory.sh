#!/usr/bin/env bash
# Memory benchmark: RSS of a whole running job (watcher + coalescer + remote worker, against a loopback rsync daemon)
# on an empty folder and on 100 000 folders, next to lsyncd on the same trees. RSS is what `ps` shows: no forced GC.
# Usage: bench/memory.sh [--dirs N] [--gc both|workstation|server] [--env DOTNET_X=Y]... [--no-lsyncd]
#   The agent runs under the workstation GC (as the bench is built) and the server GC (as the web host runs);
#   --env adds a runtime knob for the agent only, e.g. --env DOTNET_GCgen0size=0x400000.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v lsyncd >/dev/null 2>&1 || echo "lsyncd is not installed: run with --no-lsyncd or install it (bench/sync.sh does)" >&2

# Both tools need one watch per folder at once (they run one after the other), plus whatever else this user watches.
need=150000
current=$(cat /proc/sys/fs/inotify/max_user_watches)
if [ "$current" -lt "$need" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "raising fs.inotify.max_user_watches from $current to 524288 for this run (sysctl -w; not persisted)"
    sysctl -qw fs.inotify.max_user_watches=524288
  else
    echo "fs.inotify.max_user_watches=$current is below $need: 100 000 folders will not all be watched." >&2
    echo "Run as root, or first: sudo sysctl -w fs.inotify.max_user_watches=524288" >&2
    exit 1
  fi
fi

mkdir -p bench/results
dotnet build bench/SyncConsole.Bench -c Release -nologo -v quiet
dotnet bench/SyncConsole.Bench/bin/Release/net10.0/SyncConsole.Bench.dll memory --out "bench/results/memory-$(date -u +%Y%m%d-%H%M%S).md" "$@"
