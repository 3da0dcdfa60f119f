// Catch2 runner shared by the test executables. When asked for the [cuda] tag on
// a machine without a usable CUDA device it prints the reason and exits with 77,
// which CTest reports as "skipped" (SKIP_RETURN_CODE). A test case that logs a
// warning or an error without calling tessera::test::expect_warnings() fails the run:
// the listener below names it, and main returns non-zero.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "engine/backend.h"
#include "engine/log.h"
#include "test_support.h"

namespace {
std::int64_t g_warnings_at_start = 0;
bool g_warnings_expected = false;
std::vector<std::string> g_unexpected;  // test cases that logged warnings they did not announce

struct WarningListener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;
  void testCaseStarting(const Catch::TestCaseInfo&) override {
    g_warnings_at_start = tessera::log::warning_count();
    g_warnings_expected = false;
  }
  void testCaseEnded(const Catch::TestCaseStats& stats) override {
    const std::int64_t logged = tessera::log::warning_count() - g_warnings_at_start;
    if (logged > 0 && !g_warnings_expected) {
      g_unexpected.push_back(stats.testInfo.name + " (" + std::to_string(logged) + " warning(s))");
      std::printf("UNEXPECTED WARNINGS: test case '%s' logged %lld warning(s) without expect_warnings()\n",
                  stats.testInfo.name.c_str(), static_cast<long long>(logged));
    }
  }
};
}  // namespace
CATCH_REGISTER_LISTENER(WarningListener)

void tessera::test::expect_warnings() { g_warnings_expected = true; }

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
  const int failed = Catch::Session().run(argc, argv);
  if (!g_unexpected.empty()) {
    std::printf("%zu test case(s) logged warnings they did not expect:\n", g_unexpected.size());
    for (const std::string& name : g_unexpected) std::printf("  %s\n", name.c_str());
    return failed != 0 ? failed : 1;
  }
  return failed;
}
