#include "sim/curvatubes/generator.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "engine/error.h"
#include "engine/parallel.h"
#include "engine/rng.h"
#include "sim/curvatubes/adam.h"
#include "sim/curvatubes/flow_ops.h"

namespace tessera::curvatubes {

namespace {

constexpr std::uint64_t kNoiseStream = 0x63757276u;  // "curv": stream of the initial A0 draw

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

template <class T>
Generator<T>::Generator(const Exec& exec, const CurvatubesParams& params) : m_exec(exec), m_params(params) {
  validate(m_params);
  m_shape = Shape{params.nz, params.nx, params.ny};
  m_n = m_shape.size();
  m_n_var = params.flow == Flow::Cons ? 3 * m_n : m_n;
  m_blur = Blur<T>(exec, m_shape, params.sigma_blur, params.boundary);
  m_energy_op = EnergyEvaluator<T>(exec, params);
  for (Mirrored<T>* b : {&m_var, &m_adam_m, &m_adam_v}) {
    b->resize(static_cast<std::size_t>(m_n_var), T(0));
    b->upload(exec);
  }
  for (Mirrored<T>* b : {&m_u[0], &m_u[1], &m_raw, &m_tmp, &m_grad_u, &m_back}) {
    b->resize(static_cast<std::size_t>(m_n), T(0));
    b->upload(exec);
  }
  m_m0 = params.m0;
  if (params.flow == Flow::Cons && !params.spatial.m0.empty()) {
    m_m0_field.host().assign(params.spatial.m0.begin(), params.spatial.m0.end());
    m_m0_field.upload(exec);
    double sum = 0;
    for (double v : params.spatial.m0) sum += v;
    m_m0 = sum / static_cast<double>(m_n);
  }
}

template <class T>
void Generator<T>::set_params(const CurvatubesParams& params) {
  const std::string differs = unsteerable_difference(m_params, params);
  TESSERA_REQUIRE(differs.empty(), "curvatubes: " + differs + " cannot change during a run (reset to change it)");
  validate(params);
  if (params.sigma_blur != m_params.sigma_blur) m_blur = Blur<T>(m_exec, m_shape, params.sigma_blur, params.boundary);
  m_energy_op = EnergyEvaluator<T>(m_exec, params);
  if (params.flow == Flow::Cons) {
    m_m0 = params.m0;
    m_m0_field = Mirrored<T>{};
    if (!params.spatial.m0.empty()) {
      m_m0_field.host().assign(params.spatial.m0.begin(), params.spatial.m0.end());
      m_m0_field.upload(m_exec);
      double sum = 0;
      for (double v : params.spatial.m0) sum += v;
      m_m0 = sum / static_cast<double>(m_n);
    }
  }
  m_params = params;
}

template <class T>
void Generator<T>::init_noise() {
  // A0 = 40 h U[0,1) (ref. 3.5): counter-based, entry e uses half of Philox block e/2.
  std::vector<T> a0(static_cast<std::size_t>(3 * m_n));
  const CounterRng rng{m_params.seed};
  const T amplitude = static_cast<T>(40.0 * m_params.h);
  T* out = a0.data();
  const std::int64_t n_blocks = (3 * m_n + 1) / 2;
  const std::int64_t n_total = 3 * m_n;
  parallel_for_host(n_blocks, [&](std::int64_t b) {
    double u0, u1;
    rng.uniform2(kNoiseStream, static_cast<std::uint64_t>(b), u0, u1);
    out[2 * b] = amplitude * static_cast<T>(u0);
    if (2 * b + 1 < n_total) out[2 * b + 1] = amplitude * static_cast<T>(u1);
  });
  if (m_params.flow == Flow::Cons) {
    init_from_potential(a0);
    return;
  }
  // L2 / Averm0: start from the same field the conservative flow would see.
  Mirrored<T> a(std::move(a0));
  a.upload(m_exec);
  const T* m0f = m_params.spatial.m0.empty() ? nullptr : m_m0_field.data(m_exec);
  parallel_for(m_exec, m_n,
               DivergenceKernel<T>{m_shape, a.data(m_exec), m_raw.data(m_exec), static_cast<T>(0.5 / m_params.h),
                                   static_cast<T>(m_params.m0), m0f});
  m_blur.apply(m_exec, m_raw.data(m_exec), m_u[m_cur].data(m_exec), m_tmp.data(m_exec));
  m_u[m_cur].download(m_exec);
  init_from_field(m_u[m_cur].host());
}

template <class T>
void Generator<T>::init_from_field(const std::vector<T>& u0) {
  TESSERA_REQUIRE(
      m_params.flow != Flow::Cons,
      "curvatubes: init_from_field needs flow 'L2' or 'averm0' (the 'cons' flow starts from a potential A0)");
  TESSERA_REQUIRE(static_cast<std::int64_t>(u0.size()) == m_n, "curvatubes: init_from_field got " +
                                                                   std::to_string(u0.size()) +
                                                                   " values, expected Z*X*Y = " + std::to_string(m_n));
  set_variable(u0);
  if (m_params.flow == Flow::Averm0) {
    m_blur.apply(m_exec, m_var.data(m_exec), m_raw.data(m_exec), m_tmp.data(m_exec));
    m_m0 = transform_reduce(m_exec, m_n, 0.0, SumOp{}, ValueKernel<T>{m_raw.data(m_exec)}) / static_cast<double>(m_n);
  }
}

template <class T>
void Generator<T>::init_from_potential(const std::vector<T>& a0) {
  TESSERA_REQUIRE(m_params.flow == Flow::Cons, "curvatubes: init_from_potential needs flow 'cons'");
  TESSERA_REQUIRE(static_cast<std::int64_t>(a0.size()) == 3 * m_n,
                  "curvatubes: init_from_potential got " + std::to_string(a0.size()) +
                      " values, expected 3*Z*X*Y = " + std::to_string(3 * m_n));
  set_variable(a0);
}

template <class T>
void Generator<T>::set_variable(const std::vector<T>& variable) {
  TESSERA_REQUIRE(
      static_cast<std::int64_t>(variable.size()) == m_n_var,
      "curvatubes: variable has " + std::to_string(variable.size()) + " values, expected " + std::to_string(m_n_var));
  m_var.host() = variable;
  m_var.upload(m_exec);
}

template <class T>
void Generator<T>::build_u(T* u) {
  T* raw = m_raw.data(m_exec);
  T* tmp = m_tmp.data(m_exec);
  switch (m_params.flow) {
    case Flow::Cons: {
      const T* m0f = m_m0_field.size() ? m_m0_field.data(m_exec) : nullptr;
      divergence(m_exec, m_shape, m_var.data(m_exec), raw, static_cast<T>(0.5 / m_params.h),
                 static_cast<T>(m_params.m0), m0f);
      m_blur.apply(m_exec, raw, u, tmp);
      break;
    }
    case Flow::L2:
      m_blur.apply(m_exec, m_var.data(m_exec), u, tmp);
      break;
    case Flow::Averm0: {
      m_blur.apply(m_exec, m_var.data(m_exec), u, tmp);
      const double mean = transform_reduce(m_exec, m_n, 0.0, SumOp{}, ValueKernel<T>{u}) / static_cast<double>(m_n);
      parallel_for(m_exec, m_n, ShiftKernel<T>{u, static_cast<T>(m_m0 - mean)});
      break;
    }
  }
}

template <class T>
double Generator<T>::evaluate_into() {
  const int next = 1 - m_cur;
  T* u = m_u[next].data(m_exec);
  auto t0 = std::chrono::steady_clock::now();
  build_u(u);
  m_timing.build_u_ms += ms_since(t0);
  const double e = m_energy_op.evaluate(m_exec, u, m_grad_u.data(m_exec));
  m_timing.forward_ms += 1e3 * m_energy_op.last_forward_s();
  m_timing.gather_ms += 1e3 * m_energy_op.last_gather_s();
  if (!std::isfinite(e)) return e;
  t0 = std::chrono::steady_clock::now();
  // Backward through the projection and the blur (ref. 4.4): dE/dv = B^T (g - mean g).
  // The mean is removed before B^T because in replicate mode B^T does not map
  // constants to themselves (B^T = B and the order is irrelevant when periodic).
  if (m_params.flow == Flow::Averm0) {
    const double mean_g =
        transform_reduce(m_exec, m_n, 0.0, SumOp{}, ValueKernel<T>{m_grad_u.data(m_exec)}) / static_cast<double>(m_n);
    parallel_for(m_exec, m_n, ShiftKernel<T>{m_grad_u.data(m_exec), static_cast<T>(-mean_g)});
  }
  m_blur.apply(m_exec, m_grad_u.data(m_exec), m_back.data(m_exec), m_tmp.data(m_exec), true);
  m_timing.backward_ms += ms_since(t0);
  m_cur = next;
  m_energy = e;
  return e;
}

template <class T>
double Generator<T>::evaluate() {
  return evaluate_into();
}

template <class T>
void Generator<T>::record_curve() {
  CurvePoint p;
  p.n_evals = m_n_evals;
  p.energy = m_energy;
  if (m_params.flow == Flow::Cons) {
    GradAAbsKernel<T> k{m_shape, m_back.data(m_exec), static_cast<T>(0.5 / m_params.h), false};
    p.mean_abs_grad = transform_reduce(m_exec, m_n, 0.0, SumOp{}, k) / static_cast<double>(3 * m_n);
    k.max_mode = true;
    p.max_abs_grad = transform_reduce(m_exec, m_n, 0.0, MaxOp{}, k);
  } else {
    const AbsKernel<T> k{m_back.data(m_exec), T(0)};
    p.mean_abs_grad = transform_reduce(m_exec, m_n, 0.0, SumOp{}, k) / static_cast<double>(m_n);
    p.max_abs_grad = transform_reduce(m_exec, m_n, 0.0, MaxOp{}, k);
  }
  p.mean_u = field_mean();
  m_curves.push_back(p);
}

template <class T>
void Generator<T>::check_viability() {
  ViabilityCheck c;
  c.n_evals = m_n_evals;
  c.stats = field_stats<T>(m_exec, u_current(), m_n);
  c.discrepancy = discrepancy<T>(m_exec, m_params, u_current());
  c.viable = viable(c.stats, c.discrepancy);
  m_viability.push_back(c);
  if (!c.viable) m_status = GeneratorStatus::NotViable;
}

template <class T>
int Generator<T>::iterate(int n_steps) {
  TESSERA_REQUIRE(m_status != GeneratorStatus::Diverged, "curvatubes: the run diverged (NaN energy) at evaluation " +
                                                             std::to_string(m_n_evals + 1) +
                                                             "; re-initialise before iterating again");
  int done = 0;
  for (; done < n_steps && m_status == GeneratorStatus::Running; ++done) {
    const double e = evaluate_into();
    if (!std::isfinite(e)) {
      m_status = GeneratorStatus::Diverged;
      throw_error("curvatubes: the energy became " + std::string(std::isnan(e) ? "NaN" : "infinite") +
                  " at evaluation " + std::to_string(m_n_evals + 1) + " (Adam step " + std::to_string(m_step) +
                  "); the last finite field is kept");
    }
    ++m_n_evals;
    auto t0 = std::chrono::steady_clock::now();
    if (m_n_evals == 1 || m_n_evals % m_params.curve_every == 0) record_curve();
    if (m_params.check_viable &&
        std::find(kViabilityEvals.begin(), kViabilityEvals.end(), m_n_evals) != kViabilityEvals.end())
      check_viability();
    m_timing.stats_ms += ms_since(t0);
    t0 = std::chrono::steady_clock::now();
    ++m_step;
    const AdamStep<T> step = adam_step<T>(m_params.adam, m_step);
    if (m_params.flow == Flow::Cons)
      adam_cons(m_exec, m_shape, m_var.data(m_exec), m_adam_m.data(m_exec), m_adam_v.data(m_exec), m_back.data(m_exec),
                static_cast<T>(0.5 / m_params.h), step);
    else
      parallel_for(m_exec, m_n,
                   AdamFieldKernel<T>{m_var.data(m_exec), m_adam_m.data(m_exec), m_adam_v.data(m_exec),
                                      m_back.data(m_exec), T(0), step});
    m_timing.adam_ms += ms_since(t0);
    ++m_timing.n_steps;
  }
  return done;
}

template <class T>
std::vector<T> Generator<T>::field() {
  m_u[m_cur].download(m_exec);
  return m_u[m_cur].host();
}

template <class T>
std::vector<T> Generator<T>::variable() {
  m_var.download(m_exec);
  return m_var.host();
}

template <class T>
std::vector<T> Generator<T>::gradient() {
  m_back.download(m_exec);
  const std::vector<T>& b = m_back.host();
  std::vector<T> g(static_cast<std::size_t>(m_n_var));
  if (m_params.flow == Flow::Cons) {
    const T inv_2h = static_cast<T>(0.5 / m_params.h);
    parallel_for_host(m_n, [&](std::int64_t i) {
      int z, x, y;
      m_shape.coords(i, z, x, y);
      T gi[3];
      divergence_transpose_at(m_shape, b.data(), z, x, y, inv_2h, gi);
      for (int c = 0; c < 3; ++c) g[c * m_n + i] = gi[c];
    });
  } else {
    g = b;
  }
  return g;
}

template <class T>
double Generator<T>::field_mean() {
  return transform_reduce(m_exec, m_n, 0.0, SumOp{}, ValueKernel<T>{u_current()}) / static_cast<double>(m_n);
}

template class Generator<float>;
template class Generator<double>;

}  // namespace tessera::curvatubes
