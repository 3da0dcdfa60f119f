#include "ui/cli/bench_polycrystal.h"

#include <cstdio>

#include "engine/profile.h"
#include "sim/polycrystal/generator.h"
#include "sim/polycrystal/grain_stats.h"

namespace tessera {

const std::vector<PolycrystalBenchCase>& polycrystal_bench_cases() {
  static const std::vector<PolycrystalBenchCase> cases = {
      {"polycrystal-1000", 1000, 3, true, true},
      {"polycrystal-5000", 5000, 3, false, true},
      {"polycrystal-10000", 10000, 3, false, true},
  };
  return cases;
}

void print_polycrystal_header() {
  std::printf("\n%-18s %-5s %6s %6s %9s %9s %9s %9s %6s %6s %6s %8s %5s %5s\n", "case", "back", "N", "grid", "setup_ms",
              "fit_ms", "newton_ms", "lbfgs_ms", "newton", "lbfgs", "passes", "max_err", "empty", "disc");
}

nlohmann::json run_polycrystal_case(const PolycrystalBenchCase& c, const Exec& exec, const BenchOptions& options) {
  polycrystal::PolycrystalParams p = polycrystal::default_polycrystal_params();
  p.grains = c.grains;
  p.dim = c.dim;
  p.seed = options.seed;
  const Stopwatch setup;
  polycrystal::Polycrystal pc(p, exec);  // sampling, engine, the labels at the heuristic start
  exec.synchronize();
  const double setup_ms = setup.elapsed_ms();
  // One cold fit is the measurement (a second would start warm): PyAPD's figure is a cold solve.
  const FitResult r = pc.fit();
  exec.synchronize();
  const polycrystal::PolycrystalStats stats = polycrystal::measure(pc);
  const char* back = exec.is_cuda() ? "cuda" : "cpu";
  char grid[24];
  std::snprintf(grid, sizeof grid, "%d^%d", pc.grid().n[0], c.dim);
  std::printf("%-18s %-5s %6d %6s %9.1f %9.1f %9.1f %9.1f %6d %6d %6d %8.4f %5d %5d%s\n", c.name.c_str(), back, c.grains,
              grid, setup_ms, r.total_ms, r.newton_ms, r.lbfgs_ms, r.newton_iterations, r.lbfgs_iterations, r.passes,
              stats.max_abs_error, stats.n_empty, stats.n_disconnected, r.converged ? "" : "  (not converged)");
  return {{"case", c.name},
          {"backend", back},
          {"grains", c.grains},
          {"dim", c.dim},
          {"grid", pc.grid().n[0]},
          {"setup_ms", setup_ms},
          {"fit_ms", r.total_ms},
          {"newton_ms", r.newton_ms},
          {"lbfgs_ms", r.lbfgs_ms},
          {"newton_iterations", r.newton_iterations},
          {"lbfgs_iterations", r.lbfgs_iterations},
          {"passes", r.passes},
          {"converged", r.converged},
          {"max_error", stats.max_abs_error},
          {"empty", stats.n_empty},
          {"disconnected", stats.n_disconnected}};
}

}  // namespace tessera
