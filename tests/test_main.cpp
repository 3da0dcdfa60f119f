// Catch2 runner shared by the test executables. When asked for the [cuda] tag on
// a machine without a usable CUDA device it prints the reason and exits with 77,
// which CTest reports as "skipped" (SKIP_RETURN_CODE).
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

#include "engine/backend.h"
#include "engine/log.h"

namespace {
// True when the test spec selects the [cuda] tag; "~[cuda]" excludes it instead.
bool selects_cuda(const std::string& spec) {
  for (std::size_t at = spec.find("[cuda]"); at != std::string::npos; at = spec.find("[cuda]", at + 1))
    if (at == 0 || spec[at - 1] != '~') return true;
  return false;
}
}  // namespace

int main(int argc, char** argv) {
  bool wants_cuda = false;
  for (int i = 1; i < argc; ++i) wants_cuda = wants_cuda || selects_cuda(argv[i]);
  if (wants_cuda && !tessera::cuda_device_info().available) {
    std::printf("SKIPPED: the [cuda] tests need a CUDA device: %s\n", tessera::cuda_device_info().reason.c_str());
    return 77;
  }
  tessera::log::set_level(tessera::log::Level::Warn);
  return Catch::Session().run(argc, argv);
}
