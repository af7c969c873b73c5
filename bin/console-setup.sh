# Sourced by bin/test: what the console's checks and browser tests need beyond the venv.
set -euo pipefail
if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "The console needs Node.js 20.19 or newer with npm (https://nodejs.org, or your distribution's nodejs)." >&2
  exit 1
fi
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "Installing Debian's chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq chromium >/dev/null
fi
"$ROOT/bin/firebase-tools" --version >/dev/null
(cd "$ROOT" && "$VENV/bin/python" -c 'from crm.devstack.console_build import ensure_npm_packages; ensure_npm_packages()')
