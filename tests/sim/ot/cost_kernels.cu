// Device launch of the cost-test kernel (body in cost_kernels.h).
#include "engine/parallel_cuda.cuh"
#include "tests/sim/ot/cost_kernels.h"

TESSERA_INSTANTIATE_FOR(tessera::test::EvaluateCostProbes)
