#!/usr/bin/env bash
# Start-up time to the first frame, release build, in a real window under
# Xvfb (software OpenGL): the program closes itself after its first frame
# when SOPHANDAU_QUIT_AFTER_FIRST_FRAME is set, so the wall time of a run
# is start-up + first frame + exit.
#
#   cargo build --release && benches/startup.sh DATA_DIR [DATA_DIR...]
#
# Needs Debian's xvfb and libgl1-mesa-dri (../shared/tools/screenshot.sh
# installs them).
set -euo pipefail
bin=${SOPHANDAU_BIN:-target/release/sophandau}
d=99
while [[ -e /tmp/.X11-unix/X$d ]]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=":$d" XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)} SOPHANDAU_QUIT_AFTER_FIRST_FRAME=1
for dir in "$@"; do
  for i in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$bin" --data-dir "$dir" >/dev/null 2>&1
    end=$(date +%s%N)
    echo "$dir run $i: $(((end - start) / 1000000)) ms"
  done
done
