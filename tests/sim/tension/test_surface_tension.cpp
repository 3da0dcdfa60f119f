#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

#include "sim/ot/cost_setup.h"
#include "sim/labels/junctions.h"
#include "sim/tension/surface_tension_2d.h"
#include "sim/ot/volume_fit.h"
#include "test_support.h"

using namespace tessera;

namespace {

// A label image from a function of the pixel coordinates.
std::vector<std::int32_t> label_image(const Grid& g, const std::function<std::int32_t(int, int)>& f) {
  std::vector<std::int32_t> labels(static_cast<std::size_t>(g.size()));
  for (int j = 0; j < g.n[1]; ++j)
    for (int i = 0; i < g.n[0]; ++i) labels[static_cast<std::size_t>(g.index(i, j))] = f(i, j);
  return labels;
}

const BoundaryPixel* find_boundary(const JunctionMap& m, const Grid& g, int i, int j) {
  for (const BoundaryPixel& b : m.boundary)
    if (b.pixel == g.index(i, j)) return &b;
  return nullptr;
}

const InterfacePair* find_pair(const InterfaceForces& f, std::int32_t high, std::int32_t low) {
  for (const InterfacePair& p : f.pairs)
    if (p.high == high && p.low == low) return &p;
  return nullptr;
}

// Cells with the l2 cost (volume scaling, R = R0) fitted to the volume pi R0^2 each
// (with the medium) or to equal shares of the box (packed): real Laguerre labels.
struct Fitted {
  Grid grid;
  std::vector<Vec3> seeds;
  std::vector<std::int32_t> labels;
  std::vector<Vec3> centroids;
};

// `equal_potentials`: for configurations symmetric under a permutation of the cells,
// whose exact solution has equal potentials, the fitted ones (1 % volume tolerance)
// are replaced by their mean so that the labels keep the symmetry exactly.
Fitted fit_cells(const Grid& grid, std::vector<Vec3> seeds, double R0, bool with_void, bool equal_potentials = false) {
  const Domain domain = make_box_domain(grid);
  CostSpec spec;
  spec.R = R0;
  const std::size_t n = seeds.size();
  const std::vector<CellCost> costs(n, make_cell_cost(spec, Vec3{1, 0, 0}, 1.0, 2));
  const std::vector<double> targets(n, with_void ? std::numbers::pi * R0 * R0 : 1.0 / static_cast<double>(n));
  std::vector<double> f(n, 0.0);
  LaguerreEngine engine(Exec{Backend::Cpu}, domain, with_void);
  engine.set_cells(seeds, costs);
  const FitResult r = fit_volumes(engine, CellSetView{seeds, costs, {}}, targets, f, default_fit_params());
  REQUIRE(r.converged);
  if (equal_potentials) {
    double mean = 0;
    for (double v : f) mean += v / static_cast<double>(n);
    std::fill(f.begin(), f.end(), mean);
    engine.assign(f);
  }
  Fitted out;
  out.grid = grid;
  out.seeds = seeds;
  out.labels = engine.labels();
  out.centroids = engine.moments().centroid;
  return out;
}

SurfaceTensionForces forces_of(const Fitted& c, const std::vector<int>& types, const TensionTable& t, double R0) {
  return surface_tension_forces(c.grid, c.labels, c.seeds, c.centroids, types, t, default_surface_tension_params(R0));
}

// Three cells at 90, 210 and 330 degrees around the centre, seeds 0.75 R0 from it.
std::vector<Vec3> three_at_120(double R0) {
  std::vector<Vec3> seeds;
  for (double deg : {90.0, 210.0, 330.0}) {
    const double a = deg * std::numbers::pi / 180;
    seeds.push_back(Vec3{0.5 + 0.75 * R0 * std::cos(a), 0.5 + 0.75 * R0 * std::sin(a), 0});
  }
  return seeds;
}

// Relabels cells: new index perm[i] for old cell i (the medium and outside stay).
Fitted permuted(const Fitted& c, const std::vector<int>& perm) {
  Fitted out = c;
  for (std::int32_t& l : out.labels)
    if (l >= 0) l = perm[static_cast<std::size_t>(l)];
  for (std::size_t i = 0; i < perm.size(); ++i) {
    out.seeds[static_cast<std::size_t>(perm[i])] = c.seeds[i];
    out.centroids[static_cast<std::size_t>(perm[i])] = c.centroids[i];
  }
  return out;
}

bool same_vec(const Vec3& a, const Vec3& b, double tol) {
  return norm(a - b) <= tol;
}

constexpr double kR0 = 0.08;  // 12.8 px at 160^2: eps_ifc = R0 / 4 = 3.2 px, as in the scenes

}  // namespace

TEST_CASE("junctions: boundary pairs and triple junctions of a hand-made image", "[cpu][sim]") {
  // Quadrants of a 16^2 walled grid: medium (lower left), cell 0 (upper left),
  // cell 1 (upper right), cell 2 (lower right). The medium's id is n_cells = 3.
  const Grid g = make_grid_2d(16, 16);
  const auto labels = label_image(g, [](int i, int j) { return i < 8 ? (j < 8 ? -1 : 0) : (j < 8 ? 2 : 1); });
  const JunctionMap m = find_junctions(g, labels, 3);
  REQUIRE(m.medium == 3);
  REQUIRE(m.n_kept == 256);
  // Columns 7, 8 and rows 7, 8 see two labels in their 3x3 block: 60 pixels.
  REQUIRE(m.boundary.size() == 60);
  REQUIRE(std::is_sorted(m.boundary.begin(), m.boundary.end(),
                         [](const BoundaryPixel& a, const BoundaryPixel& b) { return a.pixel < b.pixel; }));
  int n_pair[4][4] = {};
  for (const BoundaryPixel& b : m.boundary) {
    REQUIRE(b.high > b.low);
    ++n_pair[b.high][b.low];
  }
  REQUIRE(n_pair[3][0] == 14);  // medium | cell 0, left of the centre block
  REQUIRE(n_pair[1][0] == 14);  // cell 0 | cell 1, above it
  REQUIRE(n_pair[2][1] == 14);  // cell 1 | cell 2, right of it
  REQUIRE(n_pair[3][2] == 18);  // medium | cell 2 below, plus the 2x2 centre (all four labels: medium first)
  const BoundaryPixel* corner = find_boundary(m, g, 8, 8);  // a cell-1 pixel whose block holds all four
  REQUIRE(corner != nullptr);
  REQUIRE((corner->high == 3 && corner->low == 2 && corner->n_labels == 4));
  std::array<std::int32_t, 27> ids;
  REQUIRE(block_labels(g, labels, g.index(8, 8), 3, ids) == 4);
  REQUIRE((ids[0] == 3 && ids[1] == 2 && ids[2] == 1 && ids[3] == 0));
  REQUIRE(find_boundary(m, g, 2, 7)->n_labels == 2);
  REQUIRE(find_boundary(m, g, 3, 3) == nullptr);

  // Von Neumann neighbourhoods of the centre 2x2 see three labels each; the triple is
  // the three largest (medium first).
  REQUIRE(m.triples.size() == 4);
  const std::array<std::int32_t, 3> expected[4] = {{3, 2, 0}, {3, 2, 1}, {3, 1, 0}, {2, 1, 0}};
  const std::int64_t pixels[4] = {g.index(7, 7), g.index(8, 7), g.index(7, 8), g.index(8, 8)};
  for (int k = 0; k < 4; ++k) {
    REQUIRE(m.triples[k].pixel == pixels[k]);
    REQUIRE(m.triples[k].labels == expected[k]);
  }
  // Different triples never merge, however large the radius.
  REQUIRE(cluster_junctions(g, m, 1.0).size() == 4);

  // Walls and masked-out pixels are not labels.
  const auto masked = label_image(g, [](int i, int) { return i == 15 ? -2 : 0; });
  const JunctionMap mm = find_junctions(g, masked, 1);
  REQUIRE(mm.boundary.empty());
  REQUIRE(mm.n_kept == 240);
  // Out-of-range labels are refused.
  REQUIRE_THROWS_WITH(find_junctions(g, label_image(g, [](int, int) { return 3; }), 3), Catch::Contains("label"));
  REQUIRE_THROWS(find_junctions(g, std::vector<std::int32_t>(10, 0), 1));
}

TEST_CASE("junctions: periodic axes wrap the stencils", "[cpu][sim]") {
  const auto stripes = [](int i, int) { return i < 8 ? 0 : 1; };
  const Grid walled = make_grid_2d(16, 16);
  const Grid periodic = make_grid_2d(16, 16, 1.0, 1.0, true);
  REQUIRE(find_junctions(walled, label_image(walled, stripes), 2).boundary.size() == 32);  // columns 7, 8
  const JunctionMap m = find_junctions(periodic, label_image(periodic, stripes), 2);
  REQUIRE(m.boundary.size() == 64);  // and columns 15, 0 across the periodic edge
  REQUIRE(find_boundary(m, periodic, 0, 5) != nullptr);
  REQUIRE(find_boundary(m, periodic, 15, 5) != nullptr);
}

TEST_CASE("junction clustering merges nearby same-triple pixels, across periodic edges", "[cpu][sim]") {
  const double h = 1.0 / 16;
  SECTION("walled: two pixels of one junction") {
    // Medium on the left, cell 0 upper right, cell 1 lower right: pixels (8, 7) and
    // (8, 8) both carry (medium, 1, 0).
    const Grid g = make_grid_2d(16, 16);
    const auto labels = label_image(g, [](int i, int j) { return i < 8 ? -1 : (j < 8 ? 1 : 0); });
    const JunctionMap m = find_junctions(g, labels, 2);
    REQUIRE(m.triples.size() == 2);
    const std::vector<Junction> merged = cluster_junctions(g, m, 1.5 * h);
    REQUIRE(merged.size() == 1);
    REQUIRE(merged[0].n_pixels == 2);
    REQUIRE(merged[0].labels == std::array<std::int32_t, 3>{2, 1, 0});
    REQUIRE(merged[0].position.x == Approx(8.5 * h));
    REQUIRE(merged[0].position.y == Approx(8.0 * h));
    REQUIRE(cluster_junctions(g, m, 0.5 * h).size() == 2);  // a radius under one pixel keeps both
  }
  SECTION("periodic: four junctions of one triple, one straddling both edges") {
    // Cell 0 above y = 8; below it cell 1 (x < 8) and cell 2. Both axes wrap, so the
    // 1|2 and 0|{1,2} interfaces also run along x = 0 and y = 0.
    const Grid g = make_grid_2d(16, 16, 1.0, 1.0, true);
    const auto labels = label_image(g, [](int i, int j) { return j >= 8 ? 0 : (i < 8 ? 1 : 2); });
    const JunctionMap m = find_junctions(g, labels, 3);
    REQUIRE(m.triples.size() == 8);
    const std::vector<Junction> js = cluster_junctions(g, m, 2 * h);
    REQUIRE(js.size() == 4);
    const Vec3 expected[4] = {{8 * h, 7.5 * h, 0}, {0, 7.5 * h, 0}, {8 * h, 0.5 * h, 0}, {0, 0.5 * h, 0}};
    for (const Vec3& e : expected) {
      const bool found = std::any_of(js.begin(), js.end(), [&](const Junction& j) {
        return j.n_pixels == 2 && norm(g.wrap_displacement(j.position - e)) < 1e-12;
      });
      INFO("expected junction at (" << e.x / h << ", " << e.y / h << ") px");
      REQUIRE(found);
    }
  }
  REQUIRE_THROWS(cluster_junctions(make_grid_2d(4, 4), JunctionMap{}, -1.0));
}

TEST_CASE("interface force: two cells in contact are pushed apart, mirror-symmetrically", "[cpu][sim]") {
  const Grid g = make_grid_2d(160, 160);
  // Seeds on the line y = 0.5 (a pixel edge), mirror images about x = 0.5 (another).
  const Fitted c = fit_cells(g, {Vec3{0.5 - 0.6 * kR0, 0.5, 0}, Vec3{0.5 + 0.6 * kR0, 0.5, 0}}, kR0, true, true);
  const std::vector<int> types = {1, 1};

  SECTION("cell-cell tension only") {
    const SurfaceTensionForces st = forces_of(c, types, two_type_tensions(1, 1, 1, 0, 0), kR0);
    const std::vector<Vec3>& f = st.interface.force;
    REQUIRE(f[0].x < 0);
    REQUIRE(f[1].x > 0);
    REQUIRE(f[0].x == Approx(-f[1].x).epsilon(1e-12));
    REQUIRE(std::fabs(f[0].y) < 1e-9 * std::fabs(f[0].x));
    // Between two cells (p = 2) the normal is the unit x_1 - x_0 and zeta = |x_1 - x_0|
    // at every band pixel, so |F| = gamma h_P n_band / (eps d) exactly.
    const InterfacePair* p = find_pair(st.interface, 1, 0);
    REQUIRE(p != nullptr);
    REQUIRE(p->gamma == 1.0);
    const double d = 1.2 * kR0, eps = kR0 / 4, h = 1.0 / 160;
    // (up to the 1e-8 regularisers of the normal and of zeta).
    REQUIRE(std::fabs(f[0].x) == Approx(static_cast<double>(p->n_band) / (160 * 160) / (eps * d)).epsilon(1e-6));
    // Section 4.5 reads this as ~ 2 gamma l / d (band area 2 eps l). The boundary
    // pixels are two pixels thick and the band has round ends, so its area is
    // ~ (2 eps + 2 h) l + pi eps^2, with l the interface length (the pair's boundary
    // pixels, two per row of the vertical interface).
    const double l = 0.5 * static_cast<double>(p->n_boundary) * h;
    const double band_area = static_cast<double>(p->n_band) * h * h;
    INFO("band " << p->n_band << " px, l = " << l / h << " px");
    REQUIRE(band_area == Approx((2 * eps + 2 * h) * l + std::numbers::pi * eps * eps).epsilon(0.1));
  }
  SECTION("with the medium: still mirror images; the medium pushes each cell inward") {
    const SurfaceTensionForces st = forces_of(c, types, two_type_tensions(1, 1, 5, 30, 7), kR0);
    const std::vector<Vec3>& f = st.interface.force;
    REQUIRE(f[0].x == Approx(-f[1].x).epsilon(1e-9));
    REQUIRE(std::fabs(f[0].y) < 1e-9 * std::fabs(f[0].x));
    const InterfacePair* left = find_pair(st.interface, 2, 0);  // medium | cell 0
    REQUIRE(left != nullptr);
    REQUIRE(left->gamma == 30.0);
    REQUIRE(left->force_high.x == 0.0);                        // nothing acts on the medium
    REQUIRE(left->force_low.x > 0.9 * norm(left->force_low));  // cell 0's free side faces -x: pushed to +x
    // The reference's pair rule hands the pixels around the two junctions to the
    // (medium, 1) band only, and the mirror symmetry is lost.
    SurfaceTensionParams reference = default_surface_tension_params(kR0);
    reference.band_pairs = BandPairs::TwoLargest;
    const SurfaceTensionForces r = surface_tension_forces(c.grid, c.labels, c.seeds, c.centroids, types,
                                                          two_type_tensions(1, 1, 5, 30, 7), reference);
    REQUIRE(std::fabs(r.interface.force[0].x + r.interface.force[1].x) > 0.02 * std::fabs(r.interface.force[0].x));
    REQUIRE(find_pair(r.interface, 2, 1)->n_boundary > find_pair(r.interface, 2, 0)->n_boundary);
  }
}

TEST_CASE("interface force: an isolated cell feels ~0; an aggregate's edge cell is pushed inward", "[cpu][sim]") {
  const Grid g = make_grid_2d(160, 160);
  const TensionTable tensions = two_type_tensions(1, 1, 5, 30, 7);
  SECTION("isolated, off the pixel lattice's symmetry centre") {
    const Fitted c = fit_cells(g, {Vec3{0.5 + 0.31 / 160, 0.5 + 0.17 / 160, 0}}, kR0, true);
    const SurfaceTensionForces st = forces_of(c, {1}, tensions, kR0);
    REQUIRE(st.interface.pairs.size() == 1);
    const InterfacePair& p = st.interface.pairs[0];
    INFO("|F| = " << norm(st.interface.force[0]) << ", scale " << p.scale);
    REQUIRE(p.scale > 0);
    // What is left is the pixelisation of the ring (0.7 % here).
    REQUIRE(norm(st.interface.force[0]) < 0.02 * p.scale);
    REQUIRE(st.junctions.empty());
  }
  SECTION("hexagonal aggregate of seven cells") {
    std::vector<Vec3> seeds = {Vec3{0.5, 0.5, 0}};
    for (int k = 0; k < 6; ++k) {
      const double a = k * std::numbers::pi / 3 + 0.1;
      seeds.push_back(Vec3{0.5 + 1.6 * kR0 * std::cos(a), 0.5 + 1.6 * kR0 * std::sin(a), 0});
    }
    const Fitted c = fit_cells(g, seeds, kR0, true);
    const std::vector<int> types(7, 1);
    const SurfaceTensionForces st = forces_of(c, types, tensions, kR0);
    const std::int32_t medium = 7;
    double outer = 0;
    for (int i = 1; i < 7; ++i) {
      const Vec3 inward = Vec3{0.5, 0.5, 0} - c.seeds[i];
      const Vec3& f = st.interface.force[i];
      INFO("cell " << i << ": F = (" << f.x << ", " << f.y << ")");
      REQUIRE(dot(f, inward) > 0.95 * norm(f) * norm(inward));  // into the aggregate
      const InterfacePair* p = find_pair(st.interface, medium, i);
      REQUIRE(p != nullptr);
      REQUIRE(dot(p->force_low, inward) > 0.95 * norm(p->force_low) * norm(inward));
      outer = std::max(outer, norm(f));
    }
    // The centre cell is surrounded, and the configuration is symmetric under the
    // half-turn about the centre (a pixel corner), which maps the pixel lattice onto
    // itself: its bands come in opposite pairs and its force vanishes.
    REQUIRE(find_pair(st.interface, medium, 0) == nullptr);
    REQUIRE(norm(st.interface.force[0]) < 0.1 * outer);
  }
}

TEST_CASE("interface force: gamma_12 sets the heterotypic repulsion; the table is symmetric", "[cpu][sim]") {
  const Grid g = make_grid_2d(160, 160);
  const Fitted c = fit_cells(g, {Vec3{0.5 - 0.6 * kR0, 0.5, 0}, Vec3{0.5 + 0.6 * kR0, 0.5, 0}}, kR0, true);
  const SurfaceTensionParams params = default_surface_tension_params(kR0);
  const JunctionMap m = find_junctions(g, c.labels, 2);
  const auto force = [&](const std::vector<int>& types, const TensionTable& t) {
    return interface_forces(g, c.labels, m, c.seeds, types, t, params);
  };
  const std::vector<int> types = {1, 2};
  const InterfaceForces low = force(types, two_type_tensions(1, 1, 1, 10, 10));
  const InterfaceForces high = force(types, two_type_tensions(1, 1, 5, 10, 10));
  const double rep_low = low.force[1].x - low.force[0].x;
  const double rep_high = high.force[1].x - high.force[0].x;
  REQUIRE(rep_high > rep_low);
  // Linear in gamma_12: the 1-2 pair contributes 5 times as much, the rest is unchanged.
  const InterfacePair* p_low = find_pair(low, 1, 0);
  const InterfacePair* p_high = find_pair(high, 1, 0);
  REQUIRE(p_high->force_low.x == Approx(5 * p_low->force_low.x).epsilon(1e-12));
  REQUIRE(rep_high - rep_low == Approx(-8 * p_low->force_low.x).epsilon(1e-9));  // (5 - 1) x (F_1 - F_0) of the pair

  // Swapping the types of the two cells (equal medium tensions) changes nothing. With
  // the reference's table bug the 1-2 interface would get gamma_12 + gamma_22 only when
  // its larger-index cell has type 2, so the two orders would differ.
  TensionTable t = two_type_tensions(1, 3, 5, 7, 7);
  REQUIRE(t(1, 2) == t(2, 1));
  t.set(2, 1, 6);
  REQUIRE(t(1, 2) == 6.0);
  const InterfaceForces ab = force({1, 2}, t);
  const InterfaceForces ba = force({2, 1}, t);
  REQUIRE(find_pair(ab, 1, 0)->gamma == 6.0);
  for (int i = 0; i < 2; ++i) REQUIRE(same_vec(ab.force[i], ba.force[i], 0.0));

  // Bad input names the problem.
  REQUIRE_THROWS_WITH(force({0, 1}, t), Catch::Contains("type 0"));
  REQUIRE_THROWS_WITH(force({1}, t), Catch::Contains("cell types"));
}

TEST_CASE("interface force: periodic boxes (translation across the edge, whole-axis bands)", "[cpu][sim]") {
  SECTION("shifting a pair across the periodic edge by whole pixels leaves the forces unchanged") {
    const Grid g = make_grid_2d(128, 128, 1.0, 1.0, true);
    const double R0 = 0.1;
    const Vec3 a{0.5 - 0.6 * R0, 0.5 + 0.3 * R0, 0}, b{0.5 + 0.6 * R0, 0.5 - 0.2 * R0, 0};
    const Fitted centre = fit_cells(g, {a, b}, R0, true);
    // Shift by (-64, -61) pixels: both cells now straddle the corner of the box.
    const int sx = 64, sy = 61;
    Fitted shifted = centre;
    for (int j = 0; j < 128; ++j)
      for (int i = 0; i < 128; ++i)
        shifted.labels[static_cast<std::size_t>(g.index((i - sx + 128) % 128, (j - sy + 128) % 128))] =
            centre.labels[static_cast<std::size_t>(g.index(i, j))];
    for (std::size_t k = 0; k < 2; ++k) {
      shifted.seeds[k] = g.wrap_position(centre.seeds[k] - Vec3{sx / 128.0, sy / 128.0, 0});
      shifted.centroids[k] = g.wrap_position(centre.centroids[k] - Vec3{sx / 128.0, sy / 128.0, 0});
    }
    const TensionTable t = two_type_tensions(1, 1, 5, 30, 7);
    const SurfaceTensionForces f0 = forces_of(centre, {1, 1}, t, R0);
    const SurfaceTensionForces f1 = forces_of(shifted, {1, 1}, t, R0);
    REQUIRE(f1.interface.pairs.size() == f0.interface.pairs.size());
    for (std::size_t k = 0; k < f0.interface.pairs.size(); ++k)
      REQUIRE(f1.interface.pairs[k].n_band == f0.interface.pairs[k].n_band);
    REQUIRE(f1.junctions.size() == f0.junctions.size());
    for (std::size_t i = 0; i < 2; ++i) {
      REQUIRE(same_vec(f1.interface.force[i], f0.interface.force[i], 1e-9 * norm(f0.interface.force[i])));
      REQUIRE(same_vec(f1.junction.force[i], f0.junction.force[i], 1e-9 * norm(f0.junction.force[i])));
    }
  }
  SECTION("a band spanning the whole axis counts each pixel once") {
    // Two stripes on a periodic 16^2 grid: the 0|1 interfaces at x = 8 and x = 0 both
    // belong to one pair, whose boundary columns (7, 8, 15, 0) cover every row.
    const Grid g = make_grid_2d(16, 16, 1.0, 1.0, true);
    const auto labels = label_image(g, [](int i, int) { return i < 8 ? 0 : 1; });
    const std::vector<Vec3> seeds = {Vec3{0.25, 0.5, 0}, Vec3{0.75, 0.5, 0}};
    SurfaceTensionParams params = default_surface_tension_params(0.1);
    params.band_width = 1.5 / 16;  // one pixel each way: columns 6..9 and 14..1
    TensionTable t(2);
    t.set(1, 1, 1);
    const InterfaceForces f =
        interface_forces(g, labels, find_junctions(g, labels, 2), seeds, std::vector<int>{1, 1}, t, params);
    REQUIRE(f.pairs.size() == 1);
    REQUIRE(f.pairs[0].n_boundary == 64);
    REQUIRE(f.pairs[0].n_band == 128);
    REQUIRE(norm(f.force[0]) < 1e-9 * f.pairs[0].scale);  // both interfaces pull equally
  }
}

TEST_CASE("junction force: Young balance vanishes at 120 degrees with equal tensions (invariant 20)", "[cpu][sim]") {
  const Grid g = make_grid_2d(160, 160);
  TensionTable equal(2);
  equal.set(1, 1, 1);
  equal.set(1, 0, 1);
  const std::vector<int> types = {1, 1, 1};
  SECTION("three cells in the medium") {
    const Fitted c = fit_cells(g, three_at_120(kR0), kR0, true, true);
    const SurfaceTensionForces st = forces_of(c, types, equal, kR0);
    // The cells-only junction sits at the centre and its net tension vanishes.
    const auto centre = std::find_if(st.junctions.begin(), st.junctions.end(), [](const Junction& j) {
      return j.labels == std::array<std::int32_t, 3>{2, 1, 0};
    });
    REQUIRE(centre != st.junctions.end());
    REQUIRE(norm(centre->position - Vec3{0.5, 0.5, 0}) < 1.5 / 160);
    const Vec3 phi = st.junction.net_tension[static_cast<std::size_t>(centre - st.junctions.begin())];
    REQUIRE(norm(phi) < 1e-6);
    // Three more junctions with the medium, one per interface end; none of the others
    // is balanced (the medium meets the cells at other angles), but the forces keep
    // the configuration's mirror symmetry about x = 0.5 (cell 0 on the axis, 1 <-> 2).
    REQUIRE(st.junctions.size() == 4);
    const std::vector<Vec3>& f = st.junction.force;
    REQUIRE(std::fabs(f[0].x) < 1e-6 * norm(f[0]));
    REQUIRE(f[1].x == Approx(-f[2].x).epsilon(1e-6));
    REQUIRE(f[1].y == Approx(f[2].y).epsilon(1e-6));
  }
  SECTION("three cells filling the box: the only junction is balanced") {
    const Fitted c = fit_cells(g, three_at_120(kR0), kR0, false);
    const SurfaceTensionForces st = forces_of(c, types, equal, kR0);
    REQUIRE(st.junctions.size() == 1);
    double interface_scale = 0;
    for (const Vec3& f : st.interface.force) interface_scale = std::max(interface_scale, norm(f));
    REQUIRE(interface_scale > 0);
    for (const Vec3& f : st.junction.force) REQUIRE(norm(f) < 1e-6 * interface_scale);
  }
}

TEST_CASE("junction force: a stronger interface pulls the third cell in; labels may be permuted", "[cpu][sim]") {
  const Grid g = make_grid_2d(160, 160);
  // Three types (plus the medium), one per cell; the 0-1 interface is three times as tense.
  TensionTable t(4);
  for (int a = 0; a < 4; ++a)
    for (int b = a; b < 4; ++b) t.set(a, b, 1.0);
  t.set(1, 2, 3.0);
  const std::vector<int> types = {1, 2, 3};
  for (bool with_void : {false, true}) {
    INFO((with_void ? "with the medium" : "packed"));
    const Fitted c = fit_cells(g, three_at_120(kR0), kR0, with_void);
    const SurfaceTensionForces st = forces_of(c, types, t, kR0);
    const auto centre = std::find_if(st.junctions.begin(), st.junctions.end(), [](const Junction& j) {
      return j.labels == std::array<std::int32_t, 3>{2, 1, 0};
    });
    REQUIRE(centre != st.junctions.end());
    // Young: the tense 0-1 interface pulls the junction along itself, away from cell 2,
    // so cell 2 moves toward the junction (into the gap) and cells 0 and 1 move apart.
    const Vec3 phi = st.junction.net_tension[static_cast<std::size_t>(centre - st.junctions.begin())];
    const Vec3 to_junction = centre->position - c.seeds[2];
    // Phi = 3 t01 + t12 + t20 = 2 t01 (the t's of symmetric seeds sum to 0); the packed
    // box is not 3-fold symmetric, so the junction sits a little off cell 2's axis.
    REQUIRE(norm(phi) == Approx(2.0).epsilon(1e-9));
    REQUIRE(dot(phi, to_junction) > 0.95 * 2.0 * norm(to_junction));
    if (!with_void) {
      for (int k = 0; k < 3; ++k) {
        const double along = dot(st.junction.force[k], centre->position - c.seeds[k]);
        REQUIRE((k == 2 ? along > 0 : along < 0));
      }
    }
    // Permutation equivariance: every relabelling (both orientations of the label
    // order, hence both signs sigma) gives the same forces, permuted.
    std::vector<int> perm = {0, 1, 2};
    do {
      const Fitted p = permuted(c, perm);
      std::vector<int> ptypes(3);
      for (int i = 0; i < 3; ++i) ptypes[perm[i]] = types[i];
      const SurfaceTensionForces sp = forces_of(p, ptypes, t, kR0);
      REQUIRE(sp.junctions.size() == st.junctions.size());
      for (int i = 0; i < 3; ++i) {
        const double tol = 1e-9 * (norm(st.junction.force[i]) + norm(st.interface.force[i]));
        REQUIRE(same_vec(sp.junction.force[perm[i]], st.junction.force[i], tol));
        REQUIRE(same_vec(sp.interface.force[perm[i]], st.interface.force[i], tol));
      }
    } while (std::next_permutation(perm.begin(), perm.end()));
  }
}

TEST_CASE("surface tension: scene defaults and validity checks", "[cpu][sim]") {
  const SurfaceTensionParams p = default_surface_tension_params(0.02538);  // Engulfment's R0
  REQUIRE(p.interface_gain == Approx(1.0 / 7));
  REQUIRE(p.junction_gain == Approx(1.0 / 7));
  REQUIRE(p.band_width == Approx(0.02538 / 4));
  REQUIRE(p.cluster_radius == Approx(0.02538 / 3));
  REQUIRE(p.p == 2.0);
  REQUIRE_THROWS(default_surface_tension_params(0.0));

  // Engulfment's table passes; each condition of section 4.5 has its message.
  REQUIRE(engulfment_tension_error(two_type_tensions(1, 1, 5, 30, 7)).empty());
  REQUIRE_THAT(engulfment_tension_error(two_type_tensions(7, 7, 1, 30, 30)), Catch::Contains("gamma_11 / 2"));
  REQUIRE_THAT(engulfment_tension_error(two_type_tensions(1, 7, 3, 30, 7)), Catch::Contains("gamma_22 / 2"));
  REQUIRE_THAT(engulfment_tension_error(two_type_tensions(1, 1, 5, 10, 7)), Catch::Contains("gamma_10 - gamma_20"));
  REQUIRE_THAT(engulfment_tension_error(two_type_tensions(1, 1, 5, 4, -2)), Catch::Contains("> gamma_10 ="));
  REQUIRE_THAT(engulfment_tension_error(TensionTable(4)), Catch::Contains("two cell types"));

  // Engulfment at M = 512: eps = R0 / 4 = 3.25 px passes; at M = 256 it is 1.6 px.
  REQUIRE(band_width_error(make_grid_2d(512, 512), p).empty());
  REQUIRE_THAT(band_width_error(make_grid_2d(256, 256), p), Catch::Contains("at least 3"));

  REQUIRE_THROWS(TensionTable(0));
  TensionTable t(3);
  REQUIRE_THROWS_WITH(t.set(1, 3, 1.0), Catch::Contains("outside"));
  REQUIRE_THROWS(t.set(1, 1, std::nan("")));
  // 2D only.
  const Grid g3 = make_grid_3d(8, 8, 8);
  const std::vector<std::int32_t> labels(512, 0);
  const std::vector<Vec3> seeds = {Vec3{0.5, 0.5, 0.5}};
  REQUIRE_THROWS_WITH(interface_forces(g3, labels, find_junctions(g3, labels, 1), seeds, std::vector<int>{1},
                                       two_type_tensions(1, 1, 1, 1, 1), p),
                      Catch::Contains("2D"));
}
