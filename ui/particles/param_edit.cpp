#include "ui/particles/param_edit.h"

namespace tessera {

namespace {

template <class T>
void take(const T& base, const T& edited, T& current) {
  if (!(base == edited)) current = edited;
}

void take_vec(const Vec3& base, const Vec3& edited, Vec3& current) {
  if (base.x != edited.x || base.y != edited.y || base.z != edited.z) current = edited;
}

void take_cost(const CostSpec& b, const CostSpec& e, CostSpec& c) {
  take(b.family, e.family, c.family);
  take(b.scaling, e.scaling, c.scaling);
  take(b.C, e.C, c.C);
  take(b.R, e.R, c.R);
  take(b.p, e.p, c.p);
  take(b.b, e.b, c.b);
  take(b.aspect, e.aspect, c.aspect);
  take(b.relu_r, e.relu_r, c.relu_r);
  take(b.relu_slope, e.relu_slope, c.relu_slope);
  take(b.cap, e.cap, c.cap);
}

void take_species(const SpeciesParams& b, const SpeciesParams& e, SpeciesParams& c) {
  take_cost(b.cost, e.cost, c.cost);
  take(b.tau, e.tau, c.tau);
  take(b.v0, e.v0, c.v0);
  take(b.rotational_diffusion, e.rotational_diffusion, c.rotational_diffusion);
  take(b.tumble_rate, e.tumble_rate, c.tumble_rate);
  take(b.steering_noise, e.steering_noise, c.steering_noise);
  take(b.axis_from_shape, e.axis_from_shape, c.axis_from_shape);
  take(b.color, e.color, c.color);
}

void take_fit(const FitParams& b, const FitParams& e, FitParams& c) {
  take(b.tolerance, e.tolerance, c.tolerance);
  take(b.criterion, e.criterion, c.criterion);
  take(b.method, e.method, c.method);
  take(b.max_newton_iterations, e.max_newton_iterations, c.max_newton_iterations);
  take(b.max_lbfgs_iterations, e.max_lbfgs_iterations, c.max_lbfgs_iterations);
  take(b.max_passes, e.max_passes, c.max_passes);
  take(b.sinkhorn, e.sinkhorn, c.sinkhorn);
  take(b.sinkhorn_above, e.sinkhorn_above, c.sinkhorn_above);
  take(b.sinkhorn_s0, e.sinkhorn_s0, c.sinkhorn_s0);
  take(b.sinkhorn_steps, e.sinkhorn_steps, c.sinkhorn_steps);
  take(b.assign_method, e.assign_method, c.assign_method);
}

// The 3D tables, entry by entry (types: the wall -1, the medium 0, cells 1..n).
void take_table(const TypeTable& b, const TypeTable& e, TypeTable& c) {
  const int n = b.n_cell_types();
  if (e.n_cell_types() != n || c.n_cell_types() != n) return;
  for (int s = -1; s <= n; ++s)
    for (int t = s; t <= n; ++t)
      if (b(s, t) != e(s, t)) c.set(s, t, e(s, t));
}

}  // namespace

SimParams merge_param_edit(const SimParams& base, const SimParams& edited, const SimParams& current) {
  SimParams out = current;
  if (base.species.size() != edited.species.size() || edited.species.size() != current.species.size()) return out;
  take(base.dt, edited.dt, out.dt);
  take_vec(base.gravity, edited.gravity, out.gravity);
  take_fit(base.fit, edited.fit, out.fit);
  for (std::size_t s = 0; s < edited.species.size(); ++s) take_species(base.species[s], edited.species[s], out.species[s]);
  if (base.tensions.size() == edited.tensions.size() && edited.tensions.size() == out.tensions.size())
    for (std::size_t k = 0; k < out.tensions.size(); ++k) take(base.tensions[k], edited.tensions[k], out.tensions[k]);
  take_table(base.tension_3d.gamma, edited.tension_3d.gamma, out.tension_3d.gamma);
  take_table(base.tension_3d.eta, edited.tension_3d.eta, out.tension_3d.eta);
  return out;
}

}  // namespace tessera
