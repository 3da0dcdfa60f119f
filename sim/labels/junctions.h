#pragma once
// Neighbourhood structures of a label image (iceshot-model.md 4.4): boundary pixels
// with their label pair, triple-junction pixels with their label triple, and the
// clustered triple junctions that the 2D junction force acts on (section 4.5).
//
// Label ids. The input labels are the engine's (sim/laguerre.h): a cell index in
// [0, n_cells), kVoidLabel (-1) for the medium, kOutsideLabel (-2) outside the domain
// mask. These structures give the medium the explicit id n_cells, the largest id, so
// "largest labels first" puts the medium first exactly as the reference's void label
// N + 42 does. Outside pixels and pixels off a walled edge are not labels: they are
// skipped, so a domain wall never makes a boundary; periodic axes wrap.
//
// Neighbourhoods use the full stencils (section 8, items 7 and 21: the reference's CPU
// path scans a 2x2 block, its plots K = 5 neighbours, its GPU path misses the slowest
// axis in 3D): the 3^d block for boundary pixels, self plus the 2d face neighbours
// (von Neumann) for triple junctions. Works for d = 2 and d = 3; host code with OpenMP
// over rows (about 1.6 ms for a 512^2 image of 250 cells on one core).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "engine/grid.h"
#include "engine/vec.h"

namespace tessera {

// A pixel whose 3^d neighbourhood (self included) holds at least two distinct labels.
// Its pair is the two largest of them, so (medium, i) at a cell-medium interface. The
// pixel's own label need not be in its pair (a pixel of cell 0 next to cells 3 and 5
// has the pair (5, 3)), as in the reference.
struct BoundaryPixel {
  std::int64_t pixel = 0;     // flat grid index
  std::int32_t high = 0;      // larger id (the medium n_cells when present)
  std::int32_t low = 0;       // smaller id; high > low
  std::int32_t n_labels = 2;  // distinct ids in the block (>= 3 near junctions; see block_labels)
};

// A pixel whose von Neumann neighbourhood (self and the 2d face neighbours) holds at
// least three distinct labels; its triple is the three largest, in decreasing order.
struct TriplePixel {
  std::int64_t pixel = 0;
  std::array<std::int32_t, 3> labels{};  // labels[0] > labels[1] > labels[2]
};

struct JunctionMap {
  int n_cells = 0;
  std::int32_t medium = 0;              // the medium's id (= n_cells)
  std::int64_t n_kept = 0;              // pixels inside the domain (label != kOutsideLabel)
  std::vector<BoundaryPixel> boundary;  // in increasing pixel order
  std::vector<TriplePixel> triples;     // in increasing pixel order
};

// A clustered triple junction: the mean position of nearby triple-junction pixels that
// carry the same label triple.
struct Junction {
  Vec3 position;                         // box units, wrapped into the box on periodic axes
  std::array<std::int32_t, 3> labels{};  // decreasing; only labels[0] can be the medium
  std::int32_t n_pixels = 0;             // triple-junction pixels averaged into it
};

// Boundary and triple-junction pixels of `labels` (grid.size() entries, x-fastest).
// Throws tessera::Error for a size mismatch or a label outside [-2, n_cells).
JunctionMap find_junctions(const Grid& grid, std::span<const std::int32_t> labels, int n_cells);

// The distinct ids of the 3^d block around `pixel` (the stencil of find_junctions), in
// decreasing order; returns how many. For the boundary pixels with n_labels >= 3, whose
// block meets more than one interface.
int block_labels(const Grid& grid, std::span<const std::int32_t> labels, std::int64_t pixel, int n_cells,
                 std::array<std::int32_t, 27>& ids);

// Clustered triple junctions (section 4.4): for each triple-junction pixel, the mean
// position of every triple-junction pixel within `radius` (box units, periodic
// distance) carrying the same triple; identical clusters are kept once (the reference
// de-duplicates identical averages; comparing the member sets is the same thing
// without depending on rounding). Ordered by triple, then by first pixel.
// Throws for a negative or non-finite radius.
std::vector<Junction> cluster_junctions(const Grid& grid, const JunctionMap& map, double radius);

}  // namespace tessera
