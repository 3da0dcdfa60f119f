// tessera: the application entry point. Parses the command line, then opens the
// window, runs headless or lists what every mode offers. Every error ends here as one
// line on stderr and a non-zero exit code.
#include <cstdio>
#include <exception>
#include <string>

#include "engine/error.h"
#include "engine/log.h"
#include "scenes/modes.h"
#include "ui/cli/cli.h"
#include "ui/cli/curvatubes_atlas.h"
#include "ui/cli/curvatubes_command.h"
#include "ui/cli/curvatubes_family.h"
#include "ui/cli/polycrystal_command.h"
#include "ui/cli/run.h"
#if TESSERA_WITH_APP
#include "ui/app.h"
#endif

namespace {

// Every mode's entries, one line each, with their presets.
int list_entries() {
  for (const tessera::ModeDef& mode : tessera::mode_registry()) {
    std::printf("[%s] %s\n", std::string(mode.name).c_str(), std::string(mode.description).c_str());
    for (const tessera::ModeEntry& e : mode.entries()) {
      std::printf("  %-16s %-8s %s\n", e.name.c_str(), e.category.c_str(), e.description.c_str());
      std::string presets;
      for (const std::string& p : e.presets) presets += (presets.empty() ? "" : ", ") + p;
      if (!presets.empty()) std::printf("  %-25s --preset: %s\n", "", presets.c_str());
    }
  }
  return 0;
}

int dispatch(const tessera::CliOptions& options) {
  using tessera::Command;
  switch (options.command) {
    case Command::List:
      return list_entries();
    case Command::Run:
      return tessera::run_model_headless(options.common, options.run);
    case Command::Bench:
      return tessera::run_bench(options.bench);
    case Command::Curvatubes:
      return tessera::run_curvatubes(options.common, options.curvatubes);
    case Command::CurvatubesFamily:
      return tessera::run_curvatubes_family(options.common, options.family);
    case Command::CurvatubesAtlas:
      return tessera::run_curvatubes_atlas(options.common, options.atlas);
    case Command::Polycrystal:
      return tessera::run_polycrystal(options.common, options.polycrystal);
    case Command::App:
      break;
  }
#if TESSERA_WITH_APP
  return tessera::run_app(options.common, options.app);
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
