#pragma once
// Multi-page float32 TIFF stacks for Fiji/ImageJ (and tifffile, napari): one page per slice,
// every page height x width, uncompressed, one strip per page. The first page carries an
// ImageJ description ("ImageJ=1.11a\nimages=N\nslices=N\nunit=U\nspacing=h\n...") and every
// page X/YResolution = 1/h, so Fiji opens a calibrated z-stack with voxel size h.
//
// Layouts: a (Z, X, Y) last-axis-fastest field (curvatubes) is n_pages = Z, height = X,
// width = Y as it is in memory, and tifffile.imread returns the same (Z, X, Y) array. A
// Tessera grid (x fastest) is pages = z, rows = y (row 0 at the top), columns = x.
// The writer goes through PartFile (engine/file_output.h); libtiff writes into memory.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "engine/grid.h"

namespace tessera {

struct TiffStack {
  int n_pages = 0, height = 0, width = 0;
  std::vector<float> values;  // page-major, then row-major: index = col + width (row + height page)
  std::string description;    // the first page's ImageDescription ("" when absent)
  double x_resolution = 0;    // pixels per unit on the first page (0 when absent)
};

// `unit` is ImageJ's length unit name (1-32 printable characters, no '=' or newline).
void write_tiff_stack(const std::filesystem::path& path, std::span<const float> values, int n_pages, int height,
                      int width, double spacing, const std::string& unit = "unit", bool overwrite = false);
// A 3D grid's float values (x fastest) as a stack of its z slices; spacing h_0 is used for
// every axis, so the grid must be isotropic.
void write_tiff_stack(const std::filesystem::path& path, const Grid& grid, std::span<const float> values,
                      const std::string& unit = "unit", bool overwrite = false);

// Reads a stack of single-channel float32 pages, all of one size (what the writer produces).
TiffStack read_tiff_stack(const std::filesystem::path& path);

}  // namespace tessera
