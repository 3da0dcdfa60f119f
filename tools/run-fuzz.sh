#!/usr/bin/env bash
# Runs every libFuzzer target of a TESSERA_FUZZ build for a bounded time (see `make fuzz`):
#   tools/run-fuzz.sh BUILD_DIR SECONDS [TARGET...]
# Seeds come from tessera_fuzz_seeds (the project's own writers) into BUILD_DIR/fuzz-seeds;
# what the fuzzers add is kept in BUILD_DIR/fuzz-corpus (reused by the next run). A crash,
# leak, timeout or oversized allocation leaves its input in BUILD_DIR/fuzz-crashes/TARGET/
# and fails the script; copy it to tests/fuzz/regressions/TARGET/ once fixed.
set -euo pipefail

build=${1:?usage: tools/run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: tools/run-fuzz.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(scene_file curvatubes_file settings nrrd raw npy nifti vti)
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -ge 1 ]] || { echo "run-fuzz: SECONDS must be a whole number >= 1 (got '$seconds')" >&2; exit 2; }

"$build/tests/fuzz/tessera_fuzz_seeds" "$build/fuzz-seeds"
# One thread: the fuzzer runs one input at a time, and OpenMP threads would only add noise.
export OMP_NUM_THREADS=1
failed=()
summary=()
for t in "${targets[@]}"; do
  exe="$build/tests/fuzz/fuzz_$t"
  [[ -x "$exe" ]] || { echo "run-fuzz: $exe not built (make fuzz builds it)" >&2; exit 2; }
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-crashes/$t"
  log="$build/fuzz-$t.log"
  echo "run-fuzz: fuzz_$t for ${seconds}s (log: $log)"
  # -timeout: an input running 10 s is a hang; -rss_limit_mb / -malloc_limit_mb: a header's
  # size field that makes the reader allocate more than 2 GB is a bug, not an input to skip.
  set +e
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-crashes/$t/" "$build/fuzz-corpus/$t" "$build/fuzz-seeds/$t" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(find "$build/fuzz-corpus/$t" -type f | wc -l)
  status=ok
  if [[ $rc -ne 0 ]]; then
    status="FAILED (exit $rc)"
    failed+=("$t")
    grep -E "^(==[0-9]+==ERROR|SUMMARY|fuzz_|.*runtime error)" "$log" | head -5 >&2 || true
    ls "$build/fuzz-crashes/$t" >&2 || true
  fi
  summary+=("$(printf '%-16s %6ss %10s runs %7s exec/s %6s corpus  %s' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$corpus" "$status")")
done
printf '%s\n' "run-fuzz: summary" "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
  echo "run-fuzz: ${failed[*]} found a problem; the inputs are in $build/fuzz-crashes/" >&2
  exit 1
fi
