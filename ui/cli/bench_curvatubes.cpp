#include "ui/cli/bench_curvatubes.h"

#include <algorithm>
#include <cstdio>

#include "engine/profile.h"
#include "sim/curvatubes/generator.h"
#include "sim/curvatubes/presets.h"

namespace tessera {

const std::vector<CurvatubesBenchCase>& curvatubes_bench_cases() {
  static const std::vector<CurvatubesBenchCase> cases = {
      {"curvatubes-32", 32, false, false},  {"curvatubes-64", 64, true, true},   {"curvatubes-100", 100, true, true},
      {"curvatubes-128", 128, true, true}, {"curvatubes-256", 256, false, true},
  };
  return cases;
}

void print_curvatubes_header() {
  std::printf("\n%-16s %-5s %6s %9s %9s %9s %9s %9s %9s %12s\n", "case", "back", "grid", "iter_ms", "min_ms", "field",
              "energy", "blur_back", "adam", "energy_E");
}

nlohmann::json run_curvatubes_case(const CurvatubesBenchCase& c, const Exec& exec, const BenchOptions& options) {
  curvatubes::CurvatubesParams params = curvatubes::apply_preset(curvatubes::default_curvatubes_params(), "tubes");
  params.nz = params.nx = params.ny = c.size;
  params.seed = options.seed;
  curvatubes::Generator<float> generator(exec, params);
  generator.init_noise();
  generator.iterate(5);  // warm-up: allocations, caches, the first large gradients
  generator.reset_timing();
  std::vector<double> ms;
  const int steps = std::max(options.steps, 3);
  for (int s = 0; s < steps; ++s) {
    const Stopwatch watch;
    generator.iterate(1);
    exec.synchronize();
    ms.push_back(watch.elapsed_ms());
  }
  std::vector<double> sorted = ms;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted[sorted.size() / 2], best = sorted.front();
  const curvatubes::GeneratorTiming& t = generator.timing();
  const double n = static_cast<double>(std::max<std::int64_t>(t.n_steps, 1));
  const char* back = exec.is_cuda() ? "cuda" : "cpu";
  char grid[24];
  std::snprintf(grid, sizeof grid, "%d^3", c.size);
  std::printf("%-16s %-5s %6s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %12.6g\n", c.name.c_str(), back, grid, median, best,
              t.build_u_ms / n, (t.forward_ms + t.gather_ms) / n, t.backward_ms / n, t.adam_ms / n, generator.energy());
  return {{"case", c.name},
          {"backend", back},
          {"grid", c.size},
          {"iterations", steps},
          {"iteration_ms_median", median},
          {"iteration_ms_min", best},
          {"field_ms", t.build_u_ms / n},
          {"energy_gradient_ms", (t.forward_ms + t.gather_ms) / n},
          {"blur_back_ms", t.backward_ms / n},
          {"adam_ms", t.adam_ms / n},
          {"energy", generator.energy()}};
}

}  // namespace tessera
