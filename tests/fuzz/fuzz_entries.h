#pragma once
// The fuzzed entry points: each reads one file through the loader a user's file goes
// through (scene files, curvatubes parameter files, the settings file, NRRD, raw + JSON,
// npy, NIfTI and VTK image readers) and checks what must hold for any input:
//   - bad input throws tessera::Error (a message naming the file and the problem);
//     anything else escaping (std::bad_alloc, nlohmann::json's exceptions, a crash) is a bug;
//   - a file that loads can be written and loads again to the same content.
// Shared by the libFuzzer targets (fuzz_target.cpp, built with -DTESSERA_FUZZ=ON) and the
// [cpu] test that replays the committed crash inputs (tests/fuzz/regressions/NAME/*), so a
// regression fails the normal suite without clang.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::fuzz {

// A broken invariant found by a fuzz input (never a tessera::Error, so it is not mistaken
// for a clean refusal).
class FuzzFailure : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

struct FuzzEntry {
  std::string_view name;       // fuzz_NAME, corpus/NAME, regressions/NAME
  std::string_view file_name;  // the input is written to a file of this name in a scratch folder
  // Reads the file at `path`; throws tessera::Error for bad input, FuzzFailure for a bug.
  void (*run)(const std::filesystem::path& path);
  // Companion files the reader expects beside the input (the raw data of a sidecar), or null.
  void (*prepare)(const std::filesystem::path& dir) = nullptr;
};

// Every entry (fuzz_entries.cpp: links the scenes and the app core).
const std::vector<FuzzEntry>& fuzz_entries();
// The engine's readers only (fuzz_readers.cpp: links the engine alone).
const std::vector<FuzzEntry>& reader_entries();
// Throw std::invalid_argument naming the known entries.
const FuzzEntry& fuzz_entry(std::string_view name);
const FuzzEntry& find_fuzz_entry(std::string_view name, const std::vector<FuzzEntry>& among);

// Writes `bytes` as `dir / entry.file_name` (plus the companions) and runs the entry on it.
// Returns normally when the input loads or is refused with tessera::Error; any other
// exception propagates.
void run_fuzz_input(const FuzzEntry& entry, std::string_view bytes, const std::filesystem::path& dir);

// The raw target's companion data: 512 bytes, which the seeds' sidecars all describe
// (8x8x8 uint8, 4x4x4 float64, 8x4x4 int32 or float32, 16x8 int32, 16x32 uint8).
inline constexpr std::size_t kRawDataBytes = 512;

}  // namespace tessera::fuzz
