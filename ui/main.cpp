// tessera: the application entry point. Parses the command line, then opens the
// window, runs headless or lists scenes. Every error ends here as one line on
// stderr and a non-zero exit code.
#include <cstdio>
#include <exception>

#include "engine/error.h"
#include "engine/log.h"
#include "ui/cli.h"
#include "ui/headless.h"
#if TESSERA_WITH_APP
#include "ui/app.h"
#endif

namespace {

int list_scenes() {
  std::printf("%-12s %s\n", "SeedDrift", "Demo: seeds take random steps; pixels take the label of the nearest seed.");
  return 0;
}

int dispatch(const tessera::CliOptions& options) {
  using tessera::Command;
  switch (options.command) {
    case Command::List:
      return list_scenes();
    case Command::Run:
      return tessera::run_headless(options.sim, options.run);
    case Command::Bench:
      return tessera::run_bench(options.bench);
    case Command::App:
      break;
  }
#if TESSERA_WITH_APP
  return tessera::run_app(options.sim, options.app);
#else
  tessera::throw_error("this build has no window (configured with TESSERA_BUILD_APP=OFF); use `tessera run`");
#endif
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const tessera::CliParse parsed = tessera::parse_cli(args);
  if (!parsed.options) {
    std::fputs(parsed.message.c_str(), parsed.exit_code == 0 ? stdout : stderr);
    return parsed.exit_code;
  }
  tessera::log::set_level(parsed.options->log_level);
  try {
    return dispatch(*parsed.options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tessera: error: %s\n", e.what());
    return 1;
  }
}
