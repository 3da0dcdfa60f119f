#pragma once
// The polycrystal cases of `tessera bench`: one cold-start fit (heuristic weights, every
// grain within 1 %) of a 3D polycrystal with equal volumes on PyAPD's grid rule
// (apd-model.md section 4: M = 92 for N = 1000, 158 for N = 5000), alpha = 0.25, box.
// Reports the sampling + setup time, the fit time split into Newton and L-BFGS,
// iterations, passes, the worst grain's error and the empty / disconnected counts.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "engine/backend.h"
#include "ui/cli/bench.h"

namespace tessera {

struct PolycrystalBenchCase {
  std::string name;  // "polycrystal-1000"
  int grains;
  int dim;
  bool cpu, cuda;    // part of the default set for that backend
};

const std::vector<PolycrystalBenchCase>& polycrystal_bench_cases();

// Prints its table row and returns it as JSON.
nlohmann::json run_polycrystal_case(const PolycrystalBenchCase& c, const Exec& exec, const BenchOptions& options);
void print_polycrystal_header();

}  // namespace tessera
