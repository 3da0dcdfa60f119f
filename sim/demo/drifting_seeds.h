#pragma once
// The SeedDrift demo's numerics: seeds take random steps (reflected at walled edges,
// wrapped on periodic ones) and every pixel is labelled by its nearest seed (the
// brute-force pass of sim/ot/nearest_seed.h). The smallest model on the seam
// (scenes/demo/drift_model.h): RNG, parallel_for on both backends, rendering, export.
#include <cstdint>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/grid.h"
#include "engine/profile.h"
#include "engine/rng.h"
#include "engine/vec.h"

namespace tessera {

struct DriftParams {
  Grid grid;                 // default: 256 x 256 unit square, walled
  int n_seeds = 64;          // 1 .. kMaxDriftSeeds
  double speed = 0.15;       // RMS seed speed, box lengths per unit time
  double dt = 1.0 / 60.0;    // time step
  std::uint64_t seed = 1;    // random seed
};

inline constexpr int kMaxDriftSeeds = 4096;

DriftParams default_drift_params();
// Throws tessera::Error naming the bad field.
void validate(const DriftParams& params);

struct DriftState {
  Mirrored<Vec3> seeds;
  Mirrored<std::int32_t> labels;  // one per pixel, x fastest
  std::int64_t step = 0;
  std::uint64_t n_created = 0;    // seeds ever created: keeps new seeds' random streams distinct
};

// Random seeds, then a first labelling.
void init_drift(const DriftParams& params, DriftState& state, const Exec& exec);
// Adds or removes seeds so that the count equals params.n_seeds (keeps the others).
void resize_drift(const DriftParams& params, DriftState& state, const Exec& exec);
// One time step: move the seeds (Stage::Dynamics), relabel (Stage::Fit).
void step_drift(const DriftParams& params, DriftState& state, const Exec& exec, Profile& profile);

}  // namespace tessera
