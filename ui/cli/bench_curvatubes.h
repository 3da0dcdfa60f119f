#pragma once
// The curvatubes cases of `tessera bench`: one iteration (energy + gradient + Adam step,
// tubes preset, cons flow, periodic, float32) timed on cubes of 32 to 256 voxels, with
// the per-stage split, after a warm-up from the seeded noise.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/backend.h"
#include "ui/cli/bench.h"

namespace tessera {

struct CurvatubesBenchCase {
  std::string name;  // "curvatubes-100"
  int size;          // voxels per axis
  bool cpu, cuda;    // part of the default set for that backend
};

const std::vector<CurvatubesBenchCase>& curvatubes_bench_cases();

// Prints its table row and returns it as JSON.
nlohmann::json run_curvatubes_case(const CurvatubesBenchCase& c, const Exec& exec, const BenchOptions& options);
void print_curvatubes_header();

}  // namespace tessera
