#!/bin/sh
# Installs the Debian packages kobun needs to build, run and test, if missing.
# Runs apt-get directly as root, through sudo otherwise. Safe to run again.
set -eu

PKGS="build-essential pkg-config make
libxml2-dev libxslt1-dev libpango1.0-dev libcairo2-dev libsqlite3-dev
libhpdf-dev libzip-dev check
fonts-ipaexfont-mincho fonts-ipaexfont-gothic
libxml2-utils poppler-utils qpdf sqlite3 time clang-format unzip strace"
# make check-docx opens every .docx in LibreOffice (about 350 MB, half a minute to install):
# only with --libreoffice. make fuzz needs clang and its libFuzzer runtime: only with --fuzz.
case "${1:-}" in
--libreoffice) PKGS="$PKGS libreoffice-writer-nogui" ;;
--fuzz) PKGS="$PKGS clang libclang-rt-14-dev" ;;
esac

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done

if [ -z "$missing" ]; then
	exit 0
fi

echo "setup: installing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "setup: not root and no sudo; install these packages:$missing" >&2
	exit 2
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing >&2
