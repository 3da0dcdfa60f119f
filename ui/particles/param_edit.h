#pragma once
// Merging the panels' edits into parameters that moved on meanwhile. The panels edit a
// working copy taken from the parameters at some step (`base`); by the time the edit is
// applied the simulation's own parameters may have changed (a scene script rewrites some
// every step, e.g. TissueGrowth_3D's zoom-out). Only the fields the user changed are
// carried over, so an edit of one slider never rewinds anything else. GL-free.
#include "sim/particles/simulation.h"

namespace tessera {

// `current` with every panel-editable field that differs between `base` and `edited` set
// to its `edited` value: the top-level scalars (sim_fields: dt, ...), gravity, the solver
// settings, each species' cost, dynamics and colour, and — where base, edited and current
// all have the rule — the 2D tension table and the 3D gamma / eta tables. When the species
// count differs (another scene arrived) `current` is returned unchanged.
SimParams merge_param_edit(const SimParams& base, const SimParams& edited, const SimParams& current);

}  // namespace tessera
