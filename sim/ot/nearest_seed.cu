// Device launch of the nearest-seed kernel (body in nearest_seed.h).
#include "engine/parallel_cuda.cuh"
#include "sim/ot/nearest_seed.h"

TESSERA_INSTANTIATE_FOR(tessera::NearestSeedKernel)
