#!/bin/sh
# Install what jtsyq needs to build, test and demo on Debian bookworm.
# Idempotent: packages already present are not touched, and apt-get is only
# run when something is missing.  Needs root (or sudo).
set -eu

PG_MAJOR=${PG_MAJOR:-15}
PKGS="postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR postgresql-$PG_MAJOR-postgis-3
postgresql-$PG_MAJOR-postgis-3-scripts postgresql-contrib libgeos-dev libproj-dev proj-bin
make gcc clang libclang-rt-dev libipc-run-perl"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	echo "install-deps: all packages present"
	exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing$missing"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
