#pragma once
// Label and scalar grids for ParaView, Fiji and 3D Slicer:
//   .vti          VTK XML image data, raw appended binary (ParaView, VisIt, VTK scripts)
//   .nrrd         NRRD with attached raw data (3D Slicer, Fiji, ITK, teem)
//   .raw + .json  bare bytes plus a JSON sidecar describing them (numpy, Fiji "Import > Raw")
// Samples sit at pixel centres: the origin is the first centre (h_0/2, h_1/2, h_2/2) and the
// spacing is h (engine/grid.h), in box units. Storage is x-fastest. Multi-byte values are
// little-endian. A 2D grid is a one-slice 3D image in .vti (z origin 0, z spacing 1) and a
// 2D image in .nrrd and .raw.
//
// Every writer goes through PartFile (engine/file_output.h): an existing file is refused
// unless `overwrite` is true, and a failed write leaves no file behind. The readers accept
// what these writers produce (plus minor NRRD variants) and throw tessera::Error naming the
// file and the problem for anything else.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "engine/grid.h"

namespace tessera {

// Sample types; the index matches VoxelSpan's and VoxelValues' alternatives. Float32 came
// last so that the earlier indices (and files naming them) keep their meaning.
enum class VoxelType { Int32, Float64, UInt8, Float32 };
inline constexpr const char* kVoxelTypeNames[] = {"int32", "float64", "uint8", "float32"};
inline constexpr int kVoxelTypeCount = 4;

// One value per grid point, borrowed from the caller for the duration of a write.
using VoxelSpan = std::variant<std::span<const std::int32_t>, std::span<const double>, std::span<const std::uint8_t>,
                               std::span<const float>>;
// One value per grid point, owned (what the readers return).
using VoxelValues =
    std::variant<std::vector<std::int32_t>, std::vector<double>, std::vector<std::uint8_t>, std::vector<float>>;

// A named array. Names are 1-64 characters from [A-Za-z0-9_.-], so they need no escaping
// in XML, NRRD or JSON.
struct VoxelField {
  std::string name;
  VoxelSpan values;
};

// A grid as a reader found it.
struct VoxelVolume {
  int dim = 3;  // 2 for a 2D NRRD/raw file or a one-slice .vti
  int n[3] = {1, 1, 1};
  double spacing[3] = {1, 1, 1};
  double origin[3] = {0, 0, 0};  // centre of the first sample
  std::vector<std::string> names;
  std::vector<VoxelValues> arrays;  // same order as `names`

  std::int64_t size() const { return static_cast<std::int64_t>(n[0]) * n[1] * n[2]; }
  // The array called `name`; throws tessera::Error when it is absent or not of type T.
  template <class T>
  const std::vector<T>& array(const std::string& name) const {
    const auto* values = std::get_if<std::vector<T>>(&find(name));
    if (values == nullptr) throw_wrong_type(name);
    return *values;
  }

 private:
  const VoxelValues& find(const std::string& name) const;
  [[noreturn]] void throw_wrong_type(const std::string& name) const;
};

VoxelType voxel_type(const VoxelSpan& values);
VoxelType voxel_type(const VoxelValues& values);
std::size_t voxel_type_size(VoxelType type);
// A borrowed view of owned values (to write what a reader returned).
VoxelSpan voxel_span(const VoxelValues& values);
// Number of values and their bytes, whatever the type.
std::size_t voxel_count(const VoxelSpan& values);
const void* voxel_bytes(const VoxelSpan& values);
// `n` little-endian samples of `type` from `data` (which holds at least n * size bytes).
VoxelValues decode_voxels(VoxelType type, const char* data, std::int64_t n);

// How .vti arrays are stored. Zlib is VTK's vtkZLibDataCompressor: each array is cut into
// 32 KiB blocks, deflated separately, behind a header of UInt64 counts (blocks, block size,
// last block size, compressed sizes). ParaView reads both; None is the default so existing
// outputs stay byte-identical.
enum class VtiCompression { None, Zlib };
inline constexpr const char* kVtiCompressionNames[] = {"none", "zlib"};

// Where .vti values live. Points (the default): one sample per grid point, the origin at the
// first pixel centre. Cells: one value per voxel cell of the image, extent 0..n on every
// axis, origin at the box corner (0, 0, 0) and spacing h; a 2D grid becomes one layer of
// cells of thickness h_0. Cells is what DAMASK's grid solver reads (cell data `material`).
enum class VtiSamples { Points, Cells };

// VTK XML ImageData (format version 1.0, UInt64 block headers): every field becomes a point
// (or cell) data array; the first one is the active scalars. At least one field. The reader
// takes both plain and zlib-compressed files, with point or cell data (a cell-data volume
// reports the first cell's centre as its origin, like a point-data one).
void write_vti(const std::filesystem::path& path, const Grid& grid, const std::vector<VoxelField>& fields,
               bool overwrite = false, VtiCompression compression = VtiCompression::None,
               VtiSamples samples = VtiSamples::Points);
VoxelVolume read_vti(const std::filesystem::path& path);

// NRRD0004 with `space dimension`, `space directions` (diagonal), `space origin`, raw
// little-endian data after the blank line, and the field name as `content`.
void write_nrrd(const std::filesystem::path& path, const Grid& grid, const VoxelField& field, bool overwrite = false);
VoxelVolume read_nrrd(const std::filesystem::path& path);

// `path` (the bytes) and `path` with extension ".json" (the sidecar: format, name, dtype,
// byte order, x-fastest order, dimension, dims, spacing, origin). `path` must not end in ".json".
void write_raw(const std::filesystem::path& path, const Grid& grid, const VoxelField& field, bool overwrite = false);
// Reads either the .raw file or its .json sidecar.
VoxelVolume read_raw(const std::filesystem::path& path);

// The sidecar's path for a raw file.
std::filesystem::path raw_sidecar_path(const std::filesystem::path& raw_path);

}  // namespace tessera
