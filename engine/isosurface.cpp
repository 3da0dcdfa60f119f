#include "engine/isosurface.h"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "engine/error.h"

namespace tessera {

namespace {

// ---- the six tetrahedra of a unit cube, derived from the decomposition ------------------

using Corner = std::array<int, 3>;  // 0/1 offsets of a cube corner
using Tet = std::array<Corner, 4>;  // positively oriented: det(v1 - v0, v2 - v0, v3 - v0) > 0

int det3(const Corner& a, const Corner& b, const Corner& c) {
  return a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
}

// One tetrahedron per ordering (a, b, c) of the axes: the monotone path 0 -> e_a -> e_a + e_b
// -> (1, 1, 1). Odd orderings come out negatively oriented and get two corners swapped.
std::array<Tet, 6> make_tets() {
  std::array<Tet, 6> tets{};
  std::array<int, 3> axes = {0, 1, 2};
  int t = 0;
  do {
    Tet tet{};
    for (int step = 1; step <= 3; ++step) {
      tet[step] = tet[step - 1];
      tet[step][axes[step - 1]] = 1;
    }
    auto minus = [&](int k) { return Corner{tet[k][0] - tet[0][0], tet[k][1] - tet[0][1], tet[k][2] - tet[0][2]}; };
    if (det3(minus(1), minus(2), minus(3)) < 0) std::swap(tet[1], tet[2]);
    tets[t++] = tet;
  } while (std::next_permutation(axes.begin(), axes.end()));
  return tets;
}

const std::array<Tet, 6> kTets = make_tets();

// Edge directions from the lower corner: the 7 non-zero 0/1 vectors, coded dx + 2 dy + 4 dz - 1.
constexpr int kEdgeDirections = 7;

bool is_even(const std::array<int, 4>& order) {
  int inversions = 0;
  for (int i = 0; i < 4; ++i)
    for (int j = i + 1; j < 4; ++j) inversions += order[i] > order[j];
  return inversions % 2 == 0;
}

class Extractor {
 public:
  Extractor(const ScalarFieldView& f, double level) : m_f(f), m_level(level) {
    for (int a = 0; a < 3; ++a) m_cells[a] = f.periodic[a] ? f.n[a] : f.n[a] - 1;
    m_slab_points = static_cast<std::int64_t>(m_cells[0] + 1) * (m_cells[1] + 1);
    m_lower.assign(static_cast<std::size_t>(m_slab_points * kEdgeDirections), -1);
    m_upper = m_lower;
  }

  Isosurface run() {
    for (int k = 0; k < m_cells[2]; ++k) {
      for (int j = 0; j < m_cells[1]; ++j)
        for (int i = 0; i < m_cells[0]; ++i) cube(i, j, k);
      // The next layer's lower points are this layer's upper ones.
      std::swap(m_lower, m_upper);
      std::fill(m_upper.begin(), m_upper.end(), -1);
      m_layer = k + 1;
    }
    return std::move(m_out);
  }

 private:
  // Sample at integer (possibly one-past-the-end on periodic axes) coordinates.
  float sample(int i, int j, int k) const {
    const int c[3] = {i, j, k};
    std::int64_t idx = 0;
    for (int a = 2; a >= 0; --a) {
      int v = c[a];
      if (m_f.periodic[a]) v = ((v % m_f.n[a]) + m_f.n[a]) % m_f.n[a];
      idx = idx * m_f.n[a] + v;
    }
    return m_f.values[static_cast<std::size_t>(idx)];
  }

  Vec3 position(int i, int j, int k) const {
    return {m_f.origin[0] + i * m_f.spacing[0], m_f.origin[1] + j * m_f.spacing[1], m_f.origin[2] + k * m_f.spacing[2]};
  }

  // grad u at a sample: central differences, one-sided at walled ends.
  Vec3 gradient(int i, int j, int k) const {
    const int c[3] = {i, j, k};
    Vec3 g;
    for (int a = 0; a < 3; ++a) {
      int lo[3] = {c[0], c[1], c[2]}, hi[3] = {c[0], c[1], c[2]};
      if (m_f.periodic[a] || (c[a] > 0 && c[a] < m_f.n[a] - 1)) {
        --lo[a];
        ++hi[a];
      } else if (c[a] == 0) {
        hi[a] = std::min(1, m_f.n[a] - 1);
      } else {
        lo[a] = c[a] - 1;
      }
      const int steps = hi[a] - lo[a];
      g[a] = steps == 0 ? 0.0
                        : (sample(hi[0], hi[1], hi[2]) - sample(lo[0], lo[1], lo[2])) / (steps * m_f.spacing[a]);
    }
    return g;
  }

  // The vertex where the grid edge from point p (layer-relative z in {0, 1}) along `dir`
  // meets the level set; created on first use.
  std::int32_t vertex(const int p[3], const Corner& dir) {
    const int code = dir[0] + 2 * dir[1] + 4 * dir[2] - 1;
    std::vector<std::int32_t>& slab = p[2] == m_layer ? m_lower : m_upper;
    const std::int64_t slot = (p[0] + static_cast<std::int64_t>(m_cells[0] + 1) * p[1]) * kEdgeDirections + code;
    std::int32_t& id = slab[static_cast<std::size_t>(slot)];
    if (id >= 0) return id;
    const int q[3] = {p[0] + dir[0], p[1] + dir[1], p[2] + dir[2]};
    const double ua = sample(p[0], p[1], p[2]);
    const double ub = sample(q[0], q[1], q[2]);
    const double t = (m_level - ua) / (ub - ua);  // ua != ub: one is above the level, one not
    const Vec3 a = position(p[0], p[1], p[2]);
    const Vec3 b = position(q[0], q[1], q[2]);
    const Vec3 g = gradient(p[0], p[1], p[2]) * (1 - t) + gradient(q[0], q[1], q[2]) * t;
    const double length = norm(g);
    id = static_cast<std::int32_t>(m_out.mesh.vertices.size());
    m_out.mesh.vertices.push_back(a + (b - a) * t);
    m_out.normals.push_back(length > 0 ? g * (-1.0 / length) : Vec3{});
    return id;
  }

  // Vertex on the tetrahedron edge between corners u and v of the cube at `base`.
  std::int32_t edge_vertex(const int base[3], const Corner& u, const Corner& v) {
    const bool u_low = u[0] <= v[0] && u[1] <= v[1] && u[2] <= v[2];
    const Corner& lo = u_low ? u : v;
    const Corner& hi = u_low ? v : u;
    const int p[3] = {base[0] + lo[0], base[1] + lo[1], base[2] + lo[2]};
    return vertex(p, Corner{hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]});
  }

  void cube(int i, int j, int k) {
    float u[2][2][2];
    bool any_in = false, any_out = false;
    for (int dz = 0; dz < 2; ++dz)
      for (int dy = 0; dy < 2; ++dy)
        for (int dx = 0; dx < 2; ++dx) {
          u[dz][dy][dx] = sample(i + dx, j + dy, k + dz);
          (u[dz][dy][dx] > m_level ? any_in : any_out) = true;
        }
    if (!any_in || !any_out) return;
    const int base[3] = {i, j, k};
    for (const Tet& tet : kTets) {
      bool inside[4];
      int n_in = 0;
      for (int c = 0; c < 4; ++c) {
        inside[c] = u[tet[c][2]][tet[c][1]][tet[c][0]] > m_level;
        n_in += inside[c];
      }
      if (n_in == 0 || n_in == 4) continue;
      // Order the corners as (a, b, c, d) with the lone or first pair first; an odd
      // reordering of the positively oriented tet reverses the triangles.
      const bool lone_in = n_in == 1;
      const bool lone_out = n_in == 3;
      std::array<int, 4> order{};
      int at = 0;
      const bool first_kind = lone_out ? false : true;  // the class that goes first
      for (int c = 0; c < 4; ++c)
        if (inside[c] == first_kind) order[at++] = c;
      for (int c = 0; c < 4; ++c)
        if (inside[c] != first_kind) order[at++] = c;
      if (!is_even(order)) std::swap(order[2], order[3]);  // both of one class in every case
      const Corner& a = tet[order[0]];
      const Corner& b = tet[order[1]];
      const Corner& c = tet[order[2]];
      const Corner& d = tet[order[3]];
      auto& tris = m_out.mesh.triangles;
      if (lone_in) {
        // (ab, ac, ad) faces away from a: outward, as a is the inside corner.
        tris.push_back({edge_vertex(base, a, b), edge_vertex(base, a, c), edge_vertex(base, a, d)});
      } else if (lone_out) {
        tris.push_back({edge_vertex(base, a, b), edge_vertex(base, a, d), edge_vertex(base, a, c)});
      } else {
        // a, b inside, c, d outside: the quad (ac, ad, bd, bc) faces towards c and d.
        const std::int32_t ac = edge_vertex(base, a, c), ad = edge_vertex(base, a, d);
        const std::int32_t bd = edge_vertex(base, b, d), bc = edge_vertex(base, b, c);
        tris.push_back({ac, ad, bd});
        tris.push_back({ac, bd, bc});
      }
    }
  }

  const ScalarFieldView& m_f;
  double m_level;
  int m_cells[3] = {0, 0, 0};
  std::int64_t m_slab_points = 0;
  int m_layer = 0;
  std::vector<std::int32_t> m_lower, m_upper;  // vertex ids of edges from points at z = layer, layer + 1
  Isosurface m_out;
};

}  // namespace

Isosurface extract_isosurface(const ScalarFieldView& field, double level) {
  std::int64_t total = 1;
  for (int a = 0; a < 3; ++a) {
    TESSERA_REQUIRE(field.n[a] >= (field.periodic[a] ? 1 : 2),
                    "isosurface: axis " + std::to_string(a) + " needs at least 2 samples (1 when periodic)");
    TESSERA_REQUIRE(field.spacing[a] > 0, "isosurface: spacing must be positive");
    total *= field.n[a];
  }
  TESSERA_REQUIRE(static_cast<std::int64_t>(field.values.size()) == total,
                  "isosurface: " + std::to_string(field.values.size()) + " values for " + std::to_string(total) +
                      " samples");
  return Extractor(field, level).run();
}

Isosurface extract_isosurface_zxy(std::span<const float> u, int n_z, int n_x, int n_y, double h, double level,
                                  bool periodic) {
  // Storage axes fastest first are (y, x, z); the extractor works in those, then x and y are
  // swapped back. A swap mirrors, so the triangles' winding is reversed to stay outward.
  ScalarFieldView view;
  view.values = u;
  view.n[0] = n_y;
  view.n[1] = n_x;
  view.n[2] = n_z;
  for (int a = 0; a < 3; ++a) {
    view.spacing[a] = h;
    view.periodic[a] = periodic;
  }
  Isosurface s = extract_isosurface(view, level);
  for (Vec3& p : s.mesh.vertices) std::swap(p.x, p.y);
  for (Vec3& n : s.normals) std::swap(n.x, n.y);
  for (auto& tri : s.mesh.triangles) std::swap(tri[1], tri[2]);
  return s;
}

Isosurface extract_isosurface(const Grid& grid, std::span<const float> values, double level) {
  TESSERA_REQUIRE(grid.dim == 3, "isosurface: the grid must be 3D");
  ScalarFieldView view;
  view.values = values;
  const Vec3 first = grid.center(0, 0, 0);
  for (int a = 0; a < 3; ++a) {
    view.n[a] = grid.n[a];
    view.spacing[a] = grid.spacing(a);
    view.origin[a] = first[a];
    view.periodic[a] = grid.periodic[a];
  }
  return extract_isosurface(view, level);
}

double mesh_area(TriangleMeshView mesh) {
  double area = 0;
  for (const auto& t : mesh.triangles) {
    const Vec3& a = mesh.vertices[t[0]];
    area += 0.5 * norm(cross(mesh.vertices[t[1]] - a, mesh.vertices[t[2]] - a));
  }
  return area;
}

double mesh_volume(TriangleMeshView mesh) {
  double volume = 0;
  for (const auto& t : mesh.triangles) {
    volume += dot(mesh.vertices[t[0]], cross(mesh.vertices[t[1]], mesh.vertices[t[2]])) / 6.0;
  }
  return volume;
}

EdgeCounts count_edges(TriangleMeshView mesh) {
  // Per undirected edge: how often it is traversed from its lower to its higher vertex and back.
  std::unordered_map<std::uint64_t, std::pair<int, int>> uses;
  uses.reserve(mesh.triangles.size() * 2);
  for (const auto& t : mesh.triangles) {
    for (int e = 0; e < 3; ++e) {
      const auto a = static_cast<std::uint32_t>(t[e]);
      const auto b = static_cast<std::uint32_t>(t[(e + 1) % 3]);
      const std::uint64_t key = (static_cast<std::uint64_t>(std::min(a, b)) << 32) | std::max(a, b);
      auto& [forward, backward] = uses[key];
      (a < b ? forward : backward) += 1;
    }
  }
  EdgeCounts counts;
  counts.n_edges = static_cast<std::int64_t>(uses.size());
  for (const auto& [key, use] : uses) {
    const int n = use.first + use.second;
    if (n == 1) ++counts.n_boundary;
    if (n >= 3) ++counts.n_non_manifold;
    if (n == 2 && use.first != 1) ++counts.n_misoriented;
  }
  return counts;
}

}  // namespace tessera
