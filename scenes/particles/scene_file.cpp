#include "scenes/particles/scene_file.h"

#include <cmath>
#include <limits>

#include "engine/file_output.h"
#include "scenes/common/field_json.h"
#include "scenes/common/json_file.h"
#include "scenes/common/json_node.h"
#include "sim/ot/cost_setup.h"

namespace tessera {

using nlohmann::json;

namespace {

json vec3_json(const Vec3& v, int dim) { return dim == 3 ? json{v.x, v.y, v.z} : json{v.x, v.y}; }

json domain_json(const DomainSpec& d, int dim) {
  json out = {{"shape", kDomainShapeNames[static_cast<int>(d.shape)]},
              {"center", vec3_json(d.center, dim)},
              {"radius", d.radius}};
  if (!d.walls.empty()) {
    json walls = json::array();
    for (const WallStroke& w : d.walls)
      walls.push_back({{"center", vec3_json(w.center, dim)}, {"radius", w.radius}, {"wall", w.wall}});
    out["walls"] = walls;
  }
  return out;
}

json cost_json(const CostSpec& c) {
  json out = json::object();
  write_fields(cost_fields(), c, out);
  return out;
}

CostSpec cost_from(const JsonNode& n) {
  CostSpec c;
  // "level-set" (the reference's spelling) is accepted beside the table's names.
  read_fields(cost_fields(), n, c, {"scaling"});
  if (n.has("scaling")) {
    const std::optional<CostScaling> s = parse_cost_scaling(n["scaling"].string());
    if (!s) n["scaling"].fail("unknown scaling (accepted: level_set, volume, constant, unit)");
    c.scaling = *s;
  }
  // The same checks as the solver's, reported against this key.
  try {
    make_cell_cost(c, Vec3{1, 0, 0}, std::max(1.0, c.aspect), 2);
  } catch (const Error& e) {
    n.fail(e.what());
  }
  return c;
}

json species_json(const SpeciesParams& s) {
  json out = {{"name", s.name}, {"cost", cost_json(s.cost)}};
  write_fields(species_fields(), s, out);
  out["color"] = {s.color[0], s.color[1], s.color[2]};
  return out;
}

SpeciesParams species_from(const JsonNode& n) {
  SpeciesParams s;
  read_fields(species_fields(), n, s, {"name", "cost", "color"});
  if (n.has("name")) s.name = n["name"].string();
  if (n.has("cost")) s.cost = cost_from(n["cost"]);
  if (n.has("color")) {
    const JsonNode c = n["color"];
    if (c.size() != 3) c.fail("expected [r, g, b] with values 0..255");
    for (int k = 0; k < 3; ++k) {
      const std::int64_t v = c.at(k).integer();
      if (v < 0 || v > 255) c.at(k).fail("colour channels are 0..255");
      s.color[k] = static_cast<std::uint8_t>(v);
    }
  }
  if (!(s.aspect_min >= 1 && s.aspect_max >= s.aspect_min)) n.fail("need 1 <= aspect_min <= aspect_max");
  return s;
}

json solver_json(const FitParams& f) {
  json out = json::object();
  write_fields(fit_fields(), f, out);
  return out;
}

FitParams solver_from(const JsonNode& n) {
  FitParams f = default_fit_params();
  read_fields(fit_fields(), n, f);
  return f;
}

// A symmetric type table as rows over (medium, type 1, ..., type n, wall).
json type_table_json(const TypeTable& t) {
  std::vector<int> order{kMediumType};
  for (int a = 1; a <= t.n_cell_types(); ++a) order.push_back(a);
  order.push_back(kWallType);
  json rows = json::array();
  for (int a : order) {
    json row = json::array();
    for (int b : order) row.push_back(t(a, b));
    rows.push_back(row);
  }
  return rows;
}

TypeTable type_table_from(const JsonNode& n) {
  const std::size_t m = n.size();
  if (m < 3) n.fail("expected a square table over (medium, type 1, ..., type n, wall): at least 3 rows");
  std::vector<int> order{kMediumType};
  for (int a = 1; a <= static_cast<int>(m) - 2; ++a) order.push_back(a);
  order.push_back(kWallType);
  TypeTable t(static_cast<int>(m) - 2);
  for (std::size_t r = 0; r < m; ++r) {
    if (n.at(r).size() != m) n.at(r).fail("expected " + std::to_string(m) + " values (the table is square)");
    for (std::size_t c = 0; c < m; ++c) {
      const double v = n.at(r).at(c).number();
      if (!std::isfinite(v)) n.at(r).at(c).fail("must be finite");
      if (c < r && v != t(order[r], order[c])) n.at(r).at(c).fail("the table must be symmetric");
      if (c >= r) t.set(order[r], order[c], v);
    }
  }
  return t;
}

// A rule that is off is written with its defaults, so every file has the same keys.
json surface_tension_json(const SimParams& p) {
  const SurfaceTensionRule r = p.surface_tension.value_or(SurfaceTensionRule{});
  json out = {{"enabled", p.surface_tension.has_value()}, {"tensions", r.tensions}};
  write_fields(surface_tension_fields(), r.forces, out);
  return out;
}

// Files from before the rule was optional may keep settings beside "enabled": false;
// they are read (and checked) and dropped, as they never acted.
void surface_tension_from(const JsonNode& n, SimParams& p) {
  SurfaceTensionRule r;
  read_fields(surface_tension_fields(), n, r.forces, {"enabled", "tensions"});
  if (n.has("tensions"))
    for (std::size_t k = 0; k < n["tensions"].size(); ++k) r.tensions.push_back(n["tensions"].at(k).number());
  if (n.boolean("enabled", false)) p.surface_tension = std::move(r);
  else p.surface_tension.reset();
}

json tension_3d_json(const SimParams& p) {
  const SurfaceTension3DParams t = p.surface_tension_3d.value_or(SurfaceTension3DParams{});
  json out = {{"enabled", p.surface_tension_3d.has_value()}, {"gamma", type_table_json(t.gamma)},
              {"eta", type_table_json(t.eta)}};
  write_fields(surface_tension_3d_fields(), t, out);
  json mesh = json::object();
  write_fields(label_mesh_fields(), p.mesh, mesh);
  out["mesh"] = mesh;
  return out;
}

// The mesh settings stay when the rule is off: exported label meshes use them too.
void tension_3d_from(const JsonNode& n, SimParams& p) {
  SurfaceTension3DParams t;
  read_fields(surface_tension_3d_fields(), n, t, {"enabled", "gamma", "eta", "mesh"});
  if (n.has("gamma")) t.gamma = type_table_from(n["gamma"]);
  if (n.has("eta")) t.eta = type_table_from(n["eta"]);
  if (t.gamma.n_cell_types() != t.eta.n_cell_types()) n["eta"].fail("must have the same size as 'gamma'");
  if (n.has("mesh")) {
    const JsonNode m = n["mesh"];
    LabelMeshParams& mesh = p.mesh;
    read_fields(label_mesh_fields(), m, mesh);
    if (!(mesh.taubin_mu < -mesh.taubin_lambda)) m.fail("need 0 < taubin_lambda < 1 and taubin_mu < -taubin_lambda");
  }
  if (n.boolean("enabled", false)) p.surface_tension_3d = std::move(t);
  else p.surface_tension_3d.reset();
}

// Growth and division: the rule's fields (growth_fields) and the sizes that stay when it
// is off (growth_limit_fields: TissueGrowth_3D's script reads them), in one block.
json growth_json(const SimParams& p) {
  json out = {{"enabled", p.growth.has_value()}};
  write_fields(growth_fields(), p.growth.value_or(GrowthParams{}), out);
  write_fields(growth_limit_fields(), p, out);
  return out;
}

void growth_from(const JsonNode& n, SimParams& p) {
  std::vector<std::string_view> keys = field_names(growth_fields(), {"enabled"});
  for (std::string_view k : field_names(growth_limit_fields())) keys.push_back(k);
  n.only(keys);
  GrowthParams g;
  read_fields_among(growth_fields(), n, g);
  read_fields_among(growth_limit_fields(), n, p);
  if (n.boolean("enabled", false)) {
    if (!(p.mature_volume > 0)) n["mature_volume"].fail("must be > 0 when growth is on");
    p.growth = g;
  } else {
    p.growth.reset();
  }
}

json bubbles_json(const SimParams& p) {
  // A rule that is off is written with its defaults, so every file has the same keys.
  json out = {{"enabled", p.bubbles.has_value()}};
  write_fields(bubble_fields(), p.bubbles.value_or(BubbleParams{}), out);
  return out;
}

void bubbles_from(const JsonNode& n, SimParams& p) {
  BubbleParams b;
  read_fields(bubble_fields(), n, b, {"enabled"});
  if (!(b.clamp_min < b.clamp_max)) n.fail("need clamp_min < clamp_max");
  if (n.boolean("enabled", false)) p.bubbles = b;
  else p.bubbles.reset();
}

// Insertion of new cells (sim/insertion.h; FallingStuff's funnel feed).
json insertion_json(const SimParams& p, int dim) {
  const InsertionParams r = p.insertion.value_or(InsertionParams{});
  json out = {{"enabled", p.insertion.has_value()},
              {"region_min", vec3_json(r.region_min, dim)}, {"region_max", vec3_json(r.region_max, dim)},
              {"cap_min", vec3_json(r.cap_min, dim)}, {"cap_max", vec3_json(r.cap_max, dim)}};
  write_fields(insertion_fields(), r, out);
  return out;
}

void insertion_from(const JsonNode& n, SimParams& p) {
  InsertionParams r;
  read_fields(insertion_fields(), n, r, {"enabled", "region_min", "region_max", "cap_min", "cap_max"});
  const bool enabled = n.boolean("enabled", false);
  r.region_min = n.vec3("region_min", r.region_min);
  r.region_max = n.vec3("region_max", r.region_max);
  r.cap_min = n.vec3("cap_min", r.cap_min);
  r.cap_max = n.vec3("cap_max", r.cap_max);
  const std::string bad = insertion_params_error(r);
  if (enabled && !bad.empty()) n.fail(bad);
  if (enabled) p.insertion = r;
  else p.insertion.reset();
}

// The cost bias (sim/costs/cost_bias.h) and the protrusion rules (sim/protrusions.h).
json cost_bias_json(const SimParams& p, int dim) {
  json chemotaxis = {{"center", vec3_json(p.chemotaxis.center, dim)}};
  write_fields(chemotaxis_fields(), p.chemotaxis, chemotaxis);
  json protrusions = json::object();
  write_fields(protrusion_fields(), p.protrusions, protrusions);
  return {{"kind", kCostBiasNames[static_cast<int>(p.bias)]}, {"chemotaxis", chemotaxis}, {"protrusions", protrusions}};
}

void cost_bias_from(const JsonNode& n, SimParams& p, int dim) {
  n.only({"kind", "chemotaxis", "protrusions"});
  p.bias = n.enumeration("kind", kCostBiasNames, p.bias);
  if (n.has("chemotaxis")) {
    const JsonNode c = n["chemotaxis"];
    ChemotaxisSpec& s = p.chemotaxis;
    read_fields(chemotaxis_fields(), c, s, {"center"});
    s.center = c.vec3("center", s.center);
    try {  // the solver's checks, reported against this key
      make_chemotaxis_bias(s, dim);
    } catch (const Error& e) {
      c.fail(e.what());
    }
  }
  if (n.has("protrusions")) {
    const JsonNode t = n["protrusions"];
    ProtrusionParams& r = p.protrusions;
    read_fields(protrusion_fields(), t, r);
    try {
      validate_protrusion_params(r);
    } catch (const Error& e) {
      t.fail(e.what());
    }
  }
  if (p.bias == CostBias::Protrusions && dim != 2) n["kind"].fail("protrusions are defined in 2D only");
}

json cells_json(const CellState& c, int dim) {
  json x = json::array(), axis = json::array();
  for (int i = 0; i < c.size(); ++i) {
    x.push_back(vec3_json(c.x[i], dim));
    axis.push_back(vec3_json(c.axis[i], dim));
  }
  return {{"x", x}, {"axis", axis}, {"aspect", c.aspect}, {"volume", c.volume}, {"potential", c.potential},
          {"species", c.species}, {"id", c.id}, {"growth_rate", c.growth_rate}, {"stiffness", c.stiffness},
          {"protrusion", c.protrusion}, {"protrusion_angle", c.protrusion_angle}, {"next_id", c.next_id}};
}

CellState cells_from(const JsonNode& n) {
  n.only({"x", "axis", "aspect", "volume", "potential", "species", "id", "growth_rate", "stiffness", "protrusion",
          "protrusion_angle", "next_id"});
  const std::size_t count = n["x"].size();
  auto check_length = [&](const char* key) {
    if (n.has(key) && n[key].size() != count)
      n[key].fail("has " + std::to_string(n[key].size()) + " entries, 'x' has " + std::to_string(count));
  };
  for (const char* key : {"axis", "aspect", "volume", "potential", "species", "id", "growth_rate", "stiffness",
                          "protrusion", "protrusion_angle"})
    check_length(key);
  CellState c;
  for (std::size_t i = 0; i < count; ++i) {
    // Range-checked before the cast: 2^32 would otherwise wrap to species 0.
    const std::int64_t species = n.has("species") ? n["species"].at(i).integer() : 0;
    if (species < 0 || species > std::numeric_limits<std::int32_t>::max()) n["species"].at(i).fail("no such species");
    c.add(n["x"].at(i).vec3(), n.has("axis") ? n["axis"].at(i).vec3() : Vec3{1, 0, 0},
          n.has("aspect") ? n["aspect"].at(i).number() : 1.0, n["volume"].at(i).number(),
          static_cast<std::int32_t>(species),
          n.has("potential") ? n["potential"].at(i).number() : 0.0,
          n.has("growth_rate") ? n["growth_rate"].at(i).number() : 0.0,
          n.has("stiffness") ? n["stiffness"].at(i).number() : 1.0);
    if (n.has("id")) c.id[i] = static_cast<std::uint64_t>(n["id"].at(i).integer());
    if (!(c.volume[i] > 0)) n["volume"].at(i).fail("target volumes must be > 0");
    if (!(c.stiffness[i] > 0)) n["stiffness"].at(i).fail("stiffness factors must be > 0");
    // Protrusions (section 5.7): amplitudes >= 0 per direction; the angle defaults to the axis's.
    if (n.has("protrusion")) {
      const JsonNode a = n["protrusion"].at(i);
      if (a.size() != kProtrusionDirections)
        a.fail("expected " + std::to_string(kProtrusionDirections) + " amplitudes (one per direction)");
      for (int k = 0; k < kProtrusionDirections; ++k) {
        c.protrusion[i][k] = a.at(k).number();
        if (!(c.protrusion[i][k] >= 0)) a.at(k).fail("protrusion amplitudes must be >= 0");
      }
    }
    if (n.has("protrusion_angle")) c.protrusion_angle[i] = n["protrusion_angle"].at(i).number();
  }
  c.next_id = n.has("next_id") ? static_cast<std::uint64_t>(n["next_id"].integer()) : count;
  return c;
}

}  // namespace

json scene_file_to_json(const SceneFile& f) {
  const Grid& g = f.grid;
  const SimParams& p = f.params;
  json species = json::array();
  for (const SpeciesParams& s : p.species) species.push_back(species_json(s));
  json j = {{"tessera_scene", kSceneFileVersion},
            {"scene", f.scene},
            {"grid",
             {{"dim", g.dim},
              {"size", g.dim == 3 ? json{g.n[0], g.n[1], g.n[2]} : json{g.n[0], g.n[1]}},
              {"length", g.dim == 3 ? json{g.length[0], g.length[1], g.length[2]} : json{g.length[0], g.length[1]}},
              {"periodic", g.dim == 3 ? json{g.periodic[0], g.periodic[1], g.periodic[2]} : json{g.periodic[0], g.periodic[1]}}}},
            {"domain", domain_json(f.domain, g.dim)},
            {"seed", p.seed},
            {"step", f.step},
            {"gravity", vec3_json(p.gravity, g.dim)},
            // A rule that is off keeps its keys (zero), so every file has the same ones.
            {"steer", p.steer_target.has_value()},
            {"steer_target", vec3_json(p.steer_target.value_or(Vec3{}), g.dim)},
            {"exit", p.exit.has_value()},
            {"exit_min", vec3_json(p.exit.value_or(ExitRegion{}).min, g.dim)},
            {"exit_max", vec3_json(p.exit.value_or(ExitRegion{}).max, g.dim)},
            {"drift_center", vec3_json(p.drift_center, g.dim)},
            {"growth", growth_json(p)},
            {"surface_tension", surface_tension_json(p)},
            {"surface_tension_3d", tension_3d_json(p)},
            {"bubbles", bubbles_json(p)},
            {"insertion", insertion_json(p, g.dim)},
            {"cost_bias", cost_bias_json(p, g.dim)},
            {"solver", solver_json(p.fit)},
            {"species", species},
            {"relax_passes", f.relax_passes}};
  write_fields(sim_fields(), p, j);  // void, dt, the correction options, center_drift
  if (!f.preset.empty()) j["preset"] = f.preset;
  if (f.relax_cost_p > 0) j["relax_cost_p"] = f.relax_cost_p;
  if (f.cells) j["cells"] = cells_json(*f.cells, g.dim);
  if (f.counters) {
    const SimStats& c = *f.counters;
    j["counters"] = {{"fit_failures", c.fit_failures}, {"removed", c.removed},     {"divisions", c.divisions},
                     {"inserted", c.inserted},         {"burst", c.burst},         {"fused", c.fused},
                     {"burst_volume", c.burst_volume}, {"insertions_blocked", c.insertions_blocked}};
  }
  return j;
}

SceneFile scene_file_from_json(const json& doc, const std::string& source) {
  const JsonNode root(doc, "", source);
  // The root holds sim_fields() beside the blocks: one strict check for both.
  root.only(field_names(sim_fields(), {"tessera_scene", "scene", "grid", "domain", "seed", "step", "gravity", "steer",
                                       "steer_target", "exit", "exit_min", "exit_max", "drift_center", "growth",
                                       "surface_tension", "surface_tension_3d", "bubbles", "insertion", "cost_bias",
                                       "solver", "species", "relax_passes", "relax_cost_p", "preset", "cells",
                                       "counters"}));
  if (root["tessera_scene"].integer() != kSceneFileVersion)
    root["tessera_scene"].fail("unsupported version (this Tessera reads version " + std::to_string(kSceneFileVersion) + ")");
  SceneFile f;
  f.scene = root["scene"].string();
  const SceneDef* scene = find_scene(f.scene);
  if (scene == nullptr) root["scene"].fail("unknown scene '" + f.scene + "' (see tessera list)");
  if (root.has("preset")) {
    f.preset = root["preset"].string();
    const std::string bad = preset_error(*scene, f.preset);
    if (!bad.empty()) root["preset"].fail(bad);
  }

  const JsonNode grid = root["grid"];
  grid.only({"dim", "size", "length", "periodic"});
  const std::int64_t dim = grid["dim"].integer();
  if (dim != 2 && dim != 3) grid["dim"].fail("must be 2 or 3");
  int n[3] = {1, 1, 1};
  double length[3] = {1, 1, 1};
  bool periodic[3] = {false, false, false};
  if (grid["size"].size() != static_cast<std::size_t>(dim)) grid["size"].fail("expected " + std::to_string(dim) + " sizes");
  for (int a = 0; a < dim; ++a) {
    const std::int64_t m = grid["size"].at(a).integer();
    if (m < 8 || m > 8192) grid["size"].at(a).fail("grid sizes must be in [8, 8192]");
    // Below the scene's minimum its cells get too few pixels for 1 % volume accuracy.
    if (m < scene->min_resolution)
      grid["size"].at(a).fail("too coarse for " + f.scene + ": its cells need at least " +
                              std::to_string(scene->min_resolution) + " points per axis for 1 % volume accuracy");
    n[a] = static_cast<int>(m);
    if (grid.has("length")) length[a] = grid["length"].at(a).number();
    if (grid.has("periodic")) periodic[a] = grid["periodic"].at(a).boolean();
    if (!(length[a] > 0)) grid["length"].at(a).fail("lengths must be > 0");
  }
  f.grid = dim == 2 ? make_grid_2d(n[0], n[1], length[0], length[1]) : make_grid_3d(n[0], n[1], n[2], length[0], length[1], length[2]);
  for (int a = 0; a < dim; ++a) f.grid.periodic[a] = periodic[a];

  if (root.has("domain")) {
    const JsonNode d = root["domain"];
    d.only({"shape", "center", "radius", "walls"});
    f.domain.shape = d.enumeration("shape", kDomainShapeNames, f.domain.shape);
    f.domain.center = d.vec3("center", f.domain.center);
    f.domain.radius = d.number("radius", f.domain.radius);
    if (!(f.domain.radius > 0)) d["radius"].fail("must be > 0");
    const std::string shape_error = domain_spec_error(f.domain, static_cast<int>(dim));
    if (!shape_error.empty()) d.fail(shape_error);
    if (d.has("walls")) {
      const JsonNode walls = d["walls"];
      for (std::size_t k = 0; k < walls.size(); ++k) {
        const JsonNode w = walls.at(k);
        w.only({"center", "radius", "wall"});
        WallStroke stroke{w["center"].vec3(), w["radius"].number(), w.boolean("wall", true)};
        if (!(stroke.radius > 0)) w["radius"].fail("must be > 0");
        f.domain.walls.push_back(stroke);
      }
    }
  }

  SimParams& p = f.params;
  read_fields_among(sim_fields(), root, p);
  // Beside the table: a 64-bit seed is not exact in a field's double.
  p.seed = static_cast<std::uint64_t>(root.integer("seed", 1));
  f.step = root.integer("step", 0);
  if (f.step < 0) root["step"].fail("must be >= 0");
  p.gravity = root.vec3("gravity", p.gravity);
  if (root.boolean("steer", false)) p.steer_target = root.vec3("steer_target", Vec3{});
  else p.steer_target.reset();
  if (root.boolean("exit", false)) p.exit = ExitRegion{root.vec3("exit_min", Vec3{}), root.vec3("exit_max", Vec3{})};
  else p.exit.reset();
  p.drift_center = root.vec3("drift_center", p.drift_center);
  if (root.has("growth")) growth_from(root["growth"], p);
  if (root.has("surface_tension")) surface_tension_from(root["surface_tension"], p);
  if (root.has("surface_tension_3d")) tension_3d_from(root["surface_tension_3d"], p);
  if (root.has("bubbles")) bubbles_from(root["bubbles"], p);
  if (root.has("insertion")) insertion_from(root["insertion"], p);
  if (root.has("cost_bias")) cost_bias_from(root["cost_bias"], p, static_cast<int>(dim));
  if (root.has("solver")) p.fit = solver_from(root["solver"]);
  const JsonNode species = root["species"];
  if (species.size() == 0) species.fail("at least one species is needed");
  for (std::size_t s = 0; s < species.size(); ++s) p.species.push_back(species_from(species.at(s)));
  if (p.insertion && p.insertion->species >= static_cast<int>(p.species.size()))
    root["insertion"]["species"].fail("no such species (the file defines " + std::to_string(p.species.size()) + ")");
  // Checked as read (int64): a cast first would turn 2^32 + 1 into 1 pass.
  const std::int64_t relax_passes = root.integer("relax_passes", f.relax_passes);
  if (relax_passes < 0 || relax_passes > 1000) root["relax_passes"].fail("must be in [0, 1000]");
  f.relax_passes = static_cast<int>(relax_passes);
  f.relax_cost_p = root.number("relax_cost_p", 0.0);
  if (!(f.relax_cost_p >= 0 && std::isfinite(f.relax_cost_p)))
    root["relax_cost_p"].fail("must be a finite exponent > 0 (or 0: relax with the run's costs)");
  if (root.has("cells")) {
    f.cells = cells_from(root["cells"]);
    for (int i = 0; i < f.cells->size(); ++i)
      if (f.cells->species[i] < 0 || f.cells->species[i] >= static_cast<int>(p.species.size()))
        root["cells"]["species"].at(i).fail("no such species (the file defines " + std::to_string(p.species.size()) + ")");
  }
  if (root.has("counters")) {
    const JsonNode c = root["counters"];
    c.only({"fit_failures", "removed", "divisions", "inserted", "burst", "fused", "burst_volume", "insertions_blocked"});
    SimStats counters;
    auto count = [&c](const char* key) {
      const std::int64_t v = c.integer(key, 0);
      if (v < 0) c[key].fail("must be >= 0");
      return v;
    };
    counters.fit_failures = count("fit_failures");
    counters.removed = count("removed");
    counters.divisions = count("divisions");
    counters.inserted = count("inserted");
    counters.burst = count("burst");
    counters.fused = count("fused");
    counters.insertions_blocked = count("insertions_blocked");
    counters.burst_volume = c.number("burst_volume", 0.0);
    if (!(counters.burst_volume >= 0)) c["burst_volume"].fail("must be >= 0");
    f.counters = counters;
  }
  return f;
}

SceneFile load_scene_file(const std::filesystem::path& path) {
  return scene_file_from_json(read_json_file(path, "scene file"), path.string());
}

void save_scene_file(const std::filesystem::path& path, const SceneFile& file, bool overwrite) {
  write_json_file(path, scene_file_to_json(file), overwrite);
}

SceneFile scene_file_of(const SceneDef& scene, const SceneOptions& options) {
  SceneSetup setup = build_scene(scene, options);
  SceneFile f;
  f.scene = std::string(scene.name);
  f.grid = setup.grid;
  f.domain = setup.domain_spec;
  f.params = setup.params;
  f.relax_passes = setup.relax_passes;
  f.relax_cost_p = setup.relax_cost_p;
  f.preset = setup.preset;
  return f;
}

SceneFile snapshot(const SceneFile& base, const Simulation& sim) {
  SceneFile f = base;
  f.params = sim.params();
  f.relax_passes = 0;
  f.cells = sim.cells();
  f.step = sim.step_count();
  f.counters = sim.stats();
  return f;
}

Simulation make_simulation(const SceneFile& file, const Exec& exec) {
  const SceneDef& scene = require_scene(file.scene);
  Domain domain = build_domain(file.grid, file.domain);
  CellState cells;
  int relax = 0;
  if (file.cells) {
    cells = *file.cells;
  } else {
    SceneOptions options;
    options.resolution = file.grid.n[0];
    options.seed = file.params.seed;
    options.preset = file.preset;
    cells = scene.build(options).cells;
    relax = file.relax_passes;
  }
  Simulation sim(exec, std::move(domain), file.params, std::move(cells));
  relax_seeds(sim, relax, file.relax_cost_p);
  // A saved state continues from its own potentials: the fit above only labels the pixels.
  // Its result would be a different warm start for the next step's fit whenever the frame
  // changes the state before fitting (the protrusion amplitudes' noise, section 5.7).
  if (file.cells) sim.mutable_cells().potential = file.cells->potential;
  sim.restore_step_count(file.step);
  if (file.counters) sim.restore_counters(*file.counters);
  return sim;
}

}  // namespace tessera
