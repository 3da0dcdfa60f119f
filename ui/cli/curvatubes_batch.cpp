#include "ui/cli/curvatubes_batch.h"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include "engine/error.h"
#include "engine/output_dir.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "scenes/curvatubes/run_outputs.h"
#include "sim/curvatubes/morphometrics.h"
#include "ui/cli/progress.h"

namespace tessera {

namespace {

std::string fixed(double v, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, v);
  return text;
}

}  // namespace

Rejection rejection_of(const curvatubes::ViabilityCheck& check) {
  if (check.viable) return Rejection::None;
  // Same order as curvatubes::viable(): both phases first, then the discrepancy.
  if (!(check.stats.max > 0.1 && check.stats.min < -0.1)) return Rejection::PhaseVanished;
  return Rejection::Discrepancy;
}

std::string reason_of(const curvatubes::ViabilityCheck& check, bool final_field) {
  const std::string at = final_field ? " on the final field (evaluation " + std::to_string(check.n_evals) + ")"
                                     : " at evaluation " + std::to_string(check.n_evals);
  switch (rejection_of(check)) {
    case Rejection::None:
      return "";
    case Rejection::PhaseVanished:
      return "one phase vanished" + at + ": u in [" + fixed(check.stats.min, 3) + ", " + fixed(check.stats.max, 3) +
             "], both must pass +-0.1";
    default:
      return "discrepancy " + fixed(check.discrepancy.ratio, 3) + at + ", at least " +
             fixed(curvatubes::kViableDiscrepancy, 2);
  }
}

TextureResult grow_texture(CurvatubesFile file, const Exec& exec, const TextureRun& run) {
  TESSERA_REQUIRE(run.iterations >= 1, "curvatubes: a texture needs at least one iteration");
  CurvatubesModel model(std::move(file), exec);  // validates before the folder exists
  RunRequest request;
  request.out = run.out;
  request.overwrite = run.overwrite;
  request.steps = run.iterations;
  request.every = static_cast<int>(std::min<std::int64_t>(run.iterations, 1 << 30));  // slices at start and end
  request.scale = 2;
  model.check_run(request);
  prepare_output_dir(run.out, run.overwrite);

  std::unique_ptr<CurvatubesRunOutputs> outputs = open_curvatubes_outputs(model, request);
  outputs->frame();
  TextureResult result;
  ProgressBar progress(run.iterations);
  for (std::int64_t s = 1; s <= run.iterations; ++s) {
    model.step(1);
    if (!model.failure().empty()) {
      // A failed 500/1000/5000 check, or a NaN energy (the last finite field is kept).
      const curvatubes::Generator<float>& g = model.generator();
      if (g.status() == curvatubes::GeneratorStatus::NotViable && !g.viability_checks().empty()) {
        result.check = g.viability_checks().back();
        result.rejection = rejection_of(result.check);
        result.reason = reason_of(result.check, false);
      } else {
        result.rejection = Rejection::Diverged;
        result.reason = model.failure().message;
      }
      break;
    }
    outputs->after_step();
    progress.update(s);
  }
  progress.finish();
  const curvatubes::Generator<float>& g = model.generator();
  result.iterations = model.step_count();
  result.evaluations = g.n_evals();
  result.energy = g.energy();
  if (result.viable()) {
    // The final field passes the same test (ref. 6.1 checks at 500/1000/5000 evaluations only;
    // judging the end as well covers short runs and what happens after the last check).
    const std::vector<float> u = model.field();
    result.check.n_evals = g.n_evals();
    result.check.stats = curvatubes::field_stats(u);
    result.check.discrepancy = curvatubes::discrepancy(model.params(), u);
    result.check.viable = curvatubes::viable(result.check.stats, result.check.discrepancy);
    result.rejection = rejection_of(result.check);
    result.reason = reason_of(result.check, true);
  }
  if (!result.viable() && !run.keep_rejected) {
    outputs.reset();
    std::error_code ec;
    std::filesystem::remove_all(run.out, ec);  // the folder was made for this try only
    return result;
  }
  outputs->frame();
  outputs->close();
  result.metrics = outputs->metrics();
  result.slice = curvatubes_slice_image(model.field(), model.params(), 1);
  result.written = true;
  return result;
}

std::vector<std::string> texture_columns() {
  return {"iterations",
          "evaluations",
          "energy",
          "solid_fraction",
          "surface_area",
          "mean_curvature",
          "gaussian_curvature",
          "euler_characteristic",
          "discrepancy",
          "u_min",
          "u_max",
          "viable",
          "rejection",
          "reason"};
}

TableRow texture_cells(const TextureResult& r) {
  const Morphometrics& m = r.metrics;
  const TableValue none = std::string();
  TableRow row = {r.iterations, r.evaluations, r.energy};
  if (r.written) {
    row.insert(row.end(), {m.solid_fraction, m.surface_area, m.mean_curvature, m.gaussian_curvature,
                           m.euler_characteristic, m.discrepancy, m.u_min, m.u_max});
  } else {
    // Only the deciding viability test measured this field.
    row.insert(row.end(),
               {none, none, none, none, none, r.check.discrepancy.ratio, r.check.stats.min, r.check.stats.max});
  }
  row.insert(row.end(), {std::int64_t{r.viable() ? 1 : 0},
                         std::string(kRejectionNames[static_cast<std::size_t>(r.rejection)]), r.reason});
  return row;
}

std::vector<AtlasTry> fill_atlas(std::uint64_t seed, int count, int max_tries, const AtlasTryFn& try_draw) {
  TESSERA_REQUIRE(count >= 1, "curvatubes atlas: --count must be at least 1 (got " + std::to_string(count) + ")");
  TESSERA_REQUIRE(max_tries >= 1,
                  "curvatubes atlas: --max-tries must be at least 1 (got " + std::to_string(max_tries) + ")");
  std::vector<AtlasTry> tries;
  // One global draw sequence: the first N slots of a longer atlas are this atlas.
  int draw = 0;
  for (int slot = 0; slot < count; ++slot)
    for (int attempt = 1; attempt <= max_tries; ++attempt, ++draw) {
      AtlasTry t;
      t.slot = slot;
      t.draw = draw;
      t.attempt = attempt;
      t.member = curvatubes::random_atlas_draw(seed, draw);
      t.noise_seed = curvatubes::atlas_noise_seed(seed, draw);
      t.result = try_draw(t);
      tries.push_back(t);
      if (t.result.viable()) {
        ++draw;
        break;
      }
    }
  return tries;
}

}  // namespace tessera
