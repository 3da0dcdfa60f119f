#include "ui/particles/param_edit.h"

#include "sim/ot/cost_setup.h"

namespace tessera {

namespace {

template <class T>
void take(const T& base, const T& edited, T& current) {
  if (!(base == edited)) current = edited;
}

void take_vec(const Vec3& base, const Vec3& edited, Vec3& current) {
  if (base.x != edited.x || base.y != edited.y || base.z != edited.z) current = edited;
}

// Every field of the tables (engine/field_table.h): what a file saves, the panels merge.
void take_species(const SpeciesParams& b, const SpeciesParams& e, SpeciesParams& c) {
  take_changed_fields(cost_fields(), b.cost, e.cost, c.cost);
  take_changed_fields(species_fields(), b, e, c);
  take(b.name, e.name, c.name);
  take(b.color, e.color, c.color);
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
  take_changed_fields(sim_fields(), base, edited, out);  // dt and the other top-level scalars
  take_vec(base.gravity, edited.gravity, out.gravity);
  take_changed_fields(fit_fields(), base.fit, edited.fit, out.fit);
  for (std::size_t s = 0; s < edited.species.size(); ++s) take_species(base.species[s], edited.species[s], out.species[s]);
  // A rule's tables only where all three have the rule (a script may have switched it).
  if (base.surface_tension && edited.surface_tension && out.surface_tension) {
    const std::vector<double>& b = base.surface_tension->tensions;
    const std::vector<double>& e = edited.surface_tension->tensions;
    std::vector<double>& c = out.surface_tension->tensions;
    if (b.size() == e.size() && e.size() == c.size())
      for (std::size_t k = 0; k < c.size(); ++k) take(b[k], e[k], c[k]);
  }
  if (base.surface_tension_3d && edited.surface_tension_3d && out.surface_tension_3d) {
    take_table(base.surface_tension_3d->gamma, edited.surface_tension_3d->gamma, out.surface_tension_3d->gamma);
    take_table(base.surface_tension_3d->eta, edited.surface_tension_3d->eta, out.surface_tension_3d->eta);
  }
  return out;
}

}  // namespace tessera
