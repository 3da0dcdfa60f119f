#pragma once
// The modes the window can show: one entry per workbench, the model the window opens
// with, and the workbench for a model of any mode. Adding a mode to the window adds an
// entry here (and the mode's files), not branches in the shell.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scenes/model.h"
#include "ui/cli/cli.h"
#include "ui/settings.h"
#include "ui/workbench.h"

namespace tessera {

// What the app read at start: the settings, warnings to show, and the file the first
// model came from ("" = a registry entry).
struct StartUp {
  AppSettings settings = default_app_settings();
  std::vector<std::string> warnings;
  std::filesystem::path scene_file;
};

struct WorkbenchDef {
  std::string_view mode;  // as in the mode registry (scenes/modes.h)
  std::string_view description;
  // Takes the model (of this mode) and returns its workbench; needs the GL context.
  std::unique_ptr<Workbench> (*make)(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell);
};

const std::vector<WorkbenchDef>& workbench_registry();

// The command line's model (--scene-file of any mode, --scene), else the one remembered
// in the settings (the default scene, with a warning, when it can no longer be built),
// else the default scene. Throws tessera::Error on bad input.
std::unique_ptr<Model> initial_model(const CommonOptions& common, const AppOptions& options, StartUp& start);

// The workbench of the model's mode; throws tessera::Error when the window cannot show it.
std::unique_ptr<Workbench> make_workbench(std::unique_ptr<Model> model, const StartUp& start, ShellState& shell);

}  // namespace tessera
