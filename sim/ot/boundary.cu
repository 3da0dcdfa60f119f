// Device launch of the boundary-pixel kernel (body in boundary.h).
#include "engine/parallel_cuda.cuh"
#include "sim/ot/boundary.h"

TESSERA_INSTANTIATE_FOR(tessera::BoundaryKernel)
