#include "scenes/polycrystal/polycrystal_file.h"

#include "engine/error.h"
#include "scenes/common/field_json.h"
#include "scenes/common/json_file.h"
#include "scenes/common/json_node.h"

namespace tessera {

using nlohmann::json;
using polycrystal::PolycrystalParams;

namespace {
constexpr int kVersion = 1;
}

json polycrystal_file_to_json(const PolycrystalFile& f) {
  json out = {{"mode", "polycrystal"}, {"version", kVersion}};
  write_fields(polycrystal::polycrystal_fields(), f.params, out);
  out["seed"] = f.params.seed;  // an integer in the file, whatever its size
  out["rounds"] = f.rounds;
  return out;
}

PolycrystalFile polycrystal_file_from_json(const json& doc, const std::string& source) {
  const JsonNode root(doc, "", source);
  PolycrystalFile f;
  read_fields(polycrystal::polycrystal_fields(), root, f.params, {"mode", "version", "rounds"});
  if (root["mode"].string() != "polycrystal") root["mode"].fail("expected \"polycrystal\"");
  if (root.has("version") && root["version"].integer() != kVersion)
    root["version"].fail("this Tessera reads version " + std::to_string(kVersion));
  f.rounds = root.integer("rounds", 0);
  if (f.rounds < 0) root["rounds"].fail("must be >= 0");
  try {
    polycrystal::validate(f.params);
  } catch (const std::exception& e) {
    throw_error(source + ": " + e.what());
  }
  return f;
}

PolycrystalFile load_polycrystal_file(const std::filesystem::path& path) {
  return polycrystal_file_from_json(read_json_file(path), path.string());
}

void save_polycrystal_file(const std::filesystem::path& path, const PolycrystalFile& file, bool overwrite) {
  write_json_file(path, polycrystal_file_to_json(file), overwrite);
}

}  // namespace tessera
