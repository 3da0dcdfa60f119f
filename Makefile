# Two commands do all the set-up (see README.md):
#   make run    installs missing packages, builds, opens the app on the default scene
#   make test   installs missing packages, builds, runs the whole test suite
# Variables: BUILD (build folder), JOBS (parallel jobs), CMAKE_FLAGS, ARGS (for run).
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
ARGS ?=

.PHONY: all deps configure build run test bench clean

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

clean:
	rm -rf $(BUILD)
