#pragma once
// NumPy .npy arrays (format versions 1.0-3.0) of any rank, C order, little-endian: float32
// ('<f4'), float64 ('<f8'), int32 ('<i4') and uint8 ('|u1'). Used to start a run from a
// given field (shape (Z, X, Y) or (3, Z, X, Y)) and to hand fields to numpy scripts.
// The writer goes through PartFile (engine/file_output.h); the reader throws tessera::Error
// naming the file for Fortran order, other dtypes, big-endian data and truncated files.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "engine/voxel_io.h"

namespace tessera {

struct NpyArray {
  std::vector<std::int64_t> shape;  // numpy's order: the last axis varies fastest
  VoxelValues values;               // product(shape) values in C order

  std::int64_t size() const;
  // The values as float32 (float64 rounded); throws tessera::Error for integer arrays.
  std::vector<float> to_float32() const;
};

// Writes `values` (C order, product(shape) of them) as format version 1.0 (2.0 when the
// header outgrows 64 KiB). An empty shape is a scalar.
void write_npy(const std::filesystem::path& path, const std::vector<std::int64_t>& shape, VoxelSpan values,
               bool overwrite = false);
NpyArray read_npy(const std::filesystem::path& path);

}  // namespace tessera
