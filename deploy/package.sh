#!/usr/bin/env bash
# Builds SyncConsole's packages from a self-contained publish (no .NET needed on the target):
#   artifacts/packages/syncconsole_VERSION_amd64.deb, syncconsole_VERSION_arm64.deb   (dpkg-deb)
#   artifacts/packages/syncconsole-VERSION-linux-x64.tar.gz, ...-linux-arm64.tar.gz
# Usage: deploy/package.sh [--version 1.2.3] [--rid linux-x64] [--rid linux-arm64] [--formats deb,tar] [--out DIR]
#                          [--framework-dependent] [--configuration Release] [--no-build] [--deb-compression xz|gzip]
#                          [--property NAME=VALUE]
#   --framework-dependent  publish without the runtime (needs aspnetcore-runtime-10.0 on the target; small and quick:
#                          the tests use it with --configuration Debug --no-build --deb-compression gzip)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
version="1.0.0"; rids=(); formats="deb,tar"; out="$repo/artifacts/packages"; self_contained=true
configuration=Release; no_build=(); deb_compression=xz; properties=()
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="$2"; shift 2 ;;
    --rid) rids+=("$2"); shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --framework-dependent) self_contained=false; shift ;;
    --configuration) configuration="$2"; shift 2 ;;
    --no-build) no_build=(--no-build); shift ;;
    --deb-compression) deb_compression="$2"; shift 2 ;;
    --property) properties+=("-p:$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#rids[@]} -gt 0 ] || rids=(linux-x64 linux-arm64)
[[ "$version" =~ ^[0-9][A-Za-z0-9.+~-]*$ ]] || { echo "package.sh: version '$version' is not a Debian version" >&2; exit 2; }
if [[ ",$formats," == *",deb,"* ]] && ! command -v dpkg-deb >/dev/null; then
  echo "package.sh: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1
fi
mkdir -p "$out"; out="$(cd "$out" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT

for rid in "${rids[@]}"; do
  case "$rid" in
    linux-x64) arch=amd64 ;;
    linux-arm64) arch=arm64 ;;
    *) echo "package.sh: unsupported runtime identifier $rid" >&2; exit 2 ;;
  esac
  publish="$work/publish-$rid"
  args=(publish "$repo/src/Web/SyncConsole.Web.csproj" -c "$configuration" -o "$publish" -nologo -v quiet "${no_build[@]}" "${properties[@]}")
  if $self_contained; then args+=(-r "$rid" --self-contained true -p:DebugType=none);
  else args+=(--self-contained false); fi
  echo "package.sh: dotnet ${args[*]}"
  dotnet "${args[@]}"
  # Development settings and symbols are not for an installed appliance; the admin's settings live in /etc.
  rm -f "$publish"/appsettings.Development.json "$publish"/*.pdb
  chmod -R u+rwX,go+rX,go-w "$publish"

  if [[ ",$formats," == *",deb,"* ]]; then
    root="$work/deb-$rid"
    install -d "$root/DEBIAN" "$root/usr/lib/syncconsole" "$root/usr/bin" "$root/usr/lib/systemd/system" \
      "$root/etc/syncconsole" "$root/usr/share/doc/syncconsole"
    cp -a "$publish/." "$root/usr/lib/syncconsole/"
    install -m 0755 "$repo/deploy/syncconsole.sh" "$root/usr/bin/syncconsole"
    install -m 0644 "$repo/deploy/syncconsole.service" "$root/usr/lib/systemd/system/syncconsole.service"
    install -m 0644 "$repo/deploy/appsettings.etc.json" "$root/etc/syncconsole/appsettings.json"
    install -m 0644 "$repo/README.md" "$root/usr/share/doc/syncconsole/README.md"
    for script in postinst prerm postrm; do install -m 0755 "$repo/deploy/debian/$script" "$root/DEBIAN/$script"; done
    # A conffile: dpkg never overwrites the administrator's edits on upgrade (it asks, or keeps them).
    echo /etc/syncconsole/appsettings.json > "$root/DEBIAN/conffiles"
    if $self_contained; then
      depends="rsync, libc6, libgcc-s1, libstdc++6, zlib1g, libssl3 | libssl3t64, libicu72 | libicu74 | libicu76 | libicu77, ca-certificates"
    else
      depends="rsync, aspnetcore-runtime-10.0 | dotnet-runtime-10.0"
    fi
    cat > "$root/DEBIAN/control" <<CONTROL
Package: syncconsole
Version: $version
Architecture: $arch
Maintainer: SyncConsole maintainers <root@localhost>
Installed-Size: $(du -sk "$root" | cut -f1)
Depends: $depends, adduser | passwd
Recommends: openssh-client
Section: net
Priority: optional
Description: web-administered file-sync appliance (inotify + rsync)
 Watches folders with inotify and pushes the changed paths to rsync daemons or
 ssh remotes, with a web console, a fail log and schedules. A successor to
 sersync and lsyncd. Runs as the systemd service syncconsole.
CONTROL
    deb="$out/syncconsole_${version}_${arch}.deb"
    dpkg-deb --root-owner-group "-Z$deb_compression" --build "$root" "$deb" >/dev/null
    echo "package.sh: $deb"
  fi

  if [[ ",$formats," == *",tar,"* ]]; then
    name="syncconsole-$version-$rid"
    stage="$work/tar-$rid/$name"
    install -d "$stage/deploy"
    cp -a "$publish/." "$stage/"
    install -m 0644 "$repo/deploy/syncconsole.service" "$repo/deploy/appsettings.etc.json" "$stage/deploy/"
    install -m 0755 "$repo/deploy/syncconsole.sh" "$stage/deploy/"
    install -m 0644 "$repo/README.md" "$stage/"
    tar -C "$work/tar-$rid" --owner=0 --group=0 -czf "$out/$name.tar.gz" "$name"
    echo "package.sh: $out/$name.tar.gz"
  fi
done
