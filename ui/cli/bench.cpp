#include "ui/cli/bench.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "engine/log.h"
#include "engine/profile.h"
#include "engine/rng.h"
#include "ui/cli/bench_curvatubes.h"
#include "ui/cli/bench_polycrystal.h"
#include "sim/ot/cost_setup.h"
#include "sim/ot/volume_fit.h"

namespace tessera {

namespace {

struct BenchCase {
  std::string name;
  int dim;
  int n_grid;            // points per axis
  int n_cells;
  bool disk;             // disk/ball domain of radius 0.5 (else the box)
  double volume_fraction;
  bool cpu;              // part of the default CPU set
  bool cuda;             // part of the default CUDA set
};

// The performance targets (docs/BENCHMARKS.md) plus a small smoke case.
const std::vector<BenchCase>& all_cases() {
  static const std::vector<BenchCase> cases = {
      {"2d-n126-512-disk", 2, 512, 126, true, 0.875, true, true},
      {"2d-n1000-512", 2, 512, 1000, false, 0.8, true, true},
      {"3d-n100-64", 3, 64, 100, false, 0.8, true, true},
      {"3d-n1000-256", 3, 256, 1000, false, 0.8, false, true},
      {"2d-n20-64", 2, 64, 20, false, 0.6, false, false},
  };
  return cases;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

struct Setup {
  Domain domain;
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs;
  std::vector<double> targets;
};

// Equal cells of an l2 (power p = 2, volume scaling) cost at random positions in the domain.
Setup make_setup(const BenchCase& c, std::uint64_t seed) {
  Setup s;
  const Grid grid = c.dim == 2 ? make_grid_2d(c.n_grid, c.n_grid) : make_grid_3d(c.n_grid, c.n_grid, c.n_grid);
  const Vec3 center{0.5, 0.5, c.dim == 3 ? 0.5 : 0.0};
  s.domain = c.disk ? make_masked_domain(grid, disk_shape(center, 0.5)) : make_box_domain(grid);
  const double kept_volume = static_cast<double>(s.domain.n_kept) * grid.pixel_volume();
  const double v = c.volume_fraction / c.n_cells;
  const double radius = c.dim == 2 ? std::sqrt(v * kept_volume / std::numbers::pi)
                                   : std::cbrt(3 * v * kept_volume / (4 * std::numbers::pi));
  CostSpec spec;
  spec.family = CostFamily::Power;
  spec.scaling = CostScaling::Volume;
  spec.p = 2;
  spec.C = 1;
  spec.R = radius;
  const CounterRng rng{seed};
  for (std::uint64_t k = 0; static_cast<int>(s.seeds.size()) < c.n_cells; ++k) {
    double u0, u1;
    rng.uniform2(11, k, u0, u1);
    const Vec3 x{u0, u1, c.dim == 3 ? rng.uniform(12, k) : 0.0};
    if (c.disk && norm(x - center) > 0.45) continue;
    s.seeds.push_back(x);
  }
  s.costs.assign(c.n_cells, make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, c.dim));
  s.targets.assign(c.n_cells, v);
  return s;
}

struct BenchRow {
  std::string name, backend;
  int n_cells = 0, n_grid = 0, dim = 0;
  double setup_ms = 0;
  double fit_ms = 0;             // median warm-started fit per step
  double passes = 0, newton = 0, lbfgs = 0;  // means per step
  double mean_error = 0, max_error = 0;      // worst over the steps
  int failures = 0;
  double binned_ms = 0, brute_ms = 0;
};

BenchRow run_case(const BenchCase& c, const Exec& exec, const BenchOptions& options) {
  BenchRow row{c.name, std::string(backend_name(exec.backend)), c.n_cells, c.n_grid, c.dim};
  const Stopwatch setup_watch;
  Setup s = make_setup(c, options.seed);
  LaguerreEngine engine(exec, s.domain, true);
  std::vector<double> f(c.n_cells, 0.0);
  const FitParams params = default_fit_params();
  // Relax to a centroidal configuration first (Lloyd), as a scene's initialisation does.
  for (int pass = 0; pass < 4; ++pass) {
    engine.set_cells(s.seeds, s.costs);
    fit_volumes(engine, CellSetView{s.seeds, s.costs, {}}, s.targets, f, params);
    const CellMoments m = engine.moments();
    for (int i = 0; i < c.n_cells; ++i)
      if (m.counts[i] > 0) s.seeds[i] = m.centroid[i];
  }
  engine.set_cells(s.seeds, s.costs);
  fit_volumes(engine, CellSetView{s.seeds, s.costs, {}}, s.targets, f, params);
  row.setup_ms = setup_watch.elapsed_ms();

  // Warm steps: every seed moves `move` pixels in a random direction, then re-fit.
  const CounterRng rng{options.seed + 1};
  const double step = options.move * s.domain.grid.spacing(0);
  std::vector<double> times;
  for (int k = 0; k < options.steps; ++k) {
    for (int i = 0; i < c.n_cells; ++i) {
      Vec3 g = rng.normal_vec(100 + k, i, c.dim);
      s.seeds[i] += (step / std::max(norm(g), 1e-12)) * g;
    }
    const Stopwatch watch;
    engine.set_cells(s.seeds, s.costs);
    const FitResult r = fit_volumes(engine, CellSetView{s.seeds, s.costs, {}}, s.targets, f, params);
    times.push_back(watch.elapsed_ms());
    row.passes += r.passes;
    row.newton += r.newton_iterations;
    row.lbfgs += r.lbfgs_iterations;
    row.mean_error = std::max(row.mean_error, r.mean_error);
    row.max_error = std::max(row.max_error, r.max_error);
    row.failures += r.converged ? 0 : 1;
  }
  row.fit_ms = median(times);
  row.passes /= options.steps;
  row.newton /= options.steps;
  row.lbfgs /= options.steps;

  // Assignment alone, binned vs brute force, at the final potentials.
  for (AssignMethod method : {AssignMethod::Binned, AssignMethod::BruteForce}) {
    std::vector<double> t;
    for (int r = 0; r < options.repeats; ++r) {
      const Stopwatch watch;
      engine.assign(f, method);
      exec.synchronize();
      t.push_back(watch.elapsed_ms());
    }
    (method == AssignMethod::Binned ? row.binned_ms : row.brute_ms) = median(t);
  }
  return row;
}

void print_row(const BenchRow& r) {
  std::printf("%-18s %-5s %6d %5d^%d %9.2f %6.1f %6.1f %6.1f %8.4f %8.4f %4d %10.2f %10.2f %7.1fx\n", r.name.c_str(),
              r.backend.c_str(), r.n_cells, r.n_grid, r.dim, r.fit_ms, r.passes, r.newton, r.lbfgs, r.mean_error,
              r.max_error, r.failures, r.binned_ms, r.brute_ms, r.brute_ms / std::max(r.binned_ms, 1e-9));
  std::fflush(stdout);
}

nlohmann::json to_json(const BenchRow& r) {
  return {{"case", r.name},        {"backend", r.backend},     {"n_cells", r.n_cells},    {"grid", r.n_grid},
          {"dim", r.dim},          {"setup_ms", r.setup_ms},   {"fit_ms_median", r.fit_ms}, {"passes_mean", r.passes},
          {"newton_mean", r.newton}, {"lbfgs_mean", r.lbfgs},  {"mean_error_worst", r.mean_error},
          {"max_error_worst", r.max_error}, {"failures", r.failures}, {"assign_binned_ms", r.binned_ms},
          {"assign_brute_ms", r.brute_ms}};
}

// A case runs when --case names it, or, without --case, when it is in the backend's default set.
bool picked(const BenchOptions& options, const std::string& name, bool by_default) {
  if (options.cases.empty()) return by_default;
  return std::find(options.cases.begin(), options.cases.end(), name) != options.cases.end();
}

}  // namespace

int run_bench(const BenchOptions& options) {
  if (options.list) {
    for (const BenchCase& c : all_cases())
      std::printf("%-18s %dD, N=%d, %d^%d grid%s, default on: %s%s\n", c.name.c_str(), c.dim, c.n_cells, c.n_grid, c.dim,
                  c.disk ? " (disk domain)" : "", c.cpu ? "cpu " : "", c.cuda ? "cuda" : "");
    for (const CurvatubesBenchCase& c : curvatubes_bench_cases())
      std::printf("%-18s curvatubes iteration (tubes, cons, periodic, float32), %d^3 grid, default on: %s%s\n",
                  c.name.c_str(), c.size, c.cpu ? "cpu " : "", c.cuda ? "cuda" : "");
    for (const PolycrystalBenchCase& c : polycrystal_bench_cases())
      std::printf("%-18s polycrystal cold fit, %dD, N=%d, 1 %% per grain on PyAPD's grid rule, default on: %s%s\n",
                  c.name.c_str(), c.dim, c.grains, c.cpu ? "cpu " : "", c.cuda ? "cuda" : "");
    return 0;
  }
  std::vector<Backend> backends;
  if (options.backends == "cpu" || options.backends == "all") backends.push_back(Backend::Cpu);
  if (options.backends == "cuda" || options.backends == "all") {
    if (cuda_device_info().available) backends.push_back(Backend::Cuda);
    else if (options.backends == "cuda") throw_error("--backend cuda: no usable CUDA device (" + cuda_device_info().reason + ")");
    else log::info("bench: no CUDA device ({}); CPU rows only.", cuda_device_info().reason);
  }
  for (const std::string& name : options.cases)
    TESSERA_REQUIRE(std::any_of(all_cases().begin(), all_cases().end(), [&](const BenchCase& c) { return c.name == name; }) ||
                        std::any_of(curvatubes_bench_cases().begin(), curvatubes_bench_cases().end(),
                                    [&](const CurvatubesBenchCase& c) { return c.name == name; }) ||
                        std::any_of(polycrystal_bench_cases().begin(), polycrystal_bench_cases().end(),
                                    [&](const PolycrystalBenchCase& c) { return c.name == name; }),
                    "unknown bench case '" + name + "' (see tessera bench --list)");

  std::printf("%-18s %-5s %6s %7s %9s %6s %6s %6s %8s %8s %4s %10s %10s %8s\n", "case", "back", "N", "grid", "fit_ms",
              "passes", "newton", "lbfgs", "mean_err", "max_err", "fail", "assign_ms", "brute_ms", "speedup");
  nlohmann::json rows = nlohmann::json::array();
  for (Backend backend : backends) {
    const Exec exec{backend};
    for (const BenchCase& c : all_cases()) {
      if (!picked(options, c.name, backend == Backend::Cpu ? c.cpu : c.cuda)) continue;
      const BenchRow row = run_case(c, exec, options);
      print_row(row);
      rows.push_back(to_json(row));
    }
  }
  // The curvatubes iterations, in their own table.
  bool header = false;
  for (Backend backend : backends) {
    const Exec exec{backend};
    for (const CurvatubesBenchCase& c : curvatubes_bench_cases()) {
      if (!picked(options, c.name, backend == Backend::Cpu ? c.cpu : c.cuda)) continue;
      if (!header) print_curvatubes_header();
      header = true;
      rows.push_back(run_curvatubes_case(c, exec, options));
    }
  }
  // The polycrystal fits, in their own table.
  header = false;
  for (Backend backend : backends) {
    const Exec exec{backend};
    for (const PolycrystalBenchCase& c : polycrystal_bench_cases()) {
      if (!picked(options, c.name, backend == Backend::Cpu ? c.cpu : c.cuda)) continue;
      if (!header) print_polycrystal_header();
      header = true;
      rows.push_back(run_polycrystal_case(c, exec, options));
    }
  }
  if (!options.json.empty()) {
    nlohmann::json doc = {{"device", cuda_device_info().available ? cuda_device_info().name : "none"},
                          {"cpu_threads", cpu_thread_count()},
                          {"steps", options.steps},
                          {"move_pixels", options.move},
                          {"rows", rows}};
    std::ofstream out(options.json);
    TESSERA_REQUIRE(out.good(), "cannot write benchmark JSON to " + options.json.string());
    out << doc.dump(2) << "\n";
  }
  return 0;
}

}  // namespace tessera
