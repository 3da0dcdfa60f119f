// Device launches of the Sinkhorn kernels (bodies in sinkhorn_kernels.h).
#include "engine/parallel_cuda.cuh"
#include "sim/ot/sinkhorn_kernels.h"

TESSERA_INSTANTIATE_FOR(tessera::SinkhornCellKernel)
TESSERA_INSTANTIATE_FOR(tessera::SinkhornPixelKernel)
TESSERA_INSTANTIATE_FOR(tessera::ShiftKernel)
TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MaxOp, tessera::PixelPotentialMax)
TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, tessera::PixelPotentialExpSum)
