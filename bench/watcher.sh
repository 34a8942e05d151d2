#!/usr/bin/env bash
# Watcher benchmark: watch setup time and RSS for 100 000 directories, events/s sustained.
# Usage: bench/watcher.sh [--dirs N] [--seconds S] [--root DIR]
set -euo pipefail
cd "$(dirname "$0")/.."

# 100 000 directories need 100 000 watches, plus whatever else this user watches. Raise the limit only when it
# is too low (needs root); tests never do this.
need=150000
current=$(cat /proc/sys/fs/inotify/max_user_watches)
if [ "$current" -lt "$need" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "raising fs.inotify.max_user_watches from $current to 524288 for the benchmark"
    echo 524288 > /proc/sys/fs/inotify/max_user_watches
  else
    echo "warning: fs.inotify.max_user_watches=$current is below $need; expect a WatchLimitReached signal" >&2
  fi
fi

dotnet build bench/SyncConsole.Bench -c Release -nologo -v quiet
dotnet bench/SyncConsole.Bench/bin/Release/net10.0/SyncConsole.Bench.dll watcher "$@"
