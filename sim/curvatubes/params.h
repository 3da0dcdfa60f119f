#pragma once
// Parameters of the curvatubes generator (phase-field curvature textures; A. Song,
// J. Math. Imaging Vision 64:17-40, 2022). Sections cited as "ref. N.M" refer to
// /work/shared/reference/curvatubes-model.md.
//
// Field storage (every scalar field of this module: u, adjoints, coefficient fields):
//   axis order (Z, X, Y) as in the reference, last axis fastest,
//   index(z, x, y) = y + Y * (x + X * z), Z * X * Y values.
// Vector fields (the conservative potential A, the orientation theta) are ordered
// (z, x, y); A is stored component-major: A_z (N values), then A_x, then A_y.
//
// Units: h is the physical length of one voxel (0.01: a 100^3 grid is the unit cube);
// eps is a physical length (0.02 = 2 voxels); the coefficients carry the length scales
// of ref. 1.1 in those units; sigma_blur is in voxels.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::curvatubes {

// Which variable the optimiser updates (ref. 3.1).
enum class Flow {
  Cons,    // A vector potential A, u = B((div A)/h + M0): exact local mass (H^-1 flow)
  L2,      // u = B v: mass free
  Averm0,  // u = B v - mean(B v) + M0 with M0 = mean(B v0) fixed at init: exact global mass
};
inline constexpr std::array<std::string_view, 3> kFlowNames = {"cons", "L2", "averm0"};

// How stencils read outside the grid (ref. 2.1).
enum class Boundary {
  Periodic,   // indices wrap (all notebooks; required by Cons)
  Replicate,  // each index clamped to [0, L-1]; blur pads by floor(3 sigma) replicated voxels
};
inline constexpr std::array<std::string_view, 2> kBoundaryNames = {"periodic", "replicate"};

std::string flow_name(Flow flow);
Flow parse_flow(std::string_view name);  // throws tessera::Error naming the unknown value
std::string boundary_name(Boundary boundary);
Boundary parse_boundary(std::string_view name);

// The six coefficients of p(k1, k2) = a20 k1^2 + a11 k1 k2 + a02 k2^2 + b10 k1 + b01 k2 + c
// (ref. 1.1), with k1 >= k2.
struct Coefficients {
  double a20 = 1, a11 = 2, a02 = 6, b10 = -40, b01 = -40, c = 400;
};

// Optional per-voxel fields (ref. 1.6). Each is either empty (the scalar in
// CurvatubesParams is used) or holds exactly Z*X*Y values in the storage order above.
struct SpatialFields {
  std::vector<double> eps, a20, a11, a02, b10, b01, c, m0;
  bool any() const;
};

// Adam with PyTorch semantics (ref. 3.2); eps_adam is large on purpose.
struct AdamSettings {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps_adam = 1e-2;
};

struct CurvatubesParams {
  int nz = 100, nx = 100, ny = 100;         // shape (Z, X, Y), each >= 16, odd allowed
  double h = 0.01;                          // voxel length
  double eps = 0.02;                        // interface width (>= h)
  Coefficients coeffs;                      // default: the gallery "tubes"
  double m0 = -0.6;                         // prescribed mean of u, in (-1, 1) (Cons; ignored by L2 and Averm0)
  double mu = 0;                            // orientation weight (ref. 1.5); 0 = off
  std::array<double, 3> theta = {1, 0, 0};  // unit vector (z, x, y), used when mu != 0
  SpatialFields spatial;
  double xi = 1e-6;       // gradient-norm regularisation (ref. 1.4)
  double xi_s = 1e-6;     // softplus sharpness and offset
  double sigma_blur = 2;  // Gaussian blur width in voxels; 0 = off
  Flow flow = Flow::Cons;
  Boundary boundary = Boundary::Periodic;
  AdamSettings adam;
  std::uint64_t seed = 1;     // Philox seed of the initial noise
  bool check_viable = false;  // viability tests at 500/1000/5000 evaluations (ref. 6.1)
  int curve_every = 50;       // energy-curve sampling period in evaluations (ref. 3.4)

  std::int64_t size() const { return static_cast<std::int64_t>(nz) * nx * ny; }
};

CurvatubesParams default_curvatubes_params();

// The parameters live steering cannot change (they fix the optimised variable and its
// start): "" when `a` and `b` agree on all of them, else the first that differs.
std::string unsteerable_difference(const CurvatubesParams& a, const CurvatubesParams& b);

// Throws tessera::Error naming the first bad value: NaN/inf coefficient, M0 outside
// (-1, 1), eps below one voxel, grid axis below 16, Cons with Replicate, a
// non-unit theta, a spatial field of the wrong size, bad Adam settings.
void validate(const CurvatubesParams& params);

}  // namespace tessera::curvatubes
