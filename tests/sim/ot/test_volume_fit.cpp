#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "engine/rng.h"
#include "sim/ot/cost_setup.h"
#include "sim/ot/sinkhorn.h"
#include "sim/ot/volume_fit.h"
#include "test_support.h"

using namespace tessera;

namespace {

struct Problem {
  Domain domain;
  bool with_void = true;
  std::vector<Vec3> seeds;
  std::vector<CellCost> costs;
  std::vector<double> targets;
};

// n cells at random positions, volumes (1 + U) scaled to `fraction` of the domain,
// power cost with exponent p, volume scaling, R from the mean volume.
Problem random_problem(const Grid& grid, int n, double fraction, double p, std::uint64_t seed, bool with_void = true) {
  Problem pr;
  pr.domain = make_box_domain(grid);
  pr.with_void = with_void;
  const CounterRng rng{seed};
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    double u0, u1;
    rng.uniform2(1, i, u0, u1);
    pr.seeds.push_back(Vec3{u0 * grid.length[0], u1 * grid.length[1], grid.dim == 3 ? rng.uniform(2, i) * grid.length[2] : 0});
    pr.targets.push_back(1.0 + rng.uniform(3, i));
    sum += pr.targets.back();
  }
  for (double& v : pr.targets) v *= fraction / sum;
  const double mean_v = fraction / n;
  CostSpec spec;
  spec.p = p;
  spec.R = grid.dim == 2 ? std::sqrt(mean_v / std::numbers::pi) : std::cbrt(3 * mean_v / (4 * std::numbers::pi));
  for (int i = 0; i < n; ++i) pr.costs.push_back(make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, grid.dim));
  return pr;
}

FitResult solve(Problem& pr, std::vector<double>& f, const FitParams& params, LaguerreEngine** out = nullptr) {
  static thread_local std::unique_ptr<LaguerreEngine> engine;
  engine = std::make_unique<LaguerreEngine>(Exec{Backend::Cpu}, pr.domain, pr.with_void);
  engine->set_cells(pr.seeds, pr.costs);
  if (out) *out = engine.get();
  return fit_volumes(*engine, CellSetView{pr.seeds, pr.costs, {}}, pr.targets, f, params);
}

}  // namespace

TEST_CASE("cold start converges to 1 % mean error (2D, void, several p)", "[cpu][sim][solver]") {
  for (double p : {0.75, 2.0, 6.0}) {
    Problem pr = random_problem(make_grid_2d(160, 160), 40, 0.7, p, 3);
    std::vector<double> f(pr.seeds.size(), 0.0);
    LaguerreEngine* engine = nullptr;
    const FitResult r = solve(pr, f, default_fit_params(), &engine);
    INFO("p = " << p << ", failure: " << r.failure << ", passes " << r.passes);
    REQUIRE(r.converged);
    REQUIRE(r.mean_error < 0.01);
    // The engine holds the labels of the returned potentials.
    const std::vector<std::int32_t> labels = engine->labels();
    std::vector<std::int64_t> counts(pr.seeds.size(), 0);
    for (std::int32_t l : labels)
      if (l >= 0) ++counts[l];
    REQUIRE(relative_volume_errors(counts, pr.targets, pr.domain.n_kept)[0] == Approx(r.mean_error));
  }
}

TEST_CASE("max criterion, packed domain, periodic box and 3D all converge", "[cpu][sim][solver]") {
  SECTION("max criterion") {
    Problem pr = random_problem(make_grid_2d(160, 160), 30, 0.6, 2.0, 5);
    std::vector<double> f(pr.seeds.size(), 0.0);
    FitParams params = default_fit_params();
    params.criterion = StopCriterion::Max;
    params.tolerance = 0.02;
    const FitResult r = solve(pr, f, params);
    INFO(r.failure);
    REQUIRE(r.converged);
    REQUIRE(r.max_error < 0.02);
  }
  SECTION("packed, no void") {
    Problem pr = random_problem(make_grid_2d(128, 128), 25, 1.0, 2.0, 6, false);
    std::vector<double> f(pr.seeds.size(), 0.0);
    const FitResult r = solve(pr, f, default_fit_params());
    INFO(r.failure);
    REQUIRE(r.converged);
  }
  SECTION("periodic") {
    Problem pr = random_problem(make_grid_2d(128, 128, 1.0, 1.0, true), 30, 0.8, 2.0, 7);
    std::vector<double> f(pr.seeds.size(), 0.0);
    const FitResult r = solve(pr, f, default_fit_params());
    INFO(r.failure);
    REQUIRE(r.converged);
  }
  SECTION("3D") {
    Problem pr = random_problem(make_grid_3d(40, 40, 40), 20, 0.7, 2.0, 8);
    std::vector<double> f(pr.seeds.size(), 0.0);
    const FitResult r = solve(pr, f, default_fit_params());
    INFO(r.failure);
    REQUIRE(r.converged);
  }
  SECTION("mixed families: anisotropic and stadium cells beside power cells") {
    Problem pr = random_problem(make_grid_2d(160, 160), 24, 0.6, 2.0, 9);
    for (std::size_t i = 0; i < pr.costs.size(); i += 3) {
      CostSpec spec;
      spec.family = i % 2 ? CostFamily::AnisotropicPower : CostFamily::Spherocylinder;
      spec.b = 0.03;
      spec.R = 0.05;
      spec.p = 2.5;
      pr.costs[i] = make_cell_cost(spec, Vec3{1, 1, 0}, 2.5, 2);
    }
    std::vector<double> f(pr.seeds.size(), 0.0);
    const FitResult r = solve(pr, f, default_fit_params());
    INFO(r.failure);
    REQUIRE(r.converged);
  }
}

TEST_CASE("L-BFGS alone converges too", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(128, 128), 20, 0.6, 2.0, 10);
  std::vector<double> f(pr.seeds.size(), 0.0);
  FitParams params = default_fit_params();
  params.method = FitMethod::Lbfgs;
  const FitResult r = solve(pr, f, params);
  INFO(r.failure << " passes " << r.passes);
  REQUIRE(r.converged);
  REQUIRE(r.newton_iterations == 0);
  REQUIRE(r.lbfgs_iterations > 0);
}

TEST_CASE("a warm start after a small move needs few passes", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(200, 200), 40, 0.7, 2.0, 11);
  std::vector<double> f(pr.seeds.size(), 0.0);
  const FitResult cold = solve(pr, f, default_fit_params());
  REQUIRE(cold.converged);
  for (Vec3& x : pr.seeds) x.x += 0.5 / 200;  // half a pixel
  const FitResult warm = solve(pr, f, default_fit_params());
  INFO("cold passes " << cold.passes << ", warm passes " << warm.passes);
  REQUIRE(warm.converged);
  REQUIRE(warm.passes < cold.passes);
  REQUIRE(warm.passes <= 6);
}

TEST_CASE("equal cells in a symmetric layout get equal volumes", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(120, 120), 4, 0.5, 2.0, 12);
  pr.seeds = {Vec3{0.3, 0.3, 0}, Vec3{0.7, 0.3, 0}, Vec3{0.3, 0.7, 0}, Vec3{0.7, 0.7, 0}};
  pr.targets.assign(4, 0.125);
  pr.costs.assign(4, pr.costs[0]);
  std::vector<double> f(4, 0.0);
  LaguerreEngine* engine = nullptr;
  const FitResult r = solve(pr, f, default_fit_params(), &engine);
  REQUIRE(r.converged);
  for (int i = 1; i < 4; ++i) REQUIRE(f[i] == Approx(f[0]).epsilon(1e-9));
}

TEST_CASE("potentials are translation invariant (periodic shift by whole pixels)", "[cpu][sim][solver]") {
  const Grid grid = make_grid_2d(100, 100, 1.0, 1.0, true);
  Problem a = random_problem(grid, 15, 0.6, 2.0, 13);
  Problem b = a;
  for (Vec3& x : b.seeds) x = grid.wrap_position(x + Vec3{0.23, 0.41, 0});  // 23 and 41 pixels
  std::vector<double> fa(15, 0.0), fb(15, 0.0);
  FitParams params = default_fit_params();
  params.tolerance = 1e-4;  // drive both to the same pixel-exact solution
  params.max_passes = 400;
  solve(a, fa, params);
  LaguerreEngine* engine_b = nullptr;
  solve(b, fb, params, &engine_b);
  std::vector<std::int64_t> count_a(15, 0), count_b(15, 0);
  LaguerreEngine ea(Exec{Backend::Cpu}, a.domain, true);
  ea.set_cells(a.seeds, a.costs);
  ea.assign(fa);
  for (std::int32_t l : ea.labels())
    if (l >= 0) ++count_a[l];
  for (std::int32_t l : engine_b->labels())
    if (l >= 0) ++count_b[l];
  REQUIRE(count_a == count_b);
}

TEST_CASE("unreachable or invalid targets are clear errors, never hangs", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(64, 64), 10, 0.5, 2.0, 14);
  std::vector<double> f(10, 0.0);
  LaguerreEngine engine(Exec{Backend::Cpu}, pr.domain, true);
  engine.set_cells(pr.seeds, pr.costs);
  const CellSetView cells{pr.seeds, pr.costs, {}};
  const FitParams params = default_fit_params();
  std::vector<double> too_big(10, 0.11);
  REQUIRE_THROWS_WITH(fit_volumes(engine, cells, too_big, f, params), Catch::Contains("sum to"));
  std::vector<double> nan_target = pr.targets;
  nan_target[3] = std::nan("");
  REQUIRE_THROWS_WITH(fit_volumes(engine, cells, nan_target, f, params), Catch::Contains("cell 3"));
  std::vector<double> negative = pr.targets;
  negative[2] = -0.01;
  REQUIRE_THROWS_WITH(fit_volumes(engine, cells, negative, f, params), Catch::Contains("cell 2"));
  std::vector<double> tiny = pr.targets;
  tiny[5] = 1.0 / 4096;  // one pixel
  REQUIRE_THROWS_WITH(fit_volumes(engine, cells, tiny, f, params), Catch::Contains("raise the grid resolution"));
  std::vector<double> nan_f(10, 0.0);
  nan_f[1] = std::nan("");
  REQUIRE_THROWS_WITH(fit_volumes(engine, cells, pr.targets, nan_f, params), Catch::Contains("cell 1"));
  // A pass budget ends the solve with a reason instead of looping.
  FitParams capped = params;
  capped.max_passes = 3;
  std::vector<double> f0(10, 0.0);
  const FitResult r = fit_volumes(engine, cells, pr.targets, f0, capped);
  REQUIRE_FALSE(r.converged);
  REQUIRE(r.passes <= 4);
  REQUIRE_THAT(r.failure, Catch::Contains("tolerance"));
  std::string warning;
  FitParams strict = params;
  strict.warn_pixels_per_cell = 1000;  // these cells hold ~150-270 pixels
  checked_targets(pr.targets, pr.domain.n_kept, true, strict, &warning);
  REQUIRE_THAT(warning, Catch::Contains("pixels"));  // ~200 px per cell here: below the 1 % guide
}

TEST_CASE("annealing schedule: geometric, n + extra entries", "[cpu][sim][solver]") {
  const std::vector<double> s = annealing_schedule(2.0, 20, 10, 1.0 / 128);
  REQUIRE(s.size() == 30);
  REQUIRE(s.front() == Approx(2.0));
  for (int k = 19; k < 30; ++k) REQUIRE(s[k] == Approx(1.0 / 128));
  for (int k = 1; k < 19; ++k) REQUIRE(s[k + 1] / s[k] == Approx(s[1] / s[0]));
}

TEST_CASE("Sinkhorn with a void brings a cold start near the solution", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(128, 128), 20, 0.6, 2.0, 15);
  std::vector<double> f(20, 0.0);
  SinkhornParams sp;
  sp.s0 = 2.0;  // the reference's default: soft enough to move every cell
  sp.steps = 300;
  const SinkhornResult sr = sinkhorn_with_void(Exec{Backend::Cpu}, pr.domain, CellSetView{pr.seeds, pr.costs, {}},
                                               pr.targets, f, sp);
  REQUIRE(sr.iterations == 305);
  LaguerreEngine engine(Exec{Backend::Cpu}, pr.domain, true);
  engine.set_cells(pr.seeds, pr.costs);
  const AssignStats& stats = engine.assign(f);
  const auto errors = relative_volume_errors(stats.counts, pr.targets, pr.domain.n_kept);
  INFO("mean error after Sinkhorn " << errors[0]);
  REQUIRE(errors[0] < 0.15);
  const std::vector<std::int32_t> soft_labels = engine.labels();
  // Newton finishes; most labels stay where Sinkhorn put them.
  const FitResult r = fit_volumes(engine, CellSetView{pr.seeds, pr.costs, {}}, pr.targets, f, default_fit_params());
  REQUIRE(r.converged);
  const std::vector<std::int32_t>& hard_labels = engine.labels();
  std::int64_t same = 0;
  for (std::size_t k = 0; k < hard_labels.size(); ++k) same += hard_labels[k] == soft_labels[k];
  REQUIRE(static_cast<double>(same) / hard_labels.size() > 0.9);
}

TEST_CASE("fit_volumes uses Sinkhorn when asked and far from the solution", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(128, 128), 20, 0.6, 2.0, 16);
  std::vector<double> f(20, 0.0);
  FitParams params = default_fit_params();
  params.sinkhorn = true;
  const FitResult r = solve(pr, f, params);
  INFO(r.failure);
  REQUIRE(r.converged);
  REQUIRE(r.sinkhorn_iterations > 0);
}

TEST_CASE("nearly coincident seeds: both cells keep their volume, no cell is lost", "[cpu][sim][solver]") {
  Problem pr = random_problem(make_grid_2d(128, 128), 12, 0.6, 2.0, 17);
  pr.seeds[5] = pr.seeds[4] + Vec3{0.3 / 128, 0.1 / 128, 0};  // a third of a pixel apart
  pr.costs[5] = pr.costs[4];
  std::vector<double> f(12, 0.0);
  LaguerreEngine* engine = nullptr;
  const FitResult r = solve(pr, f, default_fit_params(), &engine);
  INFO(r.failure);
  REQUIRE(r.converged);
  std::vector<std::int64_t> counts(12, 0);
  for (std::int32_t l : engine->labels())
    if (l >= 0) ++counts[l];
  REQUIRE(counts[4] > 0);
  REQUIRE(counts[5] > 0);
  // Warm start with cell 5 swallowed by cell 4: reviving 5 must not empty 4.
  f[5] = f[4] - 1.0;
  const FitResult again = solve(pr, f, default_fit_params(), &engine);
  INFO(again.failure);
  REQUIRE(again.converged);
  counts.assign(12, 0);
  for (std::int32_t l : engine->labels())
    if (l >= 0) ++counts[l];
  REQUIRE(counts[4] > 0);
  REQUIRE(counts[5] > 0);
}

TEST_CASE("volume fitting on CUDA converges like the CPU (Newton and Sinkhorn)", "[cuda][sim][solver]") {
  TESSERA_REQUIRE_CUDA_OR_SKIP();
  for (const Grid& grid : {make_grid_2d(192, 192), make_grid_3d(40, 40, 40)}) {
    Problem pr = random_problem(grid, 30, 0.7, 2.0, 18);
    const CellSetView cells{pr.seeds, pr.costs, {}};
    for (Backend backend : {Backend::Cpu, Backend::Cuda}) {
      LaguerreEngine engine(Exec{backend}, pr.domain, true);
      engine.set_cells(pr.seeds, pr.costs);
      std::vector<double> f(pr.seeds.size(), 0.0);
      const FitResult r = fit_volumes(engine, cells, pr.targets, f, default_fit_params());
      INFO(backend_name(backend) << ": " << r.failure);
      REQUIRE(r.converged);
      REQUIRE(r.mean_error < 0.01);
    }
    std::vector<double> f_sk(pr.seeds.size(), 0.0), f_sk_gpu(pr.seeds.size(), 0.0);
    SinkhornParams sp;
    sp.steps = 60;
    sinkhorn_with_void(Exec{Backend::Cpu}, pr.domain, cells, pr.targets, f_sk, sp);
    sinkhorn_with_void(Exec{Backend::Cuda}, pr.domain, cells, pr.targets, f_sk_gpu, sp);
    for (std::size_t i = 0; i < f_sk.size(); ++i) REQUIRE(f_sk_gpu[i] == Approx(f_sk[i]).epsilon(1e-6));
  }
}
