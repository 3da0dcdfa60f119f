#include "ui/particles/frame_data.h"

#include <limits>

#include "engine/backend.h"

namespace tessera {

void capture_frame(Session& session, FrameData& out) {
  Simulation& sim = session.sim();
  out.scene = std::string(session.scene().name);
  out.preset = session.source().preset;
  out.description = std::string(session.scene().description);
  out.backend = describe(session.exec());
  out.grid = sim.domain().grid;
  out.n_kept = sim.domain().n_kept;
  out.params = sim.params();
  out.cells = sim.cells();
  const std::vector<std::int32_t>& labels = sim.labels();
  out.labels.assign(labels.begin(), labels.end());
  // Counts only when the labels describe the current cells (none added or removed after the fit).
  out.counts.clear();
  if (sim.labels_match_cells())
    out.counts = label_counts(out.labels, out.cells.size());
  out.stats = sim.stats();
  const auto& records = session.history().records();
  out.history.assign(records.begin(), records.end());
  out.profile = session.profile();
  out.step = sim.step_count();
  out.time = sim.time();
  out.failure = session.failure();
  ++out.version;
}

double relative_volume_error(const FrameData& frame, int i) {
  if (static_cast<std::size_t>(i) >= frame.counts.size()) return std::numeric_limits<double>::quiet_NaN();
  const double target = frame.cells.volume[static_cast<std::size_t>(i)] * static_cast<double>(frame.n_kept);
  return target > 0 ? static_cast<double>(frame.counts[static_cast<std::size_t>(i)]) / target - 1.0 : 0.0;
}

}  // namespace tessera
