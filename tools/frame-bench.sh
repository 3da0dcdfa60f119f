#!/bin/sh
# The window's frame-time split (simulation stages, render, UI) for docs/BENCHMARKS.md:
# runs `tessera --frames N --stats FILE` on a scene under Xvfb (or the current display)
# and prints the JSON. Usage: tools/frame-bench.sh BUILD_DIR SCENE [FRAMES] [extra tessera flags]
set -eu
build=${1:?usage: tools/frame-bench.sh BUILD_DIR SCENE [FRAMES] [flags]}
scene=${2:?usage: tools/frame-bench.sh BUILD_DIR SCENE [FRAMES] [flags]}
frames=${3:-300}
shift 3 2>/dev/null || shift $#
out=$(mktemp --suffix=.json)
run="$build/ui/tessera --scene $scene --frames $frames --stats $out --no-settings $*"
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "frame-bench: no display and no xvfb-run" >&2; exit 1; }
  xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" $run >&2
else
  $run >&2
fi
cat "$out"
rm -f "$out"
