// tessera: the application entry point. Parses the command line, then opens the
// window, runs headless or lists scenes. Every error ends here as one line on
// stderr and a non-zero exit code.
#include <cstdio>
#include <exception>
#include <string>

#include "engine/error.h"
#include "engine/log.h"
#include "scenes/scene.h"
#include "ui/cli.h"
#include "ui/headless.h"
#include "ui/scene_run.h"
#if TESSERA_WITH_APP
#include "ui/app.h"
#endif

namespace {

int list_scenes() {
  std::printf("%-16s %-8s %s\n", "SeedDrift", "demo", "seeds take random steps; pixels take the nearest seed's label (`tessera run` without --scene)");
  for (const tessera::SceneDef& scene : tessera::scene_registry()) {
    std::printf("%-16s %-8s %s\n", std::string(scene.name).c_str(), std::string(scene.category).c_str(),
                std::string(scene.description).c_str());
    std::string presets;
    for (std::string_view p : scene.presets) presets += (presets.empty() ? "" : ", ") + std::string(p);
    if (!presets.empty()) std::printf("%-25s --preset: %s\n", "", presets.c_str());
  }
  return 0;
}

int dispatch(const tessera::CliOptions& options) {
  using tessera::Command;
  switch (options.command) {
    case Command::List:
      return list_scenes();
    case Command::Run:
      if (!options.run.scene.empty() || !options.run.scene_file.empty())
        return tessera::run_scene_headless(options.sim, options.run);
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
