#include "engine/output_dir.h"

#include <cstdio>
#include <fstream>
#include <system_error>

#include "engine/error.h"

namespace tessera {

namespace fs = std::filesystem;

void prepare_output_dir(const fs::path& dir, bool overwrite) {
  TESSERA_REQUIRE(!dir.empty(), "output folder: empty path");
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    TESSERA_REQUIRE(fs::is_directory(dir, ec), "output folder " + dir.string() + " exists and is not a folder");
    const bool empty = fs::is_empty(dir, ec);
    TESSERA_REQUIRE(!ec, "output folder " + dir.string() + " cannot be read: " + ec.message());
    TESSERA_REQUIRE(empty || overwrite, "output folder " + dir.string() +
                                            " already contains files; choose another folder or pass --overwrite");
  } else {
    fs::create_directories(dir, ec);
    TESSERA_REQUIRE(!ec, "cannot create output folder " + dir.string() + ": " + ec.message());
  }
  // A probe file catches read-only folders (permissions, read-only mounts) up front.
  const fs::path probe = dir / ".tessera-write-probe";
  {
    std::ofstream out(probe);
    TESSERA_REQUIRE(out.good(), "output folder " + dir.string() + " is not writable");
  }
  fs::remove(probe, ec);
}

std::string numbered_file(const std::string& prefix, std::int64_t n, const std::string& extension) {
  char number[32];
  std::snprintf(number, sizeof(number), "_%06lld.", static_cast<long long>(n));
  return prefix + number + extension;
}

fs::path next_free_path(const fs::path& folder, const std::string& stem, const std::string& extension) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  TESSERA_REQUIRE(!ec && fs::is_directory(folder), "cannot create the folder " + folder.string() +
                                                         (ec ? ": " + ec.message() : std::string()));
  for (int n = 1; n < 1000000; ++n) {
    char suffix[16];
    std::snprintf(suffix, sizeof(suffix), "_%04d", n);
    const fs::path candidate = folder / (stem + suffix + extension);
    if (!fs::exists(candidate, ec)) return candidate;
  }
  throw_error("the folder " + folder.string() + " holds a million files named " + stem + "_NNNN" + extension);
}

}  // namespace tessera
