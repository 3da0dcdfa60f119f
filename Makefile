# Two commands do all the set-up (see README.md):
#   make run    installs missing packages, builds, opens the app on the default scene
#   make test   installs missing packages, builds, runs the whole test suite
#   make sanitize  the [cpu] tests under ASan + UBSan (own CPU-only build: build-asan)
#   make fuzz      the libFuzzer targets, FUZZ_SECONDS each (clang build: build-fuzz)
# Variables: BUILD (build folder), JOBS (parallel jobs), CMAKE_FLAGS, ARGS (for run),
# FUZZ_SECONDS (per fuzz target, default 60), SANITIZE_TESTS (Catch2 filter of make sanitize).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ARGS ?=
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
# Left out: the [slow] scene runs (minutes each under the sanitizers; plain `make test` runs
# them) and the committed state hashes ([hash]: they pin GCC's floating-point results, and
# FallingStuff's differs when built with clang).
SANITIZE_TESTS ?= [cpu]~[slow]~[hash]

.PHONY: all deps configure build run test bench clean sanitize fuzz

all: build

deps:
	@tools/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: configure
	cmake --build $(BUILD) -j$(JOBS)

run: build
	$(BUILD)/ui/tessera $(ARGS)

test: build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS)

# The asan preset (CMakePresets.json): clang, CPU only, no window, RelWithDebInfo, ASan +
# UBSan. Clang, not GCC: it compiles these sources with the sanitizers about 2.4x faster, and
# its UBSan checks out-of-range float-to-int conversions. A report aborts
# (-fno-sanitize-recover), so any finding fails the run.
sanitize: deps
	cmake --preset asan
	cmake --build $(ASAN_BUILD) -j$(JOBS) --target tessera_tests
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(ASAN_BUILD)/tests/tessera_tests "$(SANITIZE_TESTS)"

# clang is required (libFuzzer); CUDA and the window are off, the test suite is not built.
fuzz: deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTESSERA_FUZZ=ON \
	  -DTESSERA_CUDA=OFF -DTESSERA_BUILD_APP=OFF -DTESSERA_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target tessera_fuzz_all
	tools/run-fuzz.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
