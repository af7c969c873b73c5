# Sourced by bin/dev and bin/test: make .venv and install into it the exact versions of requirements.lock (their
# hashes checked), then the project itself, again whenever pyproject.toml or the lock changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON_BIN" -m venv "$VENV"
fi
STAMP="$VENV/.installed-$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo "Installing the locked dependencies and the project into $VENV (log: $VENV/install.log)" >&2
  if ! { "$VENV/bin/python" -m pip install --disable-pip-version-check --require-hashes -r "$ROOT/requirements.lock" \
         && "$VENV/bin/python" -m pip install --disable-pip-version-check --no-deps -e "$ROOT"; } \
       >"$VENV/install.log" 2>&1; then
    tail -n 40 "$VENV/install.log" >&2
    exit 1
  fi
  rm -f "$VENV"/.installed-*
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
