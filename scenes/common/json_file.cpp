#include "scenes/common/json_file.h"

#include <fstream>
#include <sstream>
#include <string>

#include "engine/error.h"
#include "engine/file_output.h"

namespace tessera {

nlohmann::json read_json_file(const std::filesystem::path& path, std::string_view what) {
  const std::string name = (what.empty() ? "" : std::string(what) + " ") + path.string();
  std::ifstream in(path);
  TESSERA_REQUIRE(in.good(), "cannot read " + name);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::exception& e) {
    // Not only parse_error: a number beyond double ("1e506") is out_of_range.406.
    throw_error(name + ": not valid JSON (" + e.what() + ")");
  }
}

void write_json_file(const std::filesystem::path& path, const nlohmann::json& doc, bool overwrite) {
  PartFile out(path, overwrite);
  out.write(doc.dump(2) + "\n");
  out.commit();
}

}  // namespace tessera
