#!/usr/bin/env bash
# Create the virtual environment. Debian's python3 needs python3-venv for that;
# install it when missing and we can (root, or passwordless sudo), else say what to do.
set -euo pipefail
python=${1:-python3}
venv=${2:-.venv}
if [ -x "$venv/bin/python" ]; then exit 0; fi
if ! "$python" -m venv "$venv" 2>/dev/null; then
  rm -rf "$venv"
  . "$(dirname "$0")/as-root.sh"
  if as_root && command -v apt-get >/dev/null; then
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    apt=("${AS_ROOT[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)
    "${apt[@]}" update -qq
    "${apt[@]}" install -y -qq "python${version}-venv" || "${apt[@]}" install -y -qq python3-venv
    "$python" -m venv "$venv"
  else
    echo "cannot create a virtual environment: install python3-venv (apt-get install python3-venv)" >&2
    exit 1
  fi
fi
