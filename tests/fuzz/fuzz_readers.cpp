// The engine's readers (no scenes linked, so their targets build right after the engine)
// and the harness shared by every target and the regression test.
#include <fstream>
#include <variant>

#include "engine/error.h"
#include "engine/nifti_io.h"
#include "engine/npy_io.h"
#include "engine/voxel_io.h"
#include "tests/fuzz/fuzz_entries.h"

namespace tessera::fuzz {

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("fuzz: cannot write " + path.string());
}

// Every array a reader returns holds one value per grid point.
void check_counts(const VoxelVolume& v, const fs::path& path) {
  if (v.names.size() != v.arrays.size()) throw FuzzFailure(path.string() + ": names and arrays differ in number");
  for (const VoxelValues& a : v.arrays) {
    if (static_cast<std::int64_t>(voxel_count(voxel_span(a))) != v.size())
      throw FuzzFailure(path.string() + ": an array's length is not the grid's point count");
  }
}

void run_nrrd(const fs::path& path) { check_counts(read_nrrd(path), path); }
void run_vti(const fs::path& path) { check_counts(read_vti(path), path); }
void run_raw(const fs::path& path) { check_counts(read_raw(path), path); }

void prepare_raw(const fs::path& dir) {
  std::string data(kRawDataBytes, '\0');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 37 + 11);
  write_file(dir / "input.raw", data);
}

void run_npy(const fs::path& path) {
  const NpyArray a = read_npy(path);
  if (static_cast<std::int64_t>(voxel_count(voxel_span(a.values))) != a.size())
    throw FuzzFailure(path.string() + ": value count differs from the shape's");
  // An initial curvatubes field goes through to_float32.
  if (!std::holds_alternative<std::vector<float>>(a.values) && !std::holds_alternative<std::vector<double>>(a.values))
    return;
  if (static_cast<std::int64_t>(a.to_float32().size()) != a.size()) throw FuzzFailure("to_float32 lost values");
}

void run_nifti(const fs::path& path) {
  const NiftiVolume v = read_nifti(path);
  const std::int64_t n = static_cast<std::int64_t>(v.n[0]) * v.n[1] * v.n[2];
  if (static_cast<std::int64_t>(voxel_count(voxel_span(v.values))) != n)
    throw FuzzFailure(path.string() + ": value count differs from the dims'");
  if (std::holds_alternative<std::vector<float>>(v.values) || std::holds_alternative<std::vector<double>>(v.values)) {
    int shape[3];
    if (static_cast<std::int64_t>(read_nifti_zxy(path, shape).size()) != n) throw FuzzFailure("read_nifti_zxy lost values");
  }
}

}  // namespace

const std::vector<FuzzEntry>& reader_entries() {
  static const std::vector<FuzzEntry> entries = {
      {"nrrd", "input.nrrd", run_nrrd},
      {"raw", "input.json", run_raw, prepare_raw},
      {"npy", "input.npy", run_npy},
      {"nifti", "input.nii", run_nifti},
      {"vti", "input.vti", run_vti},
  };
  return entries;
}

const FuzzEntry& find_fuzz_entry(std::string_view name, const std::vector<FuzzEntry>& among) {
  std::string known;
  for (const FuzzEntry& e : among) {
    if (e.name == name) return e;
    known += (known.empty() ? "" : ", ") + std::string(e.name);
  }
  throw std::invalid_argument("no fuzz entry '" + std::string(name) + "' (known: " + known + ")");
}

void run_fuzz_input(const FuzzEntry& entry, std::string_view bytes, const fs::path& dir) {
  const fs::path path = dir / entry.file_name;
  write_file(path, bytes);
  if (entry.prepare != nullptr) entry.prepare(dir);
  try {
    entry.run(path);
  } catch (const Error&) {
    // A clean refusal: what bad input should get.
  }
}

}  // namespace tessera::fuzz
