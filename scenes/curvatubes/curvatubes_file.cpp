#include "scenes/curvatubes/curvatubes_file.h"

#include "engine/error.h"
#include "scenes/common/field_json.h"
#include "scenes/common/json_file.h"
#include "scenes/common/json_node.h"
#include "sim/curvatubes/presets.h"

namespace tessera {

using curvatubes::AdamSettings;
using curvatubes::Coefficients;
using curvatubes::CurvatubesParams;
using nlohmann::json;

namespace {
constexpr int kVersion = 1;
// Seeds travel through the table as doubles: integers up to 2^53 are exact.
constexpr double kMaxSeed = 9007199254740992.0;
}  // namespace

const FieldTable<CurvatubesParams>& curvatubes_fields() {
  static const FieldTable<CurvatubesParams> table = {
      TESSERA_NUMBER_FIELD(CurvatubesParams, h, "length", 0, kUnbounded, kOpenMin,
                           "physical length of one voxel (0.01: a 100^3 grid is the unit cube)"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, eps, "length", 0, kUnbounded, kOpenMin,
                           "interface width of the phase field (0.02 = 2 voxels; at least one voxel)"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, m0, "", -1, 1, kOpenBoth,
                           "prescribed mean of u (mass): about 2 x solid fraction - 1"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, mu, "", -kUnbounded, kUnbounded, kClosed,
                           "weight of the orientation term mu eps (theta . grad u)^2; 0 = off"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, xi, "1 / length", 0, kUnbounded, kOpenMin,
                           "regularisation of |grad u| inside the curvatures"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, xi_s, "", 0, kUnbounded, kOpenMin, "softplus sharpness and offset"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, sigma_blur, "voxels", 0, 64, kClosed,
                           "width of the Gaussian blur of the optimised variable; 0 = off"),
      TESSERA_CHOICE_FIELD(CurvatubesParams, flow, curvatubes::Flow, curvatubes::kFlowNames,
                           "cons: exact local mass (H^-1 flow), L2: mass free, averm0: exact global mass"),
      TESSERA_CHOICE_FIELD(CurvatubesParams, boundary, curvatubes::Boundary, curvatubes::kBoundaryNames,
                           "how stencils read past the grid's faces (cons needs periodic)"),
      TESSERA_NUMBER_FIELD(CurvatubesParams, seed, "", 0, kMaxSeed, kClosed, "random seed of the initial noise"),
      TESSERA_BOOL_FIELD(CurvatubesParams, check_viable,
                         "stop a run that is not viable at 500, 1000 and 5000 evaluations"),
      TESSERA_INTEGER_FIELD(CurvatubesParams, curve_every, "evaluations", 1, 1e6,
                            "period of the energy curves' samples"),
  };
  return table;
}

const FieldTable<Coefficients>& coefficient_fields() {
  static const FieldTable<Coefficients> table = {
      TESSERA_NUMBER_FIELD(Coefficients, a20, "", -kUnbounded, kUnbounded, kClosed, "weight of k1^2"),
      TESSERA_NUMBER_FIELD(Coefficients, a11, "", -kUnbounded, kUnbounded, kClosed, "weight of k1 k2"),
      TESSERA_NUMBER_FIELD(Coefficients, a02, "", -kUnbounded, kUnbounded, kClosed, "weight of k2^2"),
      TESSERA_NUMBER_FIELD(Coefficients, b10, "1 / length", -kUnbounded, kUnbounded, kClosed, "weight of k1"),
      TESSERA_NUMBER_FIELD(Coefficients, b01, "1 / length", -kUnbounded, kUnbounded, kClosed, "weight of k2"),
      TESSERA_NUMBER_FIELD(Coefficients, c, "1 / length^2", -kUnbounded, kUnbounded, kClosed,
                           "constant term (area weight)"),
  };
  return table;
}

const FieldTable<AdamSettings>& adam_fields() {
  static const FieldTable<AdamSettings> table = {
      TESSERA_NUMBER_FIELD(AdamSettings, lr, "", 0, kUnbounded, kOpenMin, "Adam's step size"),
      TESSERA_NUMBER_FIELD(AdamSettings, beta1, "", 0, 1, kOpenMax, "decay of the first moment"),
      TESSERA_NUMBER_FIELD(AdamSettings, beta2, "", 0, 1, kOpenMax, "decay of the second moment"),
      TESSERA_NUMBER_FIELD(AdamSettings, eps_adam, "", 0, kUnbounded, kOpenMin,
                           "Adam's epsilon (1e-2, large on purpose: the step depends on the gradient's scale)"),
  };
  return table;
}

namespace {

// The parameters except the grid, in the root object or a steering event.
void write_params(const CurvatubesParams& p, json& out) {
  write_fields(curvatubes_fields(), p, out);
  out["seed"] = p.seed;  // an integer in the file, whatever its size
  json coefficients = json::object();
  write_fields(coefficient_fields(), p.coeffs, coefficients);
  out["coefficients"] = coefficients;
  out["theta"] = {p.theta[0], p.theta[1], p.theta[2]};
  json adam = json::object();
  write_fields(adam_fields(), p.adam, adam);
  out["adam"] = adam;
}

// Reads what write_params writes; `extra` lists the node's other allowed keys, with
// "coefficients", "theta" and "adam" (read here).
void read_params(const JsonNode& node, CurvatubesParams& p, std::initializer_list<std::string_view> extra) {
  read_fields(curvatubes_fields(), node, p, extra);
  if (node.has("coefficients")) read_fields(coefficient_fields(), node["coefficients"], p.coeffs);
  if (node.has("theta")) {
    const Vec3 t = node["theta"].vec3();
    p.theta = {t.x, t.y, t.z};
  }
  if (node.has("adam")) read_fields(adam_fields(), node["adam"], p.adam);
}

}  // namespace

void apply_strip(CurvatubesFile& f) {
  f.params.spatial = f.strip ? curvatubes::strip_fields(f.params, *f.strip) : curvatubes::SpatialFields{};
}

json curvatubes_file_to_json(const CurvatubesFile& f) {
  const CurvatubesParams& p = f.params;
  // Spatial fields are saved as the strip that makes them; others have no file form.
  TESSERA_REQUIRE(!p.spatial.any() || f.strip,
                  "curvatubes: spatialised coefficients other than a strip cannot be saved in a parameter file");
  json out = {{"mode", "curvatubes"}, {"version", kVersion}, {"preset", f.preset}, {"shape", {p.nz, p.nx, p.ny}}};
  write_params(p, out);
  out["init"] = f.init.string();
  out["iterations"] = f.iterations;
  if (!f.steering.empty()) {
    json events = json::array();
    for (const SteeringEvent& e : f.steering) {
      json event = {{"iteration", e.iteration}};
      write_params(e.params, event);
      events.push_back(event);
    }
    out["steering"] = events;
  }
  if (f.strip) {
    json anchors = json::array();
    for (const curvatubes::StripAnchor& a : f.strip->anchors) anchors.push_back({{"at", a.at}, {"preset", a.preset}});
    out["strip"] = {{"axis", curvatubes::strip_axis_name(f.strip->axis)}, {"anchors", anchors}};
  }
  return out;
}

CurvatubesFile curvatubes_file_from_json(const json& doc, const std::string& source) {
  const JsonNode root(doc, "", source);
  CurvatubesFile f;
  read_params(root, f.params,
              {"coefficients", "theta", "adam", "mode", "version", "preset", "shape", "init", "iterations", "steering",
               "strip"});
  if (root["mode"].string() != "curvatubes") root["mode"].fail("expected \"curvatubes\"");
  if (root.has("version") && root["version"].integer() != kVersion)
    root["version"].fail("this Tessera reads version " + std::to_string(kVersion));
  // A preset sets the coefficients first; the keys given in the file then override them.
  if (root.has("preset")) f.preset = root["preset"].string();
  if (!f.preset.empty()) {
    const curvatubes::CurvatubesPreset* preset = curvatubes::find_preset(f.preset);
    if (preset == nullptr) root["preset"].fail("unknown preset '" + f.preset + "' (see tessera curvatubes --list)");
    if (!root.has("coefficients")) f.params.coeffs = preset->coeffs;
  }
  if (root.has("shape")) {
    const JsonNode shape = root["shape"];
    if (shape.size() != 3) shape.fail("expected [Z, X, Y]");
    int* axes[3] = {&f.params.nz, &f.params.nx, &f.params.ny};
    for (int a = 0; a < 3; ++a) {
      const std::int64_t n = shape.at(a).integer();
      if (n < 16 || n > 4096) shape.at(a).fail("grid axes are 16 to 4096 voxels (got " + std::to_string(n) + ")");
      *axes[a] = static_cast<int>(n);
    }
  }
  if (root.has("init")) f.init = root["init"].string();
  f.iterations = root.integer("iterations", 0);
  if (f.iterations < 0) root["iterations"].fail("must be >= 0");
  if (root.has("strip")) {
    const JsonNode node = root["strip"];
    node.only({"axis", "anchors"});
    curvatubes::CoefficientStrip strip;
    try {
      strip.axis = curvatubes::parse_strip_axis(node["axis"].string());
    } catch (const std::exception& e) {
      node["axis"].fail(e.what());
    }
    const JsonNode anchors = node["anchors"];
    for (std::size_t k = 0; k < anchors.size(); ++k) {
      const JsonNode a = anchors.at(k);
      a.only({"at", "preset"});
      strip.anchors.push_back({a["at"].number(), a["preset"].string()});
    }
    f.strip = std::move(strip);
    try {
      apply_strip(f);
    } catch (const std::exception& e) {
      node.fail(e.what());
    }
  }
  try {
    curvatubes::validate(f.params);
  } catch (const std::exception& e) {
    throw_error(source + ": " + e.what());
  }
  if (root.has("steering")) {
    const JsonNode events = root["steering"];
    std::int64_t last = -1;
    for (std::size_t k = 0; k < events.size(); ++k) {
      const JsonNode node = events.at(k);
      SteeringEvent e;
      e.params = f.steering.empty() ? f.params : f.steering.back().params;  // keys left out keep their values
      read_params(node, e.params, {"coefficients", "theta", "adam", "iteration"});
      e.iteration = node["iteration"].integer();
      if (e.iteration <= last || e.iteration > f.iterations)
        node["iteration"].fail("steering events need increasing iterations within the run's " +
                               std::to_string(f.iterations));
      last = e.iteration;
      const std::string differs = curvatubes::unsteerable_difference(f.params, e.params);
      if (!differs.empty()) node.fail(differs + " cannot change during a run");
      try {
        curvatubes::validate(e.params);
      } catch (const std::exception& ex) {
        node.fail(ex.what());
      }
      f.steering.push_back(std::move(e));
    }
  }
  return f;
}

CurvatubesFile curvatubes_file_of(const json& doc, const std::filesystem::path& path) {
  CurvatubesFile f = curvatubes_file_from_json(doc, path.string());
  // An initial field named relative to the file is found next to it.
  if (!f.init.empty() && f.init.is_relative()) f.init = path.parent_path() / f.init;
  return f;
}

CurvatubesFile load_curvatubes_file(const std::filesystem::path& path) {
  return curvatubes_file_of(read_json_file(path), path);
}

void save_curvatubes_file(const std::filesystem::path& path, const CurvatubesFile& file, bool overwrite) {
  write_json_file(path, curvatubes_file_to_json(file), overwrite);
}

}  // namespace tessera
