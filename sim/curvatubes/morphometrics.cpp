#include "sim/curvatubes/morphometrics.h"

#include <limits>

#include "engine/parallel.h"

namespace tessera::curvatubes {

template <class T>
Discrepancy discrepancy(const Exec& exec, const CurvatubesParams& p, const T* u) {
  const Shape shape{p.nz, p.nx, p.ny};
  const bool periodic = p.boundary == Boundary::Periodic;
  DiscrepancyKernel<T> k{shape, periodic, u, static_cast<T>(0.5 / p.h), static_cast<T>(p.eps), true};
  Discrepancy d;
  const double h3 = p.h * p.h * p.h;
  d.numerator = h3 * transform_reduce(exec, shape.size(), 0.0, SumOp{}, k);
  k.numerator = false;
  d.denominator = h3 * transform_reduce(exec, shape.size(), 0.0, SumOp{}, k);
  d.ratio = d.denominator > 0 ? d.numerator / d.denominator : 0.0;
  return d;
}

template <class T>
FieldStats field_stats(const Exec& exec, const T* u, std::int64_t n) {
  FieldStats s;
  const ValueKernel<T> k{u};
  s.min = transform_reduce(exec, n, std::numeric_limits<double>::infinity(), MinOp{}, k);
  s.max = transform_reduce(exec, n, -std::numeric_limits<double>::infinity(), MaxOp{}, k);
  s.mean = transform_reduce(exec, n, 0.0, SumOp{}, k) / static_cast<double>(n);
  return s;
}

template <class T>
Discrepancy discrepancy(const CurvatubesParams& params, const std::vector<T>& u) {
  return discrepancy<T>(Exec{Backend::Cpu}, params, u.data());
}

template <class T>
FieldStats field_stats(const std::vector<T>& u) {
  return field_stats<T>(Exec{Backend::Cpu}, u.data(), static_cast<std::int64_t>(u.size()));
}

template <class T>
void diffuse_curvature_fields(const CurvatubesParams& p, const std::vector<T>& u, std::vector<T>& kappa1,
                              std::vector<T>& kappa2) {
  const Shape shape{p.nz, p.nx, p.ny};
  kappa1.resize(u.size());
  kappa2.resize(u.size());
  const CurvatureKernel<T> k{shape,
                             p.boundary == Boundary::Periodic,
                             u.data(),
                             static_cast<T>(p.h),
                             static_cast<T>(p.eps),
                             static_cast<T>(p.xi * p.xi),
                             static_cast<T>(p.xi_s),
                             kappa1.data(),
                             kappa2.data()};
  parallel_for_host(shape.size(), k);
}

template <class T>
double solid_fraction(const std::vector<T>& u) {
  if (u.empty()) return 0.0;
  const double n =
      transform_reduce_host(static_cast<std::int64_t>(u.size()), 0.0, SumOp{}, PositiveKernel<T>{u.data()});
  return n / static_cast<double>(u.size());
}

#define TESSERA_CT_MORPHO(T)                                                                                 \
  template Discrepancy discrepancy<T>(const Exec&, const CurvatubesParams&, const T*);                       \
  template FieldStats field_stats<T>(const Exec&, const T*, std::int64_t);                                   \
  template Discrepancy discrepancy<T>(const CurvatubesParams&, const std::vector<T>&);                       \
  template FieldStats field_stats<T>(const std::vector<T>&);                                                 \
  template void diffuse_curvature_fields<T>(const CurvatubesParams&, const std::vector<T>&, std::vector<T>&, \
                                            std::vector<T>&);                                                \
  template double solid_fraction<T>(const std::vector<T>&);
TESSERA_CT_MORPHO(float)
TESSERA_CT_MORPHO(double)
#undef TESSERA_CT_MORPHO

}  // namespace tessera::curvatubes
