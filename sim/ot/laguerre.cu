// Device launches of the Laguerre engine's kernels (bodies in laguerre_kernels.h).
#include "engine/parallel_cuda.cuh"
#include "sim/ot/laguerre_kernels.h"

TESSERA_INSTANTIATE_REDUCE_BY_KEY(tessera::AssignKernel)
TESSERA_INSTANTIATE_REDUCE_BY_KEY(tessera::MomentsKernel)
TESSERA_INSTANTIATE_FOR(tessera::BinGapKernel)
// Written out: the macro puts "::" right after T, which a qualified class name cannot take.
template tessera::ValueRange
tessera::detail::launch_transform_reduce_device<tessera::ValueRange, tessera::ValueRangeOp, tessera::SampledGapKernel>(
    std::int64_t, tessera::ValueRange, tessera::ValueRangeOp, const tessera::SampledGapKernel&);
TESSERA_INSTANTIATE_FOR(tessera::FaceNeighbourKernel)
TESSERA_INSTANTIATE_FOR(tessera::JacobianKernel)
