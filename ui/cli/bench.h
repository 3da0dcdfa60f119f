#pragma once
// `tessera bench`: the volume-fitting benchmark. For each case and each available
// backend, in one run: a relaxed configuration is built, then seeds take small
// random steps and the potentials are re-fitted warm (the per-frame cost), and the
// brute-force and binned assignments are timed side by side. Prints a table and
// optionally writes JSON.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/backend.h"

namespace tessera {

struct BenchOptions {
  std::string backends = "all";      // all (every available backend), cpu, cuda
  std::vector<std::string> cases;    // empty: the default set for each backend
  int steps = 10;                    // timed warm steps per case
  double move = 0.5;                 // seed displacement per step, in pixels (random directions)
  int repeats = 3;                   // assignment timing repeats (median)
  std::filesystem::path json;        // write results here when set
  bool list = false;                 // list the cases and exit
  std::uint64_t seed = 1;
};

int run_bench(const BenchOptions& options);

}  // namespace tessera
