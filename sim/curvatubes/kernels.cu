// Device launches of the curvatubes kernels (bodies in operators.h, blur.h, adam.h,
// morphometrics.h), for float (runs) and double (tests).
#include "engine/parallel_cuda.cuh"
#include "sim/curvatubes/adam.h"
#include "sim/curvatubes/blur.h"
#include "sim/curvatubes/morphometrics.h"
#include "sim/curvatubes/operators.h"

namespace ct = tessera::curvatubes;

#define TESSERA_CT_INSTANTIATE(T)                                                     \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, ct::ForwardKernel<T>)  \
  TESSERA_INSTANTIATE_FOR(ct::GatherKernel<T>)                                        \
  TESSERA_INSTANTIATE_FOR(ct::BlurAxisKernel<T>)                                      \
  TESSERA_INSTANTIATE_FOR(ct::CopyKernel<T>)                                          \
  TESSERA_INSTANTIATE_FOR(ct::DivergenceKernel<T>)                                    \
  TESSERA_INSTANTIATE_FOR(ct::AdamConsKernel<T>)                                      \
  TESSERA_INSTANTIATE_FOR(ct::AdamFieldKernel<T>)                                     \
  TESSERA_INSTANTIATE_FOR(ct::ShiftKernel<T>)                                         \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, ct::ValueKernel<T>)    \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MinOp, ct::ValueKernel<T>)    \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MaxOp, ct::ValueKernel<T>)    \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, ct::AbsKernel<T>)      \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MaxOp, ct::AbsKernel<T>)      \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, ct::GradAAbsKernel<T>) \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MaxOp, ct::GradAAbsKernel<T>) \
  TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, ct::DiscrepancyKernel<T>)

TESSERA_CT_INSTANTIATE(float)
TESSERA_CT_INSTANTIATE(double)
