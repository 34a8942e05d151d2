#!/usr/bin/env bash
# Runs the whole SyncConsole test suite. Installs what the tests need (rsync, chromium, OpenSSH, systemd's systemd-analyze, python3-aiosmtpd, a CJK font, PostgreSQL) with apt when missing.
# Usage: ./test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Watcher]
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# The ssh transport tests start their own sshd on loopback (the package's system service is not started here).
[ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null 2>&1 || need+=(openssh-client)
# The unit file test runs `systemd-analyze verify` (no systemd as PID 1 needed); the package test uses dpkg-deb.
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
# The alert e-mail tests start a real SMTP server on loopback (aiosmtpd) with Debian's python3.
/usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || need+=(python3-aiosmtpd)
# The zh-CN screenshots need a CJK font (without one chromium draws boxes; the tests read the DOM either way).
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
# The PostgreSQL tests initdb and pg_ctl their own server in a temp folder (the package's system cluster is not started here).
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # openssh-server's install would start the system sshd: a temporary policy-rc.d (exit 101) forbids that.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod 755 "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || apt_status=$?
  [ -n "$policy" ] && $SUDO rm -f "$policy"
  [ "${apt_status:-0}" -eq 0 ] || exit "$apt_status"
fi

results=TestResults
rm -rf "$results"
status=0
dotnet build SyncConsole.sln -c Debug -nologo -v quiet
# One project at a time: the daemon, inotify and browser tests share 2 cores, and each TRX gets its own name.
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Debug --no-build --results-directory "$results" --logger "trx;LogFileName=$name.trx" "$@" || status=$?
done

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); passed=$((passed + ${p:-0}))
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters"); failed=$((failed + ${f:-0}))
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters"); skipped=$((skipped + ${n:-0}))
done
# The browser tests leave screenshots of every page as artifacts (the next run's rm -rf clears them).
[ -d "$results/screenshots" ] && echo "Screenshots: $results/screenshots/"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
