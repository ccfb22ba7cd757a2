#!/usr/bin/env bash
# Serve the PASV Lens page locally with Trunk (release build, offline):
#
#   bash scripts/serve.sh            # http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh  # another port
#
# Set SKIP_SETUP=1 to skip scripts/setup.sh. Extra arguments go to `trunk serve`.
# Trunk's autoreload is off (see Trunk.toml): its inline script would be
# blocked by the page's Content-Security-Policy; reload the browser by hand.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$PASV_ROOT"

if [ "${SKIP_SETUP:-0}" != 1 ]; then
  bash "$PASV_ROOT/scripts/setup.sh"
fi

port="${PORT:-8080}"
pasv_log "serving on http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec trunk serve --release --offline --address 127.0.0.1 --port "$port" "$@"
