#pragma once
// TESSERA_CUDA_CHECK(call): turns a failed CUDA runtime call into a
// tessera::CudaError carrying file, line and the call text. Include only from
// code built with the CUDA backend (TESSERA_WITH_CUDA).
#include <cuda_runtime.h>

#include "engine/error.h"

#define TESSERA_CUDA_CHECK(call)                                                          \
  do {                                                                                    \
    const cudaError_t tessera_status_ = (call);                                           \
    if (tessera_status_ != cudaSuccess)                                                   \
      throw ::tessera::CudaError(#call, cudaGetErrorString(tessera_status_), __FILE__, __LINE__); \
  } while (0)

// Checks the last kernel launch (launch errors are reported asynchronously).
#define TESSERA_CUDA_CHECK_LAUNCH() TESSERA_CUDA_CHECK(cudaGetLastError())
