#!/usr/bin/env bash
# Shared set-up for scripts/app and scripts/test: Debian packages Qt needs (only those missing),
# a virtual environment in .venv, and the project installed into it (again only when
# pyproject.toml changed). Sourced, not run: it exports VENV_PY.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

APT_PACKAGES=(libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 xvfb xauth poppler-utils
  fonts-droid-fallback
  # The team practice's tests start a throwaway PostgreSQL server (tests/pg_cluster.py).
  postgresql)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "Creating the virtual environment in .venv"
  "$PY" -m venv "$ROOT/.venv"
  "$ROOT/.venv/bin/python" -m pip install -q --upgrade pip
fi
VENV_PY="$ROOT/.venv/bin/python"
stamp="$ROOT/.venv/.installed-$(sha1sum "$ROOT/pyproject.toml" | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  echo "Installing RecoveryDesk and its dependencies into .venv"
  "$VENV_PY" -m pip install -q -e "$ROOT[test]"
  rm -f "$ROOT"/.venv/.installed-*
  touch "$stamp"
fi
export VENV_PY ROOT
