# Sourced by the bench scripts: from the repository root, installs rsync and lsyncd with apt when missing,
# makes bench/results and builds the bench in Release.
need=()
command -v rsync >/dev/null 2>&1 || need+=(rsync)
command -v lsyncd >/dev/null 2>&1 || need+=(lsyncd)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
mkdir -p bench/results
dotnet build bench/SyncConsole.Bench -c Release -nologo -v quiet
