#!/bin/sh
# Installs the Debian packages Tiltas needs to build, run and test, and only
# those that are missing (dpkg-query first; apt-get update only when
# something must be installed). Usage: scripts/install-deps.sh [build|test]
set -eu

profile=${1:-build}

# Build and run: compiler, build tools and the libraries of ../shared/STYLE.md.
packages="g++ make cmake pkg-config python3 curl ca-certificates sqlite3
  libsqlite3-dev libicu-dev libsodium-dev libstemmer-dev libcld2-dev
  librestinio-dev libasio-dev libhttp-parser-dev nlohmann-json3-dev
  libfmt-dev libspdlog-dev libcli11-dev libexpected-dev libhowardhinnant-date-dev
  libgumbo-dev libpoppler-cpp-dev libpugixml-dev libkainjow-mustache-dev libxlsxwriter-dev zlib1g-dev
  libpq-dev libxapian-dev libgtest-dev libgmock-dev libbenchmark-dev"

# node and npm bundle the portal's script (web/js, esbuild) at build time.
# They count as present whatever package brought them: a machine whose nodejs
# comes with its own npm (and conflicts with Debian's npm package) must not
# be asked to install Debian's.
command -v node >/dev/null 2>&1 || packages="$packages nodejs"
command -v npm >/dev/null 2>&1 || packages="$packages npm"

# Tests also need: schema validation (xmllint for IATI, jsonschema for
# 360Giving), LibreOffice to read XLSX back, the fuzzing compiler and runtime,
# a PostgreSQL 15 server (with the RUM index) that the store tests start,
# node + npm for the OpenAPI validator (tests/api, npm ci under make test),
# and Debian's chromium with a font for the browser tests (tests/browser:
# playwright-core drives it headless and takes screenshots).
if [ "$profile" = test ]; then
  packages="$packages libxml2-utils python3-jsonschema libreoffice-calc-nogui libcpp-httplib-dev clang libclang-rt-14-dev
    postgresql-15 postgresql-15-rum"
  packages="$packages chromium fonts-dejavu-core"
fi

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"ok installed"*) ;;
    *) missing="$missing $p" ;;
  esac
done

if [ -z "$missing" ]; then
  exit 0
fi

echo "Installing missing Debian packages:$missing"
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=sudo
  else
    echo "error: these packages are missing and this is not root (and there is no sudo):$missing" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
