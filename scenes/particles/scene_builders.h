#pragma once
// Helpers shared by the scene definitions (scenes/*_scenes.cpp).
#include <functional>

#include "engine/rng.h"
#include "scenes/particles/scene.h"

namespace tessera {

// Radius of a disk (2D) or ball (3D) holding `fraction` of the kept domain, in box units.
double radius_of_fraction(const Domain& domain, double fraction);

// Uniform random seeds accepted by `inside`, with random unit axes; volume v each.
void add_random_cells(CellState& cells, int n, double volume, int species, const Domain& domain,
                      const std::function<bool(const Vec3&)>& inside, const CounterRng& rng);

// A species with a power cost |z|^p under the `volume` scaling (C, reference radius R):
// the cost most reference scenes use (p = 2 is the l2 cost).
SpeciesParams power_species(const char* name, double R, double C, double p = 2.0);

// The grid a scene asks for, at the requested or default resolution.
Grid scene_grid(int default_resolution, const SceneOptions& options, int dim, bool periodic);

}  // namespace tessera
