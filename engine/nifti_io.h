#pragma once
// NIfTI-1 single files (.nii, and .nii.gz gzipped through zlib) for nibabel, 3D Slicer,
// Fiji and ITK. One 3D volume per file; the first NIfTI axis varies fastest in the data.
//
// Header choices (documented so readers agree on geometry):
//   sizeof_hdr 348, magic "n+1", vox_offset 352 (no extensions), dim = (3, n1, n2, n3),
//   pixdim = (1, h1, h2, h3), scl_slope 1, scl_inter 0, xyzt_units 0 (lengths are box
//   units, which NIfTI has no name for), qform_code 0 (no quaternion form), sform_code 2
//   (NIFTI_XFORM_ALIGNED_ANAT: "aligned to some reference", the honest choice for a
//   simulation box that is no scanner) with srow = [diag(h) | origin]. nibabel's affine is
//   then exactly diag(h1, h2, h3, 1) plus the origin, and voxel (i, j, k) sits at
//   origin + (i h1, j h2, k h3).
// Sample types: float32 (datatype 16), int32 (8, for labels), float64 (64), uint8 (2).
//
// Writers go through PartFile (engine/file_output.h). The reader takes what the writers
// produce (either compression, any sform/qform code) and throws tessera::Error naming the
// file and the problem otherwise (big-endian, 4D and more, other datatypes, truncation).
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "engine/grid.h"
#include "engine/voxel_io.h"

namespace tessera {

struct NiftiVolume {
  int n[3] = {1, 1, 1};                // NIfTI dim[1..3]; n[0] varies fastest in `values`
  double spacing[3] = {1, 1, 1};       // pixdim[1..3]
  double srow[3][4] = {};              // the sform rows (zero when sform_code is 0)
  int sform_code = 0;
  int qform_code = 0;
  double scl_slope = 1, scl_inter = 0;  // as stored; `values` are not rescaled
  std::string description;              // descrip, up to 79 characters
  VoxelValues values;                   // n[0] * n[1] * n[2] values, first axis fastest
};

// A volume to write: `values` hold n[0] * n[1] * n[2] samples, first axis fastest. The file
// is gzipped when `path` ends in ".gz". `description` goes into descrip (cut at 79 chars).
struct NiftiWrite {
  int n[3] = {1, 1, 1};
  double spacing[3] = {1, 1, 1};
  double origin[3] = {0, 0, 0};
  VoxelSpan values;
  std::string description = "Tessera";
};
void write_nifti(const std::filesystem::path& path, const NiftiWrite& volume, bool overwrite = false);

// A field u of shape (Z, X, Y) stored last axis fastest (index = y + Y (x + X z)), the
// curvatubes layout, written so that nibabel's get_fdata() returns an array of shape
// (Z, X, Y) equal to u: NIfTI dims (Z, X, Y), data transposed to Z fastest, spacing h on
// every axis, origin 0.
void write_nifti_zxy(const std::filesystem::path& path, std::span<const float> u, int n_z, int n_x, int n_y,
                     double h, bool overwrite = false);
// The inverse: a NIfTI file read back into (Z, X, Y) last-axis-fastest float32 order
// (float64 files are rounded). Returns the shape in `n_zxy`.
std::vector<float> read_nifti_zxy(const std::filesystem::path& path, int n_zxy[3], double* h = nullptr);

// A Tessera grid (x fastest, engine/grid.h) as is: NIfTI dims (n_x, n_y, n_z), spacing
// h_a, origin at the first pixel centre, so nibabel's array is indexed [i, j, k]. 3D only.
void write_nifti(const std::filesystem::path& path, const Grid& grid, const VoxelField& field,
                 bool overwrite = false);

NiftiVolume read_nifti(const std::filesystem::path& path);

}  // namespace tessera
