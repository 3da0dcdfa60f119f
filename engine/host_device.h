#pragma once
// One macro marks functions callable from host and device code. Under a plain
// C++ compiler it expands to nothing, so the same headers build CPU-only.
#if defined(__CUDACC__)
#define TESSERA_HD __host__ __device__
#define TESSERA_DEVICE_CODE 1
#else
#define TESSERA_HD
#define TESSERA_DEVICE_CODE 0
#endif

#if defined(__CUDA_ARCH__)
#define TESSERA_ON_DEVICE 1
#else
#define TESSERA_ON_DEVICE 0
#endif
