#pragma once
// The curvatubes shape generator (ref. 3.1-3.5, 4.4, 4.9): state of one run (the
// optimised variable A or v, Adam moments, step counter) and the per-iteration driver
// for the three flows. One iterate() step = one energy+gradient evaluation + one Adam
// update, as in the reference's closure loop.
//
//   Cons:   variable A (3N, component-major z, x, y); u = B((div A)/h + M0)
//   L2:     variable v (N);                         u = B v
//   Averm0: variable v (N);                         u = B v - mean(B v) + M0, M0 = mean(B v0)
//
// field() returns the u of the last finite evaluation (for Averm0 the projected field,
// whose mean is M0; the reference exports the unprojected B v).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "sim/curvatubes/blur.h"
#include "sim/curvatubes/energy.h"
#include "sim/curvatubes/morphometrics.h"
#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

enum class GeneratorStatus { Running, NotViable, Diverged };
inline constexpr std::array<std::string_view, 3> kGeneratorStatusNames = {"running", "not_viable", "diverged"};

// One sample of the energy curves (ref. 3.4), taken after evaluation n_evals.
struct CurvePoint {
  std::int64_t n_evals = 0;
  double energy = 0;
  double mean_abs_grad = 0;  // mean |dE/d variable| over all its components
  double max_abs_grad = 0;
  double mean_u = 0;
};

struct ViabilityCheck {
  std::int64_t n_evals = 0;
  FieldStats stats;
  Discrepancy discrepancy;
  bool viable = false;
};

// Accumulated wall time per stage in milliseconds (CPU backend; on CUDA the launches
// are asynchronous and these only count launch overhead).
struct GeneratorTiming {
  double build_u_ms = 0;   // divergence + blur (+ projection)
  double forward_ms = 0;   // density + adjoints
  double gather_ms = 0;    // transposed stencils
  double backward_ms = 0;  // blur of dE/du (+ mean for averm0)
  double adam_ms = 0;      // Adam (+ divergence transpose for cons)
  double stats_ms = 0;     // curves and viability
  std::int64_t n_steps = 0;
  double total_ms() const { return build_u_ms + forward_ms + gather_ms + backward_ms + adam_ms + stats_ms; }
};

// Evaluation counts at which the viability test runs (ref. 6.1).
inline constexpr std::array<std::int64_t, 3> kViabilityEvals = {500, 1000, 5000};

template <class T>
class Generator {
 public:
  // Validates params (tessera::Error naming the bad value) and allocates the state.
  // The variable starts at zero: call one of the init functions.
  Generator(const Exec& exec, const CurvatubesParams& params);

  // A0 = 40 h U[0,1) per entry from the Philox counter RNG seeded with params.seed
  // (reproducible on any thread count and backend). For L2/Averm0 the variable is
  // v0 = B((div A0)/h + M0), the same initial field as Cons.
  void init_noise();
  // L2/Averm0: v0 = u0 (N values). Averm0 fixes M0 = mean(B u0).
  void init_from_field(const std::vector<T>& u0);
  // Cons: A0 (3N values, component-major).
  void init_from_potential(const std::vector<T>& a0);

  // Live steering: the parameters of the next iterations. Everything but the grid, h,
  // the flow, the boundary mode and the seed may change (those fix the variable and
  // its start; tessera::Error naming the first that differs, or a bad value). The
  // variable, Adam's moments and the counters are kept; field() and energy() still
  // show the last evaluation until the next one. Averm0 keeps its M0 (the flow
  // conserves the start's mean; params.m0 does not apply to it).
  void set_params(const CurvatubesParams& params);

  // Replaces the variable without touching Adam's state or the counters (tests).
  void set_variable(const std::vector<T>& variable);
  // Energy and gradient at the current variable; updates field(), gradient(). Does not
  // count as an evaluation of the run and takes no step.
  double evaluate();

  // Runs up to n_steps iterations (evaluation, curves/viability, Adam update). Returns
  // the number done: fewer when the run becomes non-viable (status() == NotViable).
  // A NaN/inf energy sets status() = Diverged, keeps the last finite field and throws
  // tessera::Error naming the evaluation.
  int iterate(int n_steps);

  const CurvatubesParams& params() const { return m_params; }
  Shape shape() const { return m_shape; }
  GeneratorStatus status() const { return m_status; }
  std::int64_t n_evals() const { return m_n_evals; }
  std::int64_t step() const { return m_step; }
  double energy() const { return m_energy; }  // of the last finite evaluation
  double mass() const { return m_m0; }        // prescribed mean (Averm0: mean(B v0))
  const std::vector<CurvePoint>& curves() const { return m_curves; }
  const std::vector<ViabilityCheck>& viability_checks() const { return m_viability; }
  const GeneratorTiming& timing() const { return m_timing; }
  void reset_timing() { m_timing = GeneratorTiming{}; }

  std::vector<T> field();     // u of the last finite evaluation (N)
  std::vector<T> variable();  // A (3N) or v (N)
  std::vector<T> gradient();  // dE/d variable at the last evaluation (3N or N)
  double field_mean();        // mean of field(), in double

 private:
  void build_u(T* u);
  double evaluate_into();  // evaluation into the spare u buffer; flips on success
  void record_curve();
  void check_viability();
  T* u_current() { return m_u[m_cur].data(m_exec); }

  Exec m_exec;
  CurvatubesParams m_params;
  Shape m_shape;
  std::int64_t m_n = 0;      // voxels
  std::int64_t m_n_var = 0;  // variable components
  Blur<T> m_blur;
  EnergyEvaluator<T> m_energy_op;
  Mirrored<T> m_var, m_adam_m, m_adam_v;
  Mirrored<T> m_u[2];
  int m_cur = 0;
  Mirrored<T> m_raw, m_tmp, m_grad_u, m_back;  // m_back = B dE/du
  Mirrored<T> m_m0_field;                      // spatial M0 (Cons) or empty
  double m_m0 = 0;
  double m_energy = 0;
  std::int64_t m_n_evals = 0, m_step = 0;
  GeneratorStatus m_status = GeneratorStatus::Running;
  std::vector<CurvePoint> m_curves;
  std::vector<ViabilityCheck> m_viability;
  GeneratorTiming m_timing;
};

}  // namespace tessera::curvatubes
