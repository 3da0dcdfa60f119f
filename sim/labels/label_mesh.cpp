#include "sim/labels/label_mesh.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "engine/error.h"
#include "engine/parallel.h"
#include "sim/ot/laguerre.h"

namespace tessera {

namespace {

// f(i) for i in [0, n): in parallel_for_host when the loop touches at least
// kParallelWork elements in all (`work`), else serially. The meshes of small grids
// (tests, small scenes) take microseconds per loop, less than starting a parallel
// region, and a region whose second thread has been descheduled on a shared machine
// stalls at its barrier for a whole time slice.
constexpr std::int64_t kParallelWork = 1 << 15;
template <class F>
void for_range(std::int64_t n, std::int64_t work, const F& f) {
  if (work < kParallelWork) {
    for (std::int64_t i = 0; i < n; ++i) f(i);
  } else {
    parallel_for_host(n, f);
  }
}

// The label grid with one voxel of wall around it: padded voxel (I, J, K) is grid
// voxel (I - 1, J - 1, K - 1), centred at (I - 1/2) h in box units.
struct PaddedLabels {
  int n[3] = {0, 0, 0};
  std::vector<std::int32_t> values;

  std::int64_t index(int i, int j, int k) const {
    return i + static_cast<std::int64_t>(n[0]) * (j + static_cast<std::int64_t>(n[1]) * k);
  }
  std::int32_t at(int i, int j, int k) const { return values[index(i, j, k)]; }
};

PaddedLabels pad_with_walls(const Grid& grid, std::span<const std::int32_t> labels) {
  PaddedLabels p;
  for (int a = 0; a < 3; ++a) p.n[a] = grid.n[a] + 2;
  p.values.assign(static_cast<std::size_t>(p.n[0]) * p.n[1] * p.n[2], kOutsideLabel);
  for_range(grid.n[2], grid.size(), [&](std::int64_t k) {
    for (int j = 0; j < grid.n[1]; ++j) {
      const std::int32_t* src = labels.data() + grid.index(0, j, static_cast<int>(k));
      std::copy(src, src + grid.n[0], p.values.begin() + p.index(1, j + 1, static_cast<int>(k) + 1));
    }
  });
  return p;
}

// An interface is meshed when its two sides differ and one of them is a cell.
inline bool meshed(std::int32_t a, std::int32_t b) {
  return a != b && (a >= 0 || b >= 0);
}

// The 12 edges of a dual cell as pairs of corner bits (corner = a + 2 b + 4 c for the
// voxel at offset (a, b, c)); 4 along x, 4 along y, 4 along z.
constexpr int kCubeEdges[12][2] = {{0, 1}, {2, 3}, {4, 5}, {6, 7}, {0, 2}, {1, 3},
                                   {4, 6}, {5, 7}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

// Exclusive prefix sum of per-slab counts, in place; returns the total.
std::int64_t exclusive_scan(std::vector<std::int64_t>& counts) {
  std::int64_t total = 0;
  for (std::int64_t& c : counts) {
    const std::int64_t here = c;
    c = total;
    total += here;
  }
  return total;
}

// Raw surface nets: vertices and quads, before smoothing.
struct QuadMesh {
  std::vector<Vec3> vertices;
  std::vector<std::array<std::int32_t, 4>> quads;  // counter-clockwise about the lo -> hi normal
  std::vector<std::array<std::int32_t, 2>> labels;
};

QuadMesh extract_quads(const Grid& grid, const PaddedLabels& p) {
  QuadMesh mesh;
  const int d0 = p.n[0] - 1, d1 = p.n[1] - 1, d2 = p.n[2] - 1;  // dual cells per axis
  const double h[3] = {grid.spacing(0), grid.spacing(1), grid.spacing(2)};
  auto dual_index = [&](int i, int j, int k) {
    return i + static_cast<std::int64_t>(d0) * (j + static_cast<std::int64_t>(d1) * k);
  };
  auto corner_labels = [&](int i, int j, int k, std::int32_t c[8]) {
    for (int b = 0; b < 8; ++b) c[b] = p.at(i + (b & 1), j + ((b >> 1) & 1), k + ((b >> 2) & 1));
  };

  // Vertices: a dual cell carries one when one of its edges is a meshed interface.
  // Slab by slab (z), so that vertex numbering does not depend on the thread count.
  std::vector<std::int32_t> vertex_of(static_cast<std::size_t>(d0) * d1 * d2, -1);
  std::vector<std::int64_t> slab_vertices(d2, 0);
  for_range(d2, static_cast<std::int64_t>(vertex_of.size()), [&](std::int64_t k) {
    std::int64_t count = 0;
    std::int32_t c[8];
    for (int j = 0; j < d1; ++j)
      for (int i = 0; i < d0; ++i) {
        corner_labels(i, j, static_cast<int>(k), c);
        bool active = false;
        for (const auto& e : kCubeEdges) active = active || meshed(c[e[0]], c[e[1]]);
        if (active) {
          vertex_of[dual_index(i, j, static_cast<int>(k))] = 0;
          ++count;
        }
      }
    slab_vertices[k] = count;
  });
  const std::int64_t n_vertices = exclusive_scan(slab_vertices);
  TESSERA_REQUIRE(n_vertices < INT32_MAX, "label mesh: too many vertices for 32-bit indices");
  mesh.vertices.resize(n_vertices);
  for_range(d2, static_cast<std::int64_t>(vertex_of.size()), [&](std::int64_t k) {
    std::int64_t next = slab_vertices[k];
    std::int32_t c[8];
    for (int j = 0; j < d1; ++j)
      for (int i = 0; i < d0; ++i) {
        std::int32_t& id = vertex_of[dual_index(i, j, static_cast<int>(k))];
        if (id < 0) continue;
        id = static_cast<std::int32_t>(next++);
        // Mean of the midpoints of every label-changing edge (the surface-nets
        // initial position), in cube-local units; corner 0 is padded voxel (i, j, k).
        corner_labels(i, j, static_cast<int>(k), c);
        Vec3 sum{};
        int n_cross = 0;
        for (const auto& e : kCubeEdges) {
          if (c[e[0]] == c[e[1]]) continue;
          const int both = e[0] | e[1], axis_bit = e[0] ^ e[1];
          for (int a = 0; a < 3; ++a) sum[a] += (axis_bit >> a) & 1 ? 0.5 : ((both >> a) & 1);
          ++n_cross;
        }
        const int ijk[3] = {i, j, static_cast<int>(k)};
        Vec3& x = mesh.vertices[id];
        for (int a = 0; a < 3; ++a) x[a] = (ijk[a] - 0.5 + sum[a] / n_cross) * h[a];
      }
  });

  // Quads: one per face-adjacent voxel pair (v, v + e_d) with a meshed interface,
  // joining the 4 dual cells around their shared primal edge. The two in-plane axes
  // (u, w) = (d + 1, d + 2) mod 3 are cyclic, so the order (-,-), (+,-), (+,+), (-,+)
  // in (u, w) is counter-clockwise about +e_d.
  auto quad_at = [&](int i, int j, int k, int d, std::array<std::int32_t, 4>& q) {
    const int base[3] = {i, j, k};
    const int u = (d + 1) % 3, w = (d + 2) % 3;
    constexpr int kOffsets[4][2] = {{-1, -1}, {0, -1}, {0, 0}, {-1, 0}};
    for (int c = 0; c < 4; ++c) {
      int x[3] = {base[0], base[1], base[2]};
      x[u] += kOffsets[c][0];
      x[w] += kOffsets[c][1];
      q[c] = vertex_of[dual_index(x[0], x[1], x[2])];
    }
  };
  // Only pairs whose in-plane coordinates are interior can change label (the padding
  // layer is all wall), and their 4 dual cells then exist.
  auto pair_of = [&](int i, int j, int k, int d, std::int32_t& lo_side, std::int32_t& hi_side) {
    const int x[3] = {i, j, k};
    if (x[d] + 1 >= p.n[d]) return false;
    for (int a = 0; a < 3; ++a)
      if (a != d && (x[a] < 1 || x[a] > p.n[a] - 2)) return false;
    lo_side = p.at(i, j, k);
    hi_side = p.at(i + (d == 0), j + (d == 1), k + (d == 2));
    return meshed(lo_side, hi_side);
  };
  std::vector<std::int64_t> slab_quads(p.n[2], 0);
  for_range(p.n[2], static_cast<std::int64_t>(p.values.size()), [&](std::int64_t k) {
    std::int64_t count = 0;
    std::int32_t a, b;
    for (int j = 0; j < p.n[1]; ++j)
      for (int i = 0; i < p.n[0]; ++i)
        for (int d = 0; d < 3; ++d) count += pair_of(i, j, static_cast<int>(k), d, a, b);
    slab_quads[k] = count;
  });
  const std::int64_t n_quads = exclusive_scan(slab_quads);
  mesh.quads.resize(n_quads);
  mesh.labels.resize(n_quads);
  for_range(p.n[2], static_cast<std::int64_t>(p.values.size()), [&](std::int64_t k) {
    std::int64_t next = slab_quads[k];
    std::int32_t a, b;
    for (int j = 0; j < p.n[1]; ++j)
      for (int i = 0; i < p.n[0]; ++i)
        for (int d = 0; d < 3; ++d) {
          if (!pair_of(i, j, static_cast<int>(k), d, a, b)) continue;
          std::array<std::int32_t, 4> q;
          quad_at(i, j, static_cast<int>(k), d, q);
          // The order above has its normal along +e_d, from voxel v (label a) into
          // v + e_d (label b); reverse it when a is the larger label.
          if (a > b) {
            std::swap(q[1], q[3]);
            std::swap(a, b);
          }
          mesh.quads[next] = q;
          mesh.labels[next] = {a, b};
          ++next;
        }
  });
  return mesh;
}

// Vertex neighbours along quad edges (CSR, sorted, without duplicates).
void quad_edge_neighbours(const QuadMesh& mesh, std::vector<std::int64_t>& start, std::vector<std::int32_t>& nbr) {
  const std::size_t nv = mesh.vertices.size();
  std::vector<std::int64_t> raw_start(nv + 1, 0);
  for (const auto& q : mesh.quads)
    for (int c = 0; c < 4; ++c) raw_start[q[c] + 1] += 2;  // each corner has two quad edges
  std::partial_sum(raw_start.begin(), raw_start.end(), raw_start.begin());
  std::vector<std::int32_t> raw(raw_start.back());
  std::vector<std::int64_t> fill(raw_start.begin(), raw_start.end() - 1);
  for (const auto& q : mesh.quads)
    for (int c = 0; c < 4; ++c) {
      raw[fill[q[c]]++] = q[(c + 1) % 4];
      raw[fill[q[c]]++] = q[(c + 3) % 4];
    }
  // Sort and de-duplicate each vertex's list (a quad edge is shared by 2 or more quads).
  std::vector<std::int64_t> unique_count(nv, 0);
  for_range(static_cast<std::int64_t>(nv), static_cast<std::int64_t>(nv), [&](std::int64_t v) {
    auto first = raw.begin() + raw_start[v], last = raw.begin() + raw_start[v + 1];
    std::sort(first, last);
    unique_count[v] = std::unique(first, last) - first;
  });
  start.assign(nv + 1, 0);
  for (std::size_t v = 0; v < nv; ++v) start[v + 1] = start[v] + unique_count[v];
  nbr.resize(start.back());
  for_range(static_cast<std::int64_t>(nv), static_cast<std::int64_t>(nv),
            [&](std::int64_t v) { std::copy_n(raw.begin() + raw_start[v], unique_count[v], nbr.begin() + start[v]); });
}

// Taubin's lambda/mu smoothing: alternately x += lambda L(x) and x += mu L(x), with the
// umbrella operator L(x)_v = mean of the neighbours - x_v. The first pass shrinks, the
// second inflates, so low frequencies (the cell shapes) pass and the voxel steps do not.
void taubin_smooth(std::vector<Vec3>& x, const std::vector<std::int64_t>& start, const std::vector<std::int32_t>& nbr,
                   const LabelMeshParams& params) {
  std::vector<Vec3> next(x.size());
  auto pass = [&](double gain) {
    for_range(static_cast<std::int64_t>(x.size()), static_cast<std::int64_t>(x.size()), [&](std::int64_t v) {
      const std::int64_t b = start[v], e = start[v + 1];
      if (e == b) {
        next[v] = x[v];
        return;
      }
      Vec3 mean{};
      for (std::int64_t s = b; s < e; ++s) mean += x[nbr[s]];
      mean *= 1.0 / static_cast<double>(e - b);
      next[v] = x[v] + gain * (mean - x[v]);
    });
    x.swap(next);
  };
  for (int it = 0; it < params.smoothing_iterations; ++it) {
    pass(params.taubin_lambda);
    pass(params.taubin_mu);
  }
}

// Accumulators of one interface (label pair) at one vertex.
struct CurvatureGroup {
  std::int64_t key = 0;
  std::int32_t first_slot = 0;  // the vertex's first corner slot on this interface
  Vec3 laplacian{};             // sum of cot weights times (x_j - x_i)
  Vec3 normal_sum{};            // sum of cross products (2 area n)
  double mixed_area = 0;
};

// Mean curvature per (vertex, interface): H = <Delta x, n> / 2 with the cotangent
// Laplacian Delta x = 1 / (2 A) sum_j (cot alpha_j + cot beta_j) (x_j - x_i) over the
// interface's triangles at the vertex, A their mixed Voronoi area (Meyer et al.,
// section 3.3) and n their area-weighted unit normal (lo -> hi). On a ball of label
// hi, Delta x = (2 / R) n, so H = 1 / R. `corners` lists the vertex's corners 3 t + c
// (its slots); each slot gets its interface's value in `out` and the interface's
// first slot in `first_slot`. `groups` and `group_of` are scratch, one per slot.
void vertex_curvature(const LabelMesh& mesh, const std::vector<Vec3>& area_vector,
                      std::span<const std::int64_t> corners, CurvatureGroup* groups, int* group_of,
                      std::span<double> out, std::span<std::int32_t> first_slot) {
  const std::vector<Vec3>& x = mesh.vertices;
  int n_groups = 0;
  for (std::size_t s = 0; s < corners.size(); ++s) {
    const std::int64_t t = corners[s] / 3;
    const int c = static_cast<int>(corners[s] % 3);
    const auto& labels = mesh.triangle_labels[t];
    const std::int64_t key = (static_cast<std::int64_t>(labels[0]) << 32) ^ static_cast<std::uint32_t>(labels[1]);
    int grp = 0;
    while (grp < n_groups && groups[grp].key != key) ++grp;
    if (grp == n_groups) groups[n_groups++] = CurvatureGroup{key, static_cast<std::int32_t>(s)};
    group_of[s] = grp;
    CurvatureGroup& g = groups[grp];
    g.normal_sum += area_vector[t];
    // Corner P with the next corner Q and the previous one R.
    const auto& tri = mesh.triangles[t];
    const Vec3 P = x[tri[c]], Q = x[tri[(c + 1) % 3]], R = x[tri[(c + 2) % 3]];
    const double twice_area = norm(area_vector[t]);
    if (!(twice_area > 1e-12 * (norm2(Q - P) + norm2(R - P)))) continue;  // degenerate: no stencil weight
    const double cot_q = dot(P - Q, R - Q) / twice_area;
    const double cot_r = dot(P - R, Q - R) / twice_area;
    g.laplacian += cot_r * (Q - P) + cot_q * (R - P);
    // Mixed area: the Voronoi part for non-obtuse triangles, else area / 2 at an
    // obtuse corner and area / 4 at the others.
    const double area = 0.5 * twice_area;
    if (dot(Q - P, R - P) < 0) {
      g.mixed_area += 0.5 * area;
    } else if (cot_q < 0 || cot_r < 0) {
      g.mixed_area += 0.25 * area;
    } else {
      g.mixed_area += 0.125 * (norm2(R - P) * cot_q + norm2(Q - P) * cot_r);
    }
  }
  for (std::size_t s = 0; s < corners.size(); ++s) {
    const CurvatureGroup& g = groups[group_of[s]];
    const double n_len = norm(g.normal_sum);
    out[s] = g.mixed_area > 0 && n_len > 0 ? dot(g.laplacian, g.normal_sum) / (4.0 * g.mixed_area * n_len) : 0.0;
    first_slot[s] = g.first_slot;
  }
}

}  // namespace

LabelMeshParams default_label_mesh_params() {
  return LabelMeshParams{};
}

LabelMesh build_label_mesh(const Grid& grid, std::span<const std::int32_t> labels, const LabelMeshParams& params) {
  TESSERA_REQUIRE(grid.dim == 3, "label mesh: the grid must be 3D");
  TESSERA_REQUIRE(!grid.periodic[0] && !grid.periodic[1] && !grid.periodic[2],
                  "label mesh: periodic axes are not supported (the box faces are meshed as walls)");
  TESSERA_REQUIRE(
      static_cast<std::int64_t>(labels.size()) == grid.size(),
      "label mesh: expected " + std::to_string(grid.size()) + " labels, got " + std::to_string(labels.size()));
  TESSERA_REQUIRE(params.smoothing_iterations >= 0, "label mesh: smoothing_iterations must be >= 0");
  // Taubin's filter passes frequencies below k_PB = 1/lambda + 1/mu and amplifies them
  // slightly (most at k_PB / 2); a pass band above ~0.5 grows the mesh's mid
  // frequencies without bound over many iterations.
  TESSERA_REQUIRE(params.smoothing_iterations == 0 || (params.taubin_lambda > 0 && params.taubin_lambda < 1 &&
                                                       params.taubin_mu < -params.taubin_lambda &&
                                                       1 / params.taubin_lambda + 1 / params.taubin_mu <= 0.5),
                  "label mesh: Taubin gains need 0 < lambda < 1, mu < -lambda and a pass band 1/lambda + 1/mu <= 0.5");

  const PaddedLabels padded = pad_with_walls(grid, labels);
  QuadMesh quads = extract_quads(grid, padded);
  if (params.smoothing_iterations > 0) {
    std::vector<std::int64_t> start;
    std::vector<std::int32_t> nbr;
    quad_edge_neighbours(quads, start, nbr);
    taubin_smooth(quads.vertices, start, nbr, params);
  }

  // Split each quad along its shorter diagonal (after smoothing, so the split follows
  // the smoothed shape); both halves keep the quad's orientation.
  LabelMesh mesh;
  mesh.vertices = std::move(quads.vertices);
  const std::size_t nq = quads.quads.size();
  mesh.triangles.resize(2 * nq);
  mesh.triangle_labels.resize(2 * nq);
  for_range(static_cast<std::int64_t>(nq), static_cast<std::int64_t>(nq), [&](std::int64_t f) {
    const auto& q = quads.quads[f];
    const std::vector<Vec3>& x = mesh.vertices;
    if (norm2(x[q[2]] - x[q[0]]) <= norm2(x[q[3]] - x[q[1]])) {
      mesh.triangles[2 * f] = {q[0], q[1], q[2]};
      mesh.triangles[2 * f + 1] = {q[0], q[2], q[3]};
    } else {
      mesh.triangles[2 * f] = {q[0], q[1], q[3]};
      mesh.triangles[2 * f + 1] = {q[1], q[2], q[3]};
    }
    mesh.triangle_labels[2 * f] = mesh.triangle_labels[2 * f + 1] = quads.labels[f];
  });
  return mesh;
}

MeshGeometry mesh_geometry(const LabelMesh& mesh, const LabelMeshParams& params) {
  const std::int64_t nt = static_cast<std::int64_t>(mesh.triangles.size());
  const std::int64_t nv = static_cast<std::int64_t>(mesh.vertices.size());
  TESSERA_REQUIRE(mesh.triangle_labels.size() == mesh.triangles.size(),
                  "mesh geometry: one label pair per triangle is needed");
  TESSERA_REQUIRE(params.curvature_passes >= 0, "mesh geometry: curvature_passes must be >= 0");
  const std::vector<Vec3>& x = mesh.vertices;
  MeshGeometry g;
  g.area.resize(nt);
  g.normal.resize(nt);
  g.centroid.resize(nt);
  g.mean_curvature.resize(nt);

  // Triangles around each vertex (CSR of corners 3 t + c, in triangle order).
  std::vector<std::int64_t> start(nv + 1, 0);
  for (const auto& tri : mesh.triangles)
    for (int c = 0; c < 3; ++c) {
      TESSERA_REQUIRE(tri[c] >= 0 && tri[c] < nv, "mesh geometry: a triangle indexes a missing vertex");
      ++start[tri[c] + 1];
    }
  std::partial_sum(start.begin(), start.end(), start.begin());

  // Areas, unit normals (right-hand rule: lo -> hi) and centroids.
  std::vector<Vec3> area_vector(nt);  // cross(b - a, c - a) = 2 area n
  for_range(nt, nt, [&](std::int64_t t) {
    const auto& tri = mesh.triangles[t];
    const Vec3 a = x[tri[0]], b = x[tri[1]], c = x[tri[2]];
    area_vector[t] = cross(b - a, c - a);
    const double twice_area = norm(area_vector[t]);
    g.area[t] = 0.5 * twice_area;
    g.normal[t] = twice_area > 0 ? area_vector[t] * (1.0 / twice_area) : Vec3{};
    g.centroid[t] = (a + b + c) * (1.0 / 3.0);
  });

  std::vector<std::int64_t> corner(start.back());
  std::vector<std::int64_t> slot_of_corner(3 * nt);
  {
    std::vector<std::int64_t> fill(start.begin(), start.end() - 1);
    for (std::int64_t t = 0; t < nt; ++t)
      for (int c = 0; c < 3; ++c) {
        const std::int64_t s = fill[mesh.triangles[t][c]]++;
        corner[s] = 3 * t + c;
        slot_of_corner[3 * t + c] = s;
      }
  }

  // Mean curvature per (vertex, interface), per corner slot (vertex_curvature).
  std::vector<double> slot_value(start.back(), 0.0);
  std::vector<std::int32_t> first_slot(start.back(), 0);  // relative to the vertex's first slot
  for_range(nv, nv, [&](std::int64_t v) {
    // Small fixed buffers: a surface-nets vertex lies on at most 12 quads (one per
    // dual-cell edge), so on at most 24 triangles; other meshes may need the heap.
    constexpr std::int64_t kInline = 24;
    const std::int64_t n = start[v + 1] - start[v];
    const auto corners = std::span<const std::int64_t>(corner).subspan(start[v], n);
    const auto values = std::span(slot_value).subspan(start[v], n);
    const auto firsts = std::span(first_slot).subspan(start[v], n);
    if (n <= kInline) {
      std::array<CurvatureGroup, kInline> groups;
      std::array<int, kInline> group_of;
      vertex_curvature(mesh, area_vector, corners, groups.data(), group_of.data(), values, firsts);
    } else {
      std::vector<CurvatureGroup> groups(n);
      std::vector<int> group_of(n);
      vertex_curvature(mesh, area_vector, corners, groups.data(), group_of.data(), values, firsts);
    }
  });
  // Per triangle: the mean of its three corners' values.
  auto corners_to_triangles = [&] {
    for_range(nt, nt, [&](std::int64_t t) {
      double sum = 0;
      for (int c = 0; c < 3; ++c) sum += slot_value[slot_of_corner[3 * t + c]];
      g.mean_curvature[t] = sum / 3.0;
    });
  };
  corners_to_triangles();

  // Curvature averaging: each pass sets every (vertex, interface) to the area-weighted
  // mean of the values of its triangles on that interface, then every triangle to the
  // mean of its corners again (a face -> vertex -> face average over about one voxel).
  // The cotangent operator sees the sub-voxel bumps that smoothing leaves on the nets;
  // their curvature integrates to ~0 over a bump, so a few passes remove most of that
  // noise before the force takes |kappa| (section 4.6.4), at the price of blurring the
  // curvature over a few voxels.
  std::vector<double> acc(params.curvature_passes > 0 ? start.back() : 0);
  std::vector<double> weight(acc.size());
  for (int pass = 0; pass < params.curvature_passes; ++pass) {
    for_range(nv, nv, [&](std::int64_t v) {
      const std::int64_t b = start[v], e = start[v + 1];
      for (std::int64_t s = b; s < e; ++s) acc[b + first_slot[s]] = weight[b + first_slot[s]] = 0.0;
      for (std::int64_t s = b; s < e; ++s) {
        const std::int64_t t = corner[s] / 3;
        acc[b + first_slot[s]] += g.area[t] * g.mean_curvature[t];
        weight[b + first_slot[s]] += g.area[t];
      }
      for (std::int64_t s = b; s < e; ++s) {
        const std::int64_t lead = b + first_slot[s];
        if (weight[lead] > 0) slot_value[s] = acc[lead] / weight[lead];
      }
    });
    corners_to_triangles();
  }
  return g;
}

const FieldTable<LabelMeshParams>& label_mesh_fields() {
  using M = LabelMeshParams;
  static const FieldTable<M> table = {
      TESSERA_INTEGER_FIELD(M, smoothing_iterations, "", 0, 1e6, "Taubin smoothing iterations (0 keeps the raw nets)"),
      TESSERA_NUMBER_FIELD(M, taubin_lambda, "", 0, 1, kOpenBoth, "Taubin's shrinking gain"),
      TESSERA_NUMBER_FIELD(M, taubin_mu, "", -kUnbounded, 0, kOpenMax, "Taubin's inflating gain (below -lambda)"),
      TESSERA_INTEGER_FIELD(M, curvature_passes, "", 0, 1e6, "neighbourhood averages of the face curvature"),
  };
  return table;
}
}  // namespace tessera
