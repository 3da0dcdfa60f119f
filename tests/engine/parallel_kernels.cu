// Device launches for the engine tests.
#include "engine/parallel_cuda.cuh"
#include "tests/engine/parallel_kernels.h"

TESSERA_INSTANTIATE_FOR(tessera::test::CountHits)
TESSERA_INSTANTIATE_REDUCE_BY_KEY(tessera::test::KeyedSum)
TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::SumOp, tessera::test::Square)
TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MaxOp, tessera::test::Square)
TESSERA_INSTANTIATE_TRANSFORM_REDUCE(double, tessera::MinOp, tessera::test::Square)
TESSERA_INSTANTIATE_FOR(tessera::test::RandomDraws)
