#include "sim/labels/junctions.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "engine/error.h"

namespace tessera {
namespace {

// The engine's label codes (sim/laguerre.h), repeated so this module needs only the grid.
constexpr std::int32_t kVoid = -1;
constexpr std::int32_t kOutside = -2;

// Distinct ids of one neighbourhood, kept in decreasing order (at most 3^3 = 27).
struct LabelSet {
  std::int32_t v[27];
  int n = 0;
  void insert(std::int32_t id) {
    int pos = 0;
    while (pos < n && v[pos] > id) ++pos;
    if (pos < n && v[pos] == id) return;
    for (int k = n; k > pos; --k) v[k] = v[k - 1];
    v[pos] = id;
    ++n;
  }
};

// Neighbour coordinate along one axis: wraps on periodic axes, -1 off a walled edge.
int step_coord(const Grid& grid, int axis, int c, int step) {
  c += step;
  if (c >= 0 && c < grid.n[axis]) return c;
  if (!grid.periodic[axis]) return -1;
  return (c + grid.n[axis]) % grid.n[axis];
}

// What one block of rows finds; blocks are concatenated in order, so the output is in
// increasing pixel order whatever the thread count.
struct BlockResult {
  std::vector<BoundaryPixel> boundary;
  std::vector<TriplePixel> triples;
  std::int64_t n_kept = 0;
  bool bad_label = false;
};

// Scans the rows [row_begin, row_end) (a row = fixed (j, k)).
void scan_rows(const Grid& grid, const std::int32_t* labels, std::int32_t medium, std::int64_t row_begin,
               std::int64_t row_end, BlockResult& result) {
  // Filled locally and moved out at the end: the blocks of neighbouring threads sit side
  // by side in memory, and per-pixel updates there would share cache lines.
  BlockResult out;
  const int nx = grid.n[0];
  const int reach_z = grid.dim == 3 ? 1 : 0;
  const auto id_of = [medium](std::int32_t l) { return l == kVoid ? medium : l; };
  for (std::int64_t row = row_begin; row < row_end; ++row) {
    const int j = static_cast<int>(row % grid.n[1]);
    const int k = static_cast<int>(row / grid.n[1]);
    // Start indices of the 3^(d-1) neighbouring rows (-1 off a walled edge); the centre
    // row and the 2 (d-1) face-adjacent rows are flagged for the von Neumann stencil.
    std::int64_t row_start[9];
    bool face_row[9];
    std::int64_t centre_start = 0;
    int n_rows = 0;
    for (int dz = -reach_z; dz <= reach_z; ++dz)
      for (int dy = -1; dy <= 1; ++dy) {
        const int qy = step_coord(grid, 1, j, dy);
        const int qz = reach_z ? step_coord(grid, 2, k, dz) : 0;
        const bool valid = qy >= 0 && qz >= 0;
        row_start[n_rows] = valid ? grid.index(0, qy, qz) : -1;
        face_row[n_rows] = (dy == 0) != (dz == 0);
        if (dy == 0 && dz == 0) centre_start = row_start[n_rows];
        ++n_rows;
      }
    for (int i = 0; i < nx; ++i) {
      const std::int64_t idx = centre_start + i;
      const std::int32_t own = labels[idx];
      if (own == kOutside) continue;
      ++out.n_kept;
      if (own < kOutside || own >= medium) {
        out.bad_label = true;
        continue;
      }
      const int xs[3] = {step_coord(grid, 0, i, -1), i, step_coord(grid, 0, i, 1)};
      // Most pixels are interior to a cell or to the medium: test that first.
      bool differs = false;
      for (int r = 0; r < n_rows && !differs; ++r) {
        if (row_start[r] < 0) continue;
        for (int x : xs) {
          if (x < 0) continue;
          const std::int32_t l = labels[row_start[r] + x];
          if (l != kOutside && l != own) differs = true;
        }
      }
      if (!differs) continue;
      // Boundary pixel: its pair is the two largest ids of the 3^d block.
      LabelSet block;
      for (int r = 0; r < n_rows; ++r) {
        if (row_start[r] < 0) continue;
        for (int x : xs) {
          if (x < 0) continue;
          const std::int32_t l = labels[row_start[r] + x];
          if (l != kOutside) block.insert(id_of(l));
        }
      }
      out.boundary.push_back(BoundaryPixel{idx, block.v[0], block.v[1], block.n});
      // Triple junction: three or more ids among self and the face neighbours. Those
      // are a subset of the block, so only boundary pixels can qualify.
      if (block.n < 3) continue;
      LabelSet cross;
      cross.insert(id_of(own));
      for (int x : {xs[0], xs[2]}) {
        if (x < 0) continue;
        const std::int32_t l = labels[centre_start + x];
        if (l != kOutside) cross.insert(id_of(l));
      }
      for (int r = 0; r < n_rows; ++r) {
        if (!face_row[r] || row_start[r] < 0) continue;
        const std::int32_t l = labels[row_start[r] + i];
        if (l != kOutside) cross.insert(id_of(l));
      }
      if (cross.n >= 3) out.triples.push_back(TriplePixel{idx, {cross.v[0], cross.v[1], cross.v[2]}});
    }
  }
  result = std::move(out);
}

}  // namespace

JunctionMap find_junctions(const Grid& grid, std::span<const std::int32_t> labels, int n_cells) {
  TESSERA_REQUIRE(grid.dim == 2 || grid.dim == 3, "find_junctions: the grid must be 2D or 3D");
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(),
                  "find_junctions: " + std::to_string(labels.size()) + " labels for a grid of " +
                      std::to_string(grid.size()) + " pixels");
  TESSERA_REQUIRE(n_cells >= 0, "find_junctions: negative cell count");
  JunctionMap map;
  map.n_cells = n_cells;
  map.medium = n_cells;

  // Blocks of whole rows, a few per thread for balance.
  const std::int64_t n_rows = static_cast<std::int64_t>(grid.n[1]) * grid.n[2];
  const std::int64_t n_blocks = std::min<std::int64_t>(n_rows, 4 * omp_get_max_threads());
  std::vector<BlockResult> blocks(static_cast<std::size_t>(n_blocks));
#pragma omp parallel for schedule(dynamic, 1)
  for (std::int64_t b = 0; b < n_blocks; ++b)
    scan_rows(grid, labels.data(), map.medium, n_rows * b / n_blocks, n_rows * (b + 1) / n_blocks,
              blocks[static_cast<std::size_t>(b)]);

  std::size_t n_boundary = 0, n_triples = 0;
  for (const BlockResult& r : blocks) {
    TESSERA_REQUIRE(!r.bad_label, "find_junctions: a label lies outside [-2, " + std::to_string(n_cells) +
                                      ") (cell indices, -1 for the medium, -2 outside the domain)");
    n_boundary += r.boundary.size();
    n_triples += r.triples.size();
    map.n_kept += r.n_kept;
  }
  map.boundary.reserve(n_boundary);
  map.triples.reserve(n_triples);
  for (const BlockResult& r : blocks) {
    map.boundary.insert(map.boundary.end(), r.boundary.begin(), r.boundary.end());
    map.triples.insert(map.triples.end(), r.triples.begin(), r.triples.end());
  }
  return map;
}

int block_labels(const Grid& grid, std::span<const std::int32_t> labels, std::int64_t pixel, int n_cells,
                 std::array<std::int32_t, 27>& ids) {
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size() && pixel >= 0 && pixel < grid.size(),
                  "block_labels: pixel " + std::to_string(pixel) + " outside a grid of " +
                      std::to_string(labels.size()) + " labels");
  int c[3];
  grid.coords(pixel, c[0], c[1], c[2]);
  const int reach_z = grid.dim == 3 ? 1 : 0;
  LabelSet block;
  for (int dz = -reach_z; dz <= reach_z; ++dz)
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx) {
        const int qx = step_coord(grid, 0, c[0], dx), qy = step_coord(grid, 1, c[1], dy);
        const int qz = reach_z ? step_coord(grid, 2, c[2], dz) : 0;
        if (qx < 0 || qy < 0 || qz < 0) continue;
        const std::int32_t l = labels[static_cast<std::size_t>(grid.index(qx, qy, qz))];
        if (l != kOutside) block.insert(l == kVoid ? n_cells : l);
      }
  std::copy(block.v, block.v + block.n, ids.begin());
  return block.n;
}

std::vector<Junction> cluster_junctions(const Grid& grid, const JunctionMap& map, double radius) {
  TESSERA_REQUIRE(std::isfinite(radius) && radius >= 0,
                  "cluster_junctions: the clustering radius must be finite and >= 0 (box units)");
  // Group the triple-junction pixels by triple; within a group they stay in pixel order.
  const std::vector<TriplePixel>& t = map.triples;
  std::vector<std::size_t> order(t.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&t](std::size_t a, std::size_t b) { return t[a].labels < t[b].labels; });

  std::vector<Junction> out;
  const double r2 = radius * radius;
  std::vector<Vec3> pos;
  std::vector<std::vector<std::size_t>> clusters;  // member lists (indices into the group), kept once each
  std::vector<std::size_t> members;
  for (std::size_t begin = 0; begin < order.size();) {
    std::size_t end = begin + 1;
    while (end < order.size() && t[order[end]].labels == t[order[begin]].labels) ++end;
    const std::size_t g = end - begin;
    pos.resize(g);
    for (std::size_t a = 0; a < g; ++a) pos[a] = grid.center(t[order[begin + a]].pixel);
    // One cluster per pixel: every same-triple pixel within the radius (itself
    // included). A group is the few pixels of the junctions that share a triple (in 3D,
    // a triple line), so the pairwise scan stays small.
    clusters.clear();
    for (std::size_t a = 0; a < g; ++a) {
      members.clear();
      for (std::size_t b = 0; b < g; ++b)
        if (norm2(grid.wrap_displacement(pos[b] - pos[a])) <= r2) members.push_back(b);
      if (std::find(clusters.begin(), clusters.end(), members) == clusters.end()) clusters.push_back(members);
    }
    // Mean of the members' positions, taken as displacements from the first member so
    // that a cluster straddling a periodic edge averages to the right place.
    for (const std::vector<std::size_t>& c : clusters) {
      const Vec3 origin = pos[c.front()];
      Vec3 mean{};
      for (std::size_t b : c) mean += grid.wrap_displacement(pos[b] - origin);
      mean *= 1.0 / static_cast<double>(c.size());
      Junction j;
      j.position = grid.wrap_position(origin + mean);
      j.labels = t[order[begin]].labels;
      j.n_pixels = static_cast<std::int32_t>(c.size());
      out.push_back(j);
    }
    begin = end;
  }
  return out;
}

}  // namespace tessera
