#include <catch2/catch.hpp>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <utility>

#include "engine/error.h"
#include "sim/labels/label_mesh.h"
#include "sim/ot/laguerre.h"
#include "test_support.h"
#include "tests/sim/ot/ball_labels.h"

using namespace tessera;
using test::Ball;

namespace {

constexpr double kPi = std::numbers::pi;

// Undirected edge -> number of triangles using it, over the triangles accepted by `keep`.
template <class Keep>
std::map<std::pair<std::int32_t, std::int32_t>, int> edge_use(const LabelMesh& mesh, Keep keep) {
  std::map<std::pair<std::int32_t, std::int32_t>, int> use;
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    if (!keep(t)) continue;
    const auto& tri = mesh.triangles[t];
    for (int c = 0; c < 3; ++c) {
      const std::int32_t a = tri[c], b = tri[(c + 1) % 3];
      ++use[{std::min(a, b), std::max(a, b)}];
    }
  }
  return use;
}

// A closed, consistently oriented surface: every directed edge appears exactly once and
// its reverse exactly once (so every undirected edge is shared by exactly 2 triangles).
template <class Keep>
bool closed_and_oriented(const LabelMesh& mesh, Keep keep) {
  std::map<std::pair<std::int32_t, std::int32_t>, int> directed;
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    if (!keep(t)) continue;
    const auto& tri = mesh.triangles[t];
    for (int c = 0; c < 3; ++c) ++directed[{tri[c], tri[(c + 1) % 3]}];
  }
  if (directed.empty()) return false;
  for (const auto& [edge, count] : directed) {
    if (count != 1) return false;
    const auto reverse = directed.find({edge.second, edge.first});
    if (reverse == directed.end() || reverse->second != 1) return false;
  }
  return true;
}

double total_area(const MeshGeometry& g) {
  double a = 0;
  for (double x : g.area) a += x;
  return a;
}

// Volume enclosed by the triangles of one label (divergence theorem with the inward
// normal n of a hi-labelled region: V = -1/3 sum a <c, n>).
double enclosed_volume(const LabelMesh& mesh, const MeshGeometry& g, std::int32_t label) {
  double v = 0;
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    const double s = mesh.triangle_labels[t][1] == label ? -1.0 : (mesh.triangle_labels[t][0] == label ? 1.0 : 0.0);
    v += s * g.area[t] * dot(g.centroid[t], g.normal[t]) / 3.0;
  }
  return v;
}

}  // namespace

TEST_CASE("label mesh of a ball: closed, oriented into the ball, sphere topology", "[cpu][sim]") {
  const Grid grid = make_grid_3d(40, 40, 40);
  const std::vector<Ball> balls = {{Vec3{0.507, 0.491, 0.503}, 0.25}};
  const std::vector<std::int32_t> labels = test::ball_labels(grid, balls);
  for (int iterations : {0, 20}) {
    LabelMeshParams params = default_label_mesh_params();
    params.smoothing_iterations = iterations;
    const LabelMesh mesh = build_label_mesh(grid, labels, params);
    INFO("smoothing iterations " << iterations);
    REQUIRE(mesh.triangles.size() > 1000);
    REQUIRE(mesh.triangle_labels.size() == mesh.triangles.size());
    REQUIRE(std::all_of(mesh.triangle_labels.begin(), mesh.triangle_labels.end(),
                        [](const auto& lab) { return lab[0] == kVoidLabel && lab[1] == 0; }));
    // Watertight: every edge on exactly 2 triangles, each direction once.
    const auto all = [](std::size_t) { return true; };
    const auto edges = edge_use(mesh, all);
    REQUIRE(std::all_of(edges.begin(), edges.end(), [](const auto& e) { return e.second == 2; }));
    REQUIRE(closed_and_oriented(mesh, all));
    // Euler characteristic V - E + F = 2: one sphere, every vertex used.
    const std::int64_t V = mesh.vertices.size(), E = edges.size(), F = mesh.triangles.size();
    REQUIRE(V - E + F == 2);
    // Normals point from the medium (lo) into the ball (hi).
    const MeshGeometry g = mesh_geometry(mesh);
    int outward = 0;
    for (std::size_t t = 0; t < mesh.triangles.size(); ++t)
      outward += dot(g.normal[t], balls[0].center - g.centroid[t]) <= 0;
    REQUIRE(outward == 0);
  }
}

TEST_CASE("label mesh of a ball: area, volume and mean curvature after smoothing", "[cpu][sim]") {
  const Grid grid = make_grid_3d(40, 40, 40);
  const double R = 0.25;  // 10 voxels
  const std::vector<Ball> balls = {{Vec3{0.507, 0.491, 0.503}, R}};
  const std::vector<std::int32_t> labels = test::ball_labels(grid, balls);
  const LabelMesh mesh = build_label_mesh(grid, labels);
  const MeshGeometry g = mesh_geometry(mesh);
  const double area = total_area(g);
  const double volume = enclosed_volume(mesh, g, 0);
  double mean_abs_kappa = 0, within = 0, positive = 0;
  for (std::size_t t = 0; t < g.area.size(); ++t) {
    mean_abs_kappa += g.area[t] * std::fabs(g.mean_curvature[t]);
    within += std::fabs(g.mean_curvature[t] * R - 1) < 0.25 ? g.area[t] : 0.0;
    positive += g.mean_curvature[t] > 0 ? g.area[t] : 0.0;
  }
  mean_abs_kappa /= area;
  INFO("area / 4 pi R^2 = " << area / (4 * kPi * R * R) << ", volume / (4/3 pi R^3) = "
                            << volume / (4.0 / 3.0 * kPi * R * R * R) << ", mean |kappa| R = " << mean_abs_kappa * R
                            << ", area fraction within 25% of 1/R: " << within / area
                            << ", convex fraction: " << positive / area);
  CHECK(area == Approx(4 * kPi * R * R).epsilon(0.05));
  CHECK(volume == Approx(4.0 / 3.0 * kPi * R * R * R).epsilon(0.03));
  CHECK(mean_abs_kappa == Approx(1.0 / R).epsilon(0.10));
  CHECK(within / area > 0.85);
  CHECK(positive / area > 0.99);  // the ball (hi side) is convex everywhere
  // The raw nets, for comparison: their staircase overestimates the area.
  LabelMeshParams raw = default_label_mesh_params();
  raw.smoothing_iterations = 0;
  const double raw_area = total_area(mesh_geometry(build_label_mesh(grid, labels, raw)));
  INFO("raw area / 4 pi R^2 = " << raw_area / (4 * kPi * R * R));
  CHECK(std::fabs(area / (4 * kPi * R * R) - 1) < std::fabs(raw_area / (4 * kPi * R * R) - 1));
}

TEST_CASE("label mesh of two touching balls: a (0, 1) interface, each cell closed", "[cpu][sim]") {
  const Grid grid = make_grid_3d(48, 48, 48);
  const std::vector<Ball> balls = {{Vec3{0.36, 0.5, 0.51}, 0.2}, {Vec3{0.64, 0.49, 0.5}, 0.2}};
  const LabelMesh mesh = build_label_mesh(grid, test::ball_labels(grid, balls));
  const MeshGeometry g = mesh_geometry(mesh);
  std::set<std::pair<std::int32_t, std::int32_t>> pairs;
  double contact_area = 0;
  int backward = 0;  // (0, 1) normals must point from cell 0 (left) into cell 1 (right)
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    const auto& lab = mesh.triangle_labels[t];
    pairs.insert({lab[0], lab[1]});
    if (lab[0] == 0 && lab[1] == 1) {
      contact_area += g.area[t];
      backward += g.normal[t].x <= 0.5;
    }
  }
  REQUIRE(backward == 0);
  const std::set<std::pair<std::int32_t, std::int32_t>> expected = {{kVoidLabel, 0}, {kVoidLabel, 1}, {0, 1}};
  REQUIRE(pairs == expected);
  REQUIRE(contact_area > 0.5 * kPi * (0.2 * 0.2 - 0.14 * 0.14));
  // Every cell's own triangles (either side) form a closed oriented surface once the
  // triangles where it is the lo side are flipped; equivalently every edge is used twice.
  for (std::int32_t cell : {0, 1}) {
    const auto mine = [&](std::size_t t) {
      return mesh.triangle_labels[t][0] == cell || mesh.triangle_labels[t][1] == cell;
    };
    const auto edges = edge_use(mesh, mine);
    REQUIRE(std::all_of(edges.begin(), edges.end(), [](const auto& e) { return e.second == 2; }));
  }
  // The junction curve (medium, 0, 1) is where three triangles meet.
  int triple_edges = 0, other_edges = 0;
  for (const auto& [edge, count] : edge_use(mesh, [](std::size_t) { return true; })) {
    triple_edges += count == 3;
    other_edges += count != 2 && count != 3;
  }
  REQUIRE(other_edges == 0);
  REQUIRE(triple_edges > 20);
}

TEST_CASE("label mesh: walls at the box faces, exact box units", "[cpu][sim]") {
  // A box full of one cell, with a different spacing per axis. Surface nets chamfer the
  // box edges (a vertex sits at the mean of its edge midpoints), but the rest of each
  // box face is flat and lies exactly on the face: on x = 0 it spans y in
  // [h_y, L_y - h_y] and z in [h_z, L_z - h_z].
  const double L[3] = {1.0, 0.25, 1.5};
  const Grid grid = make_grid_3d(16, 8, 12, L[0], L[1], L[2]);
  const double h[3] = {grid.spacing(0), grid.spacing(1), grid.spacing(2)};
  const std::vector<std::int32_t> full(grid.size(), 0);
  LabelMeshParams raw = default_label_mesh_params();
  raw.smoothing_iterations = 0;
  const LabelMesh box = build_label_mesh(grid, full, raw);
  const MeshGeometry g = mesh_geometry(box, raw);
  REQUIRE(std::all_of(box.triangle_labels.begin(), box.triangle_labels.end(),
                      [](const auto& lab) { return lab[0] == kOutsideLabel && lab[1] == 0; }));
  for (int axis = 0; axis < 3; ++axis) {
    const int u = (axis + 1) % 3, w = (axis + 2) % 3;
    const double expected = (L[u] - 2 * h[u]) * (L[w] - 2 * h[w]);
    for (double plane : {0.0, L[axis]}) {
      double flat = 0;
      for (std::size_t t = 0; t < box.triangles.size(); ++t) {
        bool on_plane = true;
        for (int c = 0; c < 3; ++c)
          on_plane = on_plane && std::fabs(box.vertices[box.triangles[t][c]][axis] - plane) < 1e-12;
        if (on_plane) flat += g.area[t];
      }
      INFO("axis " << axis << ", plane " << plane);
      REQUIRE(flat == Approx(expected).epsilon(1e-12));
    }
  }
  int outside_box = 0;
  for (const Vec3& v : box.vertices)
    for (int axis = 0; axis < 3; ++axis) outside_box += v[axis] < 0 || v[axis] > L[axis] + 1e-12;
  REQUIRE(outside_box == 0);
  // Normals point from the wall into the cell: inward.
  int outward = 0;
  for (std::size_t t = 0; t < box.triangles.size(); ++t)
    outward += dot(g.normal[t], Vec3{0.5, 0.125, 0.75} - g.centroid[t]) <= 0;
  REQUIRE(outward == 0);

  // Scaling the box scales the mesh: vertices x2, areas x4, curvatures /2.
  const Grid small = make_grid_3d(32, 32, 32);
  const Grid large = make_grid_3d(32, 32, 32, 2.0, 2.0, 2.0);
  const std::vector<Ball> ball = {{Vec3{0.51, 0.49, 0.5}, 0.27}};
  const std::vector<std::int32_t> labels = test::ball_labels(small, ball);
  const LabelMesh a = build_label_mesh(small, labels), b = build_label_mesh(large, labels);
  const MeshGeometry ga = mesh_geometry(a), gb = mesh_geometry(b);
  REQUIRE(a.vertices.size() == b.vertices.size());
  double max_vertex_gap = 0, max_curvature_gap = 0;
  for (std::size_t v = 0; v < a.vertices.size(); ++v)
    max_vertex_gap = std::max(max_vertex_gap, norm(b.vertices[v] - 2.0 * a.vertices[v]));
  for (std::size_t t = 0; t < ga.area.size(); ++t)
    max_curvature_gap = std::max(max_curvature_gap, std::fabs(gb.mean_curvature[t] - 0.5 * ga.mean_curvature[t]));
  REQUIRE(max_vertex_gap < 1e-12);
  REQUIRE(max_curvature_gap < 1e-9);
  REQUIRE(total_area(gb) == Approx(4 * total_area(ga)).epsilon(1e-12));

  // A ball cut by the wall z = 0: before smoothing its wall triangles lie in that plane,
  // except at the rim, where the vertices also average medium-cell edge midpoints.
  const Grid grid40 = make_grid_3d(40, 40, 40);
  const std::vector<Ball> low = {{Vec3{0.5, 0.5, 0.15}, 0.25}};
  const LabelMesh cut = build_label_mesh(grid40, test::ball_labels(grid40, low), raw);
  const MeshGeometry gc = mesh_geometry(cut, raw);
  double wall_area = 0, in_plane = 0, max_z = 0;
  for (std::size_t t = 0; t < cut.triangles.size(); ++t) {
    if (cut.triangle_labels[t][0] != kOutsideLabel) continue;
    wall_area += gc.area[t];
    bool flat = true;
    for (int c = 0; c < 3; ++c) {
      const double z = cut.vertices[cut.triangles[t][c]].z;
      max_z = std::max(max_z, z);
      flat = flat && z == 0.0;
    }
    in_plane += flat ? gc.area[t] : 0.0;
  }
  REQUIRE(max_z < 0.5 * grid40.spacing(2));
  REQUIRE(wall_area > 0);
  REQUIRE(in_plane > 0.6 * wall_area);  // the rim ring is ~1 voxel wide on a disc of radius 8 voxels
}

TEST_CASE("label mesh: the same mesh for any thread count", "[cpu][sim]") {
  // 48^3 voxels: large enough for the parallel loops.
  const Grid grid = make_grid_3d(48, 48, 48);
  const std::vector<Ball> balls = {
      {Vec3{0.36, 0.5, 0.51}, 0.2}, {Vec3{0.64, 0.49, 0.5}, 0.2}, {Vec3{0.5, 0.5, 0.1}, 0.15}};
  const std::vector<std::int32_t> labels = test::ball_labels(grid, balls);
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const LabelMesh serial = build_label_mesh(grid, labels);
  const MeshGeometry g_serial = mesh_geometry(serial);
  omp_set_num_threads(std::max(2, threads));
  const LabelMesh parallel = build_label_mesh(grid, labels);
  const MeshGeometry g_parallel = mesh_geometry(parallel);
  omp_set_num_threads(threads);
  REQUIRE(serial.triangles == parallel.triangles);
  REQUIRE(serial.triangle_labels == parallel.triangle_labels);
  bool same = serial.vertices.size() == parallel.vertices.size();
  for (std::size_t v = 0; same && v < serial.vertices.size(); ++v)
    same = norm2(serial.vertices[v] - parallel.vertices[v]) == 0.0;
  REQUIRE(same);
  REQUIRE(g_serial.mean_curvature == g_parallel.mean_curvature);
  REQUIRE(g_serial.area == g_parallel.area);
}

TEST_CASE("label mesh: bad input is refused", "[cpu][sim]") {
  const Grid flat = make_grid_2d(8, 8);
  const std::vector<std::int32_t> flat_labels(flat.size(), 0);
  CHECK_THROWS_AS(build_label_mesh(flat, flat_labels), Error);
  const Grid periodic = make_grid_3d(8, 8, 8, 1, 1, 1, true);
  const std::vector<std::int32_t> labels(periodic.size(), 0);
  CHECK_THROWS_AS(build_label_mesh(periodic, labels), Error);
  const Grid grid = make_grid_3d(8, 8, 8);
  CHECK_THROWS_AS(build_label_mesh(grid, std::span(labels).first(100)), Error);
  LabelMeshParams unstable = default_label_mesh_params();
  unstable.taubin_lambda = 0.33;  // pass band 1/0.33 - 1/0.53 = 1.1: amplifies mid frequencies
  CHECK_THROWS_AS(build_label_mesh(grid, labels, unstable), Error);
  CHECK_NOTHROW(build_label_mesh(grid, labels));
}
