#pragma once
// Reading and writing a whole JSON file, for every mode's files: one place says "cannot
// read", "not valid JSON" (naming the file) and writes through PartFile (never over an
// existing file unless asked, never half a file).
#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tessera {

// `what` names the file in messages ("scene file", "" for none). Throws tessera::Error.
nlohmann::json read_json_file(const std::filesystem::path& path, std::string_view what = "");
// Pretty-printed with a final newline. Throws tessera::Error.
void write_json_file(const std::filesystem::path& path, const nlohmann::json& doc, bool overwrite);

}  // namespace tessera
