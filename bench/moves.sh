#!/usr/bin/env bash
# Moves benchmark: a delivered 200 MiB folder renamed plus a 50 MiB file moved into another folder, per step;
# SyncConsole's engine, lsyncd and the floor (one plain `rsync -a --delete`) against one loopback rsync daemon.
# Reports the bytes the daemon received per step (from its log, the same count for every tool) and the latency.
# Usage: bench/moves.sh [--trials N] [--folder-mib 200] [--file-mib 50] [--lsyncd-delay 0.1]
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/prepare.sh
dotnet bench/SyncConsole.Bench/bin/Release/net10.0/SyncConsole.Bench.dll moves --out "bench/results/moves-$(date -u +%Y%m%d-%H%M).md" "$@"
