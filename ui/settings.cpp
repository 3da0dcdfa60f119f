#include "ui/settings.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string_view>
#include <system_error>

#include "engine/file_output.h"
#include "engine/log.h"

namespace tessera {

namespace {

using nlohmann::json;

// Collects the warnings of one load; every value that cannot be used keeps its default.
class SettingsReader {
 public:
  SettingsReader(const std::filesystem::path& path, std::vector<std::string>& warnings)
      : m_file(path.string()), m_warnings(warnings) {}

  void warn(std::string_view key, const std::string& what) {
    // Problems of the whole file name no key.
    std::string line = "settings file " + m_file + ": ";
    if (!key.empty()) line += "key '" + std::string(key) + "': ";
    line += what;
    log::warn("{}", line);
    m_warnings.push_back(std::move(line));
  }

  // Warns about the members of `object` (at `prefix`) that are not in `known`.
  void unknown_keys(const json& object, const std::string& prefix, std::initializer_list<std::string_view> known) {
    for (const auto& item : object.items()) {
      bool listed = false;
      for (std::string_view k : known) listed = listed || k == item.key();
      if (!listed) warn(join(prefix, item.key()), "unknown key, ignored");
    }
  }

  // The object member `key` of `root`, or nullptr when it is absent or not an object.
  const json* section(const json& root, const char* key) {
    const auto it = root.find(key);
    if (it == root.end()) return nullptr;
    if (!it->is_object()) {
      warn(key, "expected an object, got " + std::string(it->type_name()) + "; using the defaults");
      return nullptr;
    }
    return &*it;
  }

  void read(const json& object, const std::string& prefix, const char* key, int& out, int lo, int hi) {
    const auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number_integer()) {
      expected(prefix, key, "an integer", *it);
      return;
    }
    const std::int64_t value = it->get<std::int64_t>();
    if (value < lo || value > hi) {
      warn(join(prefix, key), std::to_string(value) + " is outside [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                  "]; using the default");
      return;
    }
    out = static_cast<int>(value);
  }

  void read(const json& object, const std::string& prefix, const char* key, bool& out) {
    const auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_boolean()) return expected(prefix, key, "true or false", *it);
    out = it->get<bool>();
  }

  void read(const json& object, const std::string& prefix, const char* key, std::string& out) {
    const auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_string()) return expected(prefix, key, "a string", *it);
    out = it->get<std::string>();
  }

  void read(const json& object, const std::string& prefix, const char* key, ColorMode& out) {
    std::string name(color_mode_name(out));
    read(object, prefix, key, name);
    if (const std::optional<ColorMode> mode = parse_color_mode(name)) {
      out = *mode;
      return;
    }
    std::string accepted;
    for (std::string_view n : kColorModeNames) accepted += (accepted.empty() ? "" : ", ") + std::string(n);
    warn(join(prefix, key), "unknown colour mode '" + name + "' (accepted: " + accepted + "); using the default");
  }

 private:
  static std::string join(const std::string& prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
  }
  void expected(const std::string& prefix, const char* key, const char* what, const json& value) {
    warn(join(prefix, key), std::string("expected ") + what + ", got " + value.type_name() + "; using the default");
  }

  std::string m_file;
  std::vector<std::string>& m_warnings;
};

// nlohmann's parse errors start with "[json.exception.parse_error.101] "; the rest says where.
std::string parse_message(const std::string& what) {
  const std::size_t end = what.find("] ");
  return what.rfind("[json.exception.", 0) == 0 && end != std::string::npos ? what.substr(end + 2) : what;
}

void read_settings(const json& root, SettingsReader& reader, AppSettings& s) {
  reader.unknown_keys(root, "", {"version", "window", "scene", "view"});
  if (const auto it = root.find("version"); it != root.end()) {
    if (!it->is_number_integer())
      reader.warn("version", "expected an integer, got " + std::string(it->type_name()));
    else if (it->get<std::int64_t>() != kSettingsVersion)
      reader.warn("version", "written by another version (" + it->dump() + ", this one writes " +
                                 std::to_string(kSettingsVersion) + "); reading the keys it knows");
  }
  if (const json* window = reader.section(root, "window")) {
    reader.unknown_keys(*window, "window", {"width", "height"});
    reader.read(*window, "window", "width", s.window_width, kMinWindowSize, kMaxWindowSize);
    reader.read(*window, "window", "height", s.window_height, kMinWindowSize, kMaxWindowSize);
  }
  if (const json* scene = reader.section(root, "scene")) {
    reader.unknown_keys(*scene, "scene", {"name", "file", "preset", "resolution"});
    reader.read(*scene, "scene", "name", s.scene_name);
    reader.read(*scene, "scene", "file", s.scene_file);
    reader.read(*scene, "scene", "preset", s.preset);
    reader.read(*scene, "scene", "resolution", s.resolution, 0, 1 << 16);
    if (!s.scene_name.empty() && !s.scene_file.empty()) {
      reader.warn("scene", "both a name and a file are given; using the name");
      s.scene_file.clear();
    }
  }
  if (const json* view = reader.section(root, "view")) {
    reader.unknown_keys(*view, "view", {"color_mode", "boundaries", "seeds", "arrows"});
    reader.read(*view, "view", "color_mode", s.color_mode);
    reader.read(*view, "view", "boundaries", s.show_boundaries);
    reader.read(*view, "view", "seeds", s.show_seeds);
    reader.read(*view, "view", "arrows", s.show_arrows);
  }
}

}  // namespace

AppSettings default_app_settings() { return AppSettings{}; }

std::filesystem::path default_settings_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  // The XDG base-directory rule: a relative value is invalid and ignored.
  if (xdg != nullptr && xdg[0] == '/') return std::filesystem::path(xdg) / "tessera" / "settings.json";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') return std::filesystem::path(home) / ".config" / "tessera" / "settings.json";
  return {};
}

SettingsLoad load_settings(const std::filesystem::path& path) {
  SettingsLoad result;
  result.settings = default_app_settings();
  SettingsReader reader(path, result.warnings);
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) return result;
  result.found = true;
  if (std::filesystem::is_directory(path, ec)) {
    reader.warn("", "is a folder, not a file; using the defaults");
    return result;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    reader.warn("", "cannot be read; using the defaults");
    return result;
  }
  json root;
  try {
    root = json::parse(text.str());
  } catch (const json::exception& e) {
    // Not only parse_error: a number beyond double ("1e506") is out_of_range.406.
    reader.warn("", "not valid JSON (" + parse_message(e.what()) + "); using the defaults");
    return result;
  }
  if (!root.is_object()) {
    reader.warn("", "the top level is " + std::string(root.type_name()) + ", not an object; using the defaults");
    return result;
  }
  read_settings(root, reader, result.settings);
  return result;
}

std::string save_settings(const std::filesystem::path& path, const AppSettings& s) {
  if (path.empty()) return "settings: no file to write (neither XDG_CONFIG_HOME nor HOME is set)";
  try {
    const json root = {
        {"version", kSettingsVersion},
        {"window", {{"width", s.window_width}, {"height", s.window_height}}},
        {"scene", {{"name", s.scene_name}, {"file", s.scene_file}, {"preset", s.preset}, {"resolution", s.resolution}}},
        {"view",
         {{"color_mode", std::string(color_mode_name(s.color_mode))},
          {"boundaries", s.show_boundaries},
          {"seeds", s.show_seeds},
          {"arrows", s.show_arrows}}}};
    std::error_code ec;
    if (path.has_parent_path()) {
      std::filesystem::create_directories(path.parent_path(), ec);
      if (ec) return "settings file " + path.string() + ": cannot create its folder: " + ec.message();
    }
    // PartFile writes PATH.part and renames it onto PATH when done (engine/file_output.h).
    PartFile file(path, true);
    file.write(root.dump(2) + "\n");
    file.commit();
    return "";
  } catch (const std::exception& e) {
    return "settings file " + path.string() + ": " + e.what();
  }
}

}  // namespace tessera
