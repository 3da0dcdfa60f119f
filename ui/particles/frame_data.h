#pragma once
// What the window shows: a copy of the session's state taken at the sync point, while
// the step worker is idle. Panels, views and the mouse read this copy, so they never
// touch the Session while a step runs on the worker thread. GL-free.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/grid.h"
#include "scenes/particles/session.h"
#include "sim/particles/simulation.h"

namespace tessera {

struct FrameData {
  std::string scene;        // registry scene name
  std::string preset;       // its preset ("" when none)
  std::string description;  // one line from the registry
  std::string backend;      // describe(exec)
  Grid grid;
  std::int64_t n_kept = 0;  // pixels of the domain
  SimParams params;
  CellState cells;
  std::vector<std::int32_t> labels;  // labels of the last fit (kVoidLabel, kOutsideLabel elsewhere)
  std::vector<std::int64_t> counts;  // pixels per cell in `labels`; empty when the labels do not describe
                                     // the current cells (cells added or removed after the fit)
  SimStats stats;
  std::vector<StepRecord> history;   // oldest first
  Profile profile;                   // summed stage times of the last batch of steps
  std::int64_t step = 0;
  double time = 0;
  StepFailure failure;
  std::uint64_t version = 0;         // increases with every capture (views re-upload when it changes)
};

// Copies the session's state into `out` (reusing its buffers). Call only while no step runs.
void capture_frame(Session& session, FrameData& out);

// The relative volume error count / (n_kept v) - 1 of cell i (NaN without counts).
double relative_volume_error(const FrameData& frame, int i);

}  // namespace tessera
