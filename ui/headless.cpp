#include "ui/headless.h"

#include <cstdio>
#include <string>

#include "engine/label_image.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "ui/progress.h"
#include "ui/drift_session.h"

namespace tessera {

namespace {
void write_frame(const DriftSession& session, const RunOptions& run) {
  LabelImageStyle style;
  style.scale = run.scale;
  const Image image = render_labels(session.grid(), session.labels(), session.seeds(), style);
  write_png(run.out / numbered_file("frame", session.step_count(), "png"), image);
}
}  // namespace

int run_headless(const SimOptions& sim, const RunOptions& run) {
  // Check everything that can fail before the first step, so bad input costs nothing.
  DriftSession session = make_drift_session(sim);
  prepare_output_dir(run.out, run.overwrite);
  log::info("run: {} steps on {}, {} seeds, {}x{} grid, frames every {} steps into {}", run.steps,
            describe(session.exec()), sim.n_seeds, sim.grid_size, sim.grid_size, run.every, run.out.string());

  Profile total;
  ProgressBar progress(run.steps);
  write_frame(session, run);
  for (std::int64_t s = 1; s <= run.steps; ++s) {
    session.step();
    for (int k = 0; k < static_cast<int>(Stage::Count); ++k) total.ms[k] += session.profile().ms[k];
    if (s % run.every == 0 || s == run.steps) {
      ScopedTimer timer(total, Stage::Export);
      write_frame(session, run);
    }
    progress.update(s);
  }
  progress.finish();
  log::info("done: dynamics {:.1f} ms, labelling {:.1f} ms, export {:.1f} ms in total", total[Stage::Dynamics],
            total[Stage::Fit], total[Stage::Export]);
  return 0;
}

}  // namespace tessera
