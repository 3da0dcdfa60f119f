#pragma once
// The discrete curvatubes energy E(u) = h^3 sum f (ref. 1.4) and its exact gradient
// dE/du (ref. 4.1-4.3), without autodiff: a forward pass that writes the ten local
// adjoint fields, then one gather pass applying all transposed stencils.
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "sim/curvatubes/operators.h"
#include "sim/curvatubes/params.h"

namespace tessera::curvatubes {

template <class T>
class EnergyEvaluator {
 public:
  EnergyEvaluator() = default;
  // Uploads the spatial coefficient fields (if any) of `params`; validates nothing
  // (the Generator validates).
  EnergyEvaluator(const Exec& exec, const CurvatubesParams& params);

  // E(u) (in double) and grad = dE/du; u and grad are backend pointers of N values.
  // grad may be nullptr (energy only; the adjoints are still written).
  double evaluate(const Exec& exec, const T* u, T* grad);

  // Time spent in the last evaluate(), seconds (forward, gather), wall clock; the
  // slab pipeline reports both passes as forward.
  double last_forward_s() const { return m_forward_s; }
  double last_gather_s() const { return m_gather_s; }
  Shape shape() const { return m_shape; }
  // CPU periodic only: pipeline forward and gather plane by plane (default on); off
  // runs the two whole-grid passes (kept for tests and comparison).
  void set_slab_pipeline(bool on) { m_slab_pipeline = on; }
  const EnergyCoefs<T>& coefs(const Exec& exec);

 private:
  Shape m_shape;
  bool m_periodic = true;
  EnergyCoefs<T> m_coefs{};
  Mirrored<T> m_fields[7];  // eps, a20, a11, a02, b10, b01, c (empty = scalar)
  Mirrored<T> m_adj;        // kNumAdjoints * N
  double m_forward_s = 0, m_gather_s = 0;
  bool m_slab_pipeline = true;
  std::vector<T> m_ring;  // CPU slab ring: threads x 3 planes x kNumAdjoints

  double evaluate_slabs(const T* u, T* grad);
};

}  // namespace tessera::curvatubes
