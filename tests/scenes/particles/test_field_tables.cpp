// One truth per parameter: every field of every table is saved in scene files, read
// back, merged by the panels, and refused with its key when out of range. Each field is
// set to a value other than its default, so a field that both sides of a round trip
// would omit is caught.
#include <catch2/catch.hpp>

#include <cmath>

#include "scenes/particles/scene_file.h"
#include "sim/ot/cost_setup.h"
#include "ui/particles/param_edit.h"

using namespace tessera;
using nlohmann::json;

namespace {

// A valid value of `f` other than the one `s` has.
template <class S>
double other_value(const Field<S>& f, const S& s) {
  const double v = f.get(s);
  switch (f.kind) {
    case FieldKind::Boolean: return v != 0.0 ? 0.0 : 1.0;
    case FieldKind::Choice: return std::fmod(v + 1.0, static_cast<double>(f.choices.size()));
    case FieldKind::Integer: return v + 1.0 <= f.max ? v + 1.0 : v - 1.0;
    case FieldKind::Number: {
      double x = v * 1.25 + 0.125;  // stays inside half-open ranges above their minimum
      if (f.max != kUnbounded && !(x < f.max)) x = 0.5 * (v + (f.min == -kUnbounded ? v - 1.0 : f.min));
      return x;
    }
  }
  return v;
}

template <class S>
void change_every_field(const FieldTable<S>& table, S& s, std::initializer_list<std::string_view> keep = {}) {
  for (const Field<S>& f : table) {
    bool skip = false;
    for (std::string_view k : keep) skip = skip || k == f.name;
    if (skip) continue;
    const double x = other_value(f, s);
    INFO(f.name << " -> " << x);
    REQUIRE(field_value_error(f, x).empty());
    f.set(s, x);
    REQUIRE(f.get(s) == x);
  }
}

// RunTumbleDisk with every field of the solver, one species and its cost changed.
SceneFile changed_scene() {
  SceneOptions options;
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  SceneFile file = scene_file_of(require_scene("RunTumbleDisk"), options);
  change_every_field(fit_fields(), file.params.fit);
  change_every_field(species_fields(), file.params.species[0]);
  // The family and scaling set the meaning of the others: a valid pair by hand.
  CostSpec& cost = file.params.species[0].cost;
  change_every_field(cost_fields(), cost, {"family", "relu_r", "aspect"});
  cost.family = CostFamily::Spherocylinder;
  cost.aspect = 2.5;
  cost.relu_r = 0.25 * cost.R;
  // The optional rules, switched on with every field changed.
  change_every_field(bubble_fields(), file.params.bubbles.emplace());
  InsertionParams& insertion = file.params.insertion.emplace();
  change_every_field(insertion_fields(), insertion, {"species", "volume"});
  insertion.volume = 0.001;
  insertion.region_max = Vec3{1, 1, 0};
  change_every_field(growth_fields(), file.params.growth.emplace());
  SurfaceTensionRule& tension = file.params.surface_tension.emplace();
  change_every_field(surface_tension_fields(), tension.forces);
  tension.tensions = {0.0, 2.0, 2.0, 3.0};  // (species + 1)^2
  change_every_field(surface_tension_3d_fields(), file.params.surface_tension_3d.emplace());
  // The top-level scalars, the growth sizes and the blocks every scene file carries.
  change_every_field(sim_fields(), file.params);
  change_every_field(growth_limit_fields(), file.params);
  change_every_field(label_mesh_fields(), file.params.mesh, {"taubin_mu"});
  file.params.mesh.taubin_mu = -0.8;  // below -lambda
  change_every_field(protrusion_fields(), file.params.protrusions);
  change_every_field(chemotaxis_fields(), file.params.chemotaxis, {"sign"});
  file.params.chemotaxis.sign = -1;
  return file;
}

}  // namespace

TEST_CASE("field tables: every field round-trips through a scene file", "[cpu][scenes][fields]") {
  const SceneFile before = changed_scene();
  const SceneFile after = scene_file_from_json(scene_file_to_json(before), "test.json");
  CHECK(fields_equal(fit_fields(), before.params.fit, after.params.fit));
  CHECK(fields_equal(species_fields(), before.params.species[0], after.params.species[0]));
  CHECK(fields_equal(cost_fields(), before.params.species[0].cost, after.params.species[0].cost));
  REQUIRE(after.params.bubbles.has_value());
  REQUIRE(after.params.insertion.has_value());
  CHECK(fields_equal(bubble_fields(), *before.params.bubbles, *after.params.bubbles));
  CHECK(fields_equal(insertion_fields(), *before.params.insertion, *after.params.insertion));
  CHECK(after.params.insertion->region_max.x == 1.0);
  REQUIRE(after.params.growth.has_value());
  REQUIRE(after.params.surface_tension.has_value());
  REQUIRE(after.params.surface_tension_3d.has_value());
  CHECK(fields_equal(sim_fields(), before.params, after.params));
  CHECK(fields_equal(growth_fields(), *before.params.growth, *after.params.growth));
  CHECK(fields_equal(growth_limit_fields(), before.params, after.params));
  CHECK(fields_equal(surface_tension_fields(), before.params.surface_tension->forces, after.params.surface_tension->forces));
  CHECK(after.params.surface_tension->tensions == before.params.surface_tension->tensions);
  CHECK(fields_equal(surface_tension_3d_fields(), *before.params.surface_tension_3d, *after.params.surface_tension_3d));
  CHECK(fields_equal(label_mesh_fields(), before.params.mesh, after.params.mesh));
  CHECK(fields_equal(protrusion_fields(), before.params.protrusions, after.params.protrusions));
  CHECK(fields_equal(chemotaxis_fields(), before.params.chemotaxis, after.params.chemotaxis));
  // And every one differs from its default, so the checks above could fail.
  const SceneFile defaults = scene_file_of(require_scene("RunTumbleDisk"), SceneOptions{require_scene("RunTumbleDisk").min_resolution, 1, ""});
  auto all_differ = [](const auto& table, const auto& a, const auto& b) {
    for (const auto& f : table) {
      INFO(f.name);
      CHECK(f.get(a) != f.get(b));
    }
  };
  all_differ(fit_fields(), before.params.fit, defaults.params.fit);
  all_differ(species_fields(), before.params.species[0], defaults.params.species[0]);
  all_differ(sim_fields(), before.params, defaults.params);
  all_differ(growth_limit_fields(), before.params, defaults.params);
  all_differ(growth_fields(), *before.params.growth, GrowthParams{});
  all_differ(surface_tension_fields(), before.params.surface_tension->forces, SurfaceTensionParams{});
  all_differ(surface_tension_3d_fields(), *before.params.surface_tension_3d, SurfaceTension3DParams{});
}

TEST_CASE("field tables: the panels' merge takes every edited field", "[cpu][ui][fields]") {
  SceneOptions options;
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  const SimParams base = scene_file_of(require_scene("RunTumbleDisk"), options).params;
  SimParams edited = changed_scene().params;
  edited.dt = base.dt;       // not edited ...
  SimParams current = base;
  current.dt = base.dt * 2;  // ... but changed by a script meanwhile: the merge keeps it
  const SimParams merged = merge_param_edit(base, edited, current);
  CHECK(fields_equal(fit_fields(), merged.fit, edited.fit));
  CHECK(fields_equal(species_fields(), merged.species[0], edited.species[0]));
  CHECK(fields_equal(cost_fields(), merged.species[0].cost, edited.species[0].cost));
  CHECK(merged.dt == current.dt);
  for (const Field<SimParams>& f : sim_fields()) {
    INFO(f.name);
    if (f.name != "dt") CHECK(f.get(merged) == f.get(edited));
  }
}

TEST_CASE("field tables: out-of-range values are refused naming the key and the range", "[cpu][scenes][fields]") {
  SceneOptions options;
  options.resolution = require_scene("RunTumbleDisk").min_resolution;
  const json good = scene_file_to_json(scene_file_of(require_scene("RunTumbleDisk"), options));
  struct Case {
    const char* block;
    const char* key;
    json value;
    const char* says;
  };
  const Case cases[] = {
      {"solver", "tolerance", 2.0, "must be in (0, 1) (got 2)"},
      {"solver", "lbfgs_history", 0, "must be in [1, 1000] (got 0)"},
      {"solver", "assign_method", "fastest", "accepted: binned, brute_force"},
      {"solver", "max_passes", 1.5, "expected an integer"},
      {"species", "tumble_rate", -1.0, "must be >= 0 (got -1)"},
      {"", "dt", 0.0, "must be > 0 (got 0)"},
      {"", "correction_step", "sideways", "accepted: explicit, semi_implicit"},
      {"", "void", 1, "expected"},
      {"growth", "speed", -1.0, "must be >= 0 (got -1)"},
      {"growth", "mature_volume", 1.5, "must be in [0, 1) (got 1.5)"},
      {"growth", "max_cells", -1, "(got -1)"},
  };
  for (const Case& c : cases) {
    json j = good;
    if (std::string(c.block) == "species")
      j["species"][0][c.key] = c.value;
    else if (std::string(c.block).empty())
      j[c.key] = c.value;
    else
      j[c.block][c.key] = c.value;
    INFO(c.key);
    CHECK_THROWS_WITH(scene_file_from_json(j, "test.json"), Catch::Contains(c.key) && Catch::Contains(c.says));
  }
}

TEST_CASE("field tables: tooltips carry the meaning, the unit and the range", "[cpu][fields]") {
  const Field<SpeciesParams>* f = find_field(species_fields(), "tumble_rate");
  REQUIRE(f != nullptr);
  CHECK(field_tooltip(*f) == "run-and-tumble rate: new random axes at this rate. Unit: 1 / time. Range: >= 0.");
  const Field<FitParams>* tol = find_field(fit_fields(), "tolerance");
  REQUIRE(tol != nullptr);
  CHECK(field_tooltip(*tol) == "relative volume error to reach. Range: (0, 1).");
  const Field<SimParams>* dt = find_field(sim_fields(), "dt");
  REQUIRE(dt != nullptr);
  CHECK(field_tooltip(*dt) == "time step. Unit: time. Range: > 0.");
  // A field keeps its file key when the member is named otherwise.
  CHECK(find_field(sim_fields(), "void") != nullptr);
  CHECK(find_field(sim_fields(), "with_void") == nullptr);
}
