// One libFuzzer target per fuzz entry (tests/fuzz/fuzz_entries.h); TESSERA_FUZZ_ENTRY names
// it at compile time. Each input is written to a scratch folder and read through the
// entry; a clean tessera::Error is fine, anything else aborts so that libFuzzer keeps the
// input (crash-*) for a regression file.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "engine/log.h"
#include "tests/fuzz/fuzz_entries.h"

#if !defined(TESSERA_FUZZ_ENTRY) || !defined(TESSERA_FUZZ_TABLE)
#error "TESSERA_FUZZ_ENTRY must name the entry, TESSERA_FUZZ_TABLE its table (see tests/fuzz/CMakeLists.txt)"
#endif

namespace {

namespace fs = std::filesystem;

const tessera::fuzz::FuzzEntry* g_entry = nullptr;
fs::path g_dir;

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(g_dir, ec);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  tessera::log::set_level(tessera::log::Level::Off);  // warnings per input would swamp the run
  g_entry = &tessera::fuzz::find_fuzz_entry(TESSERA_FUZZ_ENTRY, tessera::fuzz::TESSERA_FUZZ_TABLE());
  g_dir = fs::temp_directory_path() / ("tessera_fuzz_" + std::string(g_entry->name) + "_" + std::to_string(::getpid()));
  fs::create_directories(g_dir);
  std::atexit(remove_scratch);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    tessera::fuzz::run_fuzz_input(*g_entry, std::string_view(reinterpret_cast<const char*>(data), size), g_dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_%s: escaped as something other than tessera::Error: %s\n",
                 std::string(g_entry->name).c_str(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_%s: a non-std exception escaped\n", std::string(g_entry->name).c_str());
    std::abort();
  }
  return 0;
}
