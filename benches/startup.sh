#!/usr/bin/env bash
# Start-up of the window beside an empty eframe app (benches/empty_app.rs),
# release builds, real windows under Xvfb (software OpenGL), runs
# interleaved so that both meet the same machine weather. Each program
# closes itself: the empty app and `sophandau` after their first frame
# (SOPHANDAU_QUIT_AFTER_FIRST_FRAME), and `sophandau` once more after the
# first frame with every notebook loaded (SOPHANDAU_QUIT_WHEN_LOADED). The
# wall time of a run is start-up + that frame + exit; memory is the peak
# resident set (/usr/bin/time).
#
#   benches/startup.sh DATA_DIR [DATA_DIR...]      (RUNS=7 by default)
#
# e.g. with `sophandau --data-dir /tmp/cell demo --members 200 --years 10`.
# Needs Debian's xvfb, libgl1-mesa-dri and time (../shared/tools/screenshot.sh
# installs the first two).
set -euo pipefail
runs=${RUNS:-7}
cargo build --release --quiet --bin sophandau
empty=$(cargo build --release --quiet --bench empty_app --message-format=json |
  sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
bin=${SOPHANDAU_BIN:-target/release/sophandau}
d=99
while [[ -e /tmp/.X11-unix/X$d ]]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
out=$(mktemp -d)
trap 'kill $xpid 2>/dev/null || true; rm -rf "$out"' EXIT
sleep 1
export DISPLAY=":$d" XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}

# run NAME ENV_VAR COMMAND...: one timed run, appended to $out/NAME.
run() {
  local name=$1 var=$2
  shift 2
  local start end
  start=$(date +%s%N)
  env "$var=1" /usr/bin/time -f %M -o "$out/rss" "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $(($(tail -1 "$out/rss") / 1024))" >>"$out/$name"
}

for i in $(seq "$runs"); do
  run empty SOPHANDAU_QUIT_AFTER_FIRST_FRAME "$empty"
  n=0
  for dir in "$@"; do
    n=$((n + 1))
    run "first-$n" SOPHANDAU_QUIT_AFTER_FIRST_FRAME "$bin" --data-dir "$dir"
    run "loaded-$n" SOPHANDAU_QUIT_WHEN_LOADED "$bin" --data-dir "$dir"
  done
done

# The median of column $2 of file $1.
median() { cut -d' ' -f"$2" "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
base_ms=$(median "$out/empty" 1)
base_mb=$(median "$out/empty" 2)
printf '%-58s %8s %6s %8s %6s\n' "median of $runs runs" "ms" "×" "MB" "×"
row() {
  local ms mb
  ms=$(median "$out/$2" 1)
  mb=$(median "$out/$2" 2)
  printf '%-58s %8d %6.2f %8d %6.2f\n' "$1" "$ms" "$(echo "$ms / $base_ms" | bc -l)" \
    "$mb" "$(echo "$mb / $base_mb" | bc -l)"
}
row "empty eframe app, first frame" empty
n=0
for dir in "$@"; do
  n=$((n + 1))
  row "$(basename "$dir"): first frame" "first-$n"
  row "$(basename "$dir"): first frame with every notebook in" "loaded-$n"
done
