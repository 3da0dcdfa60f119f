#pragma once
// Device launches behind engine/parallel.h. Include only from .cu files; each
// module instantiates the launches its kernels need with the macros at the end.
#include <cuda_runtime.h>

#include <vector>

#include "engine/cuda_check.h"
#include "engine/parallel.h"

namespace tessera {

// Accumulator handed to reduce_by_key functors on the GPU.
struct DeviceEmitter {
  double* sums;
  int n_channels;
  __device__ void add(int key, int channel, double value) const {
    atomicAdd(&sums[key * n_channels + channel], value);
  }
};

namespace detail {

constexpr int kBlockSize = 256;

inline int grid_size_for(std::int64_t n, int max_blocks = 65535 * 4) {
  const std::int64_t blocks = (n + kBlockSize - 1) / kBlockSize;
  return static_cast<int>(blocks < max_blocks ? blocks : max_blocks);
}

template <class F>
__global__ void for_kernel(std::int64_t n, F f) {
  const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
  for (std::int64_t i = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x; i < n; i += stride) f(i);
}

template <class F>
void launch_for_device(std::int64_t n, const F& f) {
  for_kernel<<<grid_size_for(n), kBlockSize>>>(n, f);
  TESSERA_CUDA_CHECK_LAUNCH();
}

// Small tables are privatised in shared memory per block (few global atomics);
// large ones accumulate straight into global memory.
constexpr int kSharedReduceDoubles = 4096;

template <class F>
__global__ void reduce_by_key_shared_kernel(std::int64_t n, int width, int n_channels, F f, double* out) {
  extern __shared__ double block_sums[];
  for (int k = threadIdx.x; k < width; k += blockDim.x) block_sums[k] = 0.0;
  __syncthreads();
  const DeviceEmitter emit{block_sums, n_channels};
  const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
  for (std::int64_t i = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x; i < n; i += stride)
    f(i, emit);
  __syncthreads();
  for (int k = threadIdx.x; k < width; k += blockDim.x)
    if (block_sums[k] != 0.0) atomicAdd(&out[k], block_sums[k]);
}

template <class F>
__global__ void reduce_by_key_global_kernel(std::int64_t n, int n_channels, F f, double* out) {
  const DeviceEmitter emit{out, n_channels};
  const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
  for (std::int64_t i = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x; i < n; i += stride)
    f(i, emit);
}

template <class F>
void launch_reduce_by_key_device(std::int64_t n, int n_keys, int n_channels, const F& f, double* out_device) {
  const int width = n_keys * n_channels;
  TESSERA_CUDA_CHECK(cudaMemset(out_device, 0, sizeof(double) * width));
  if (n <= 0 || width == 0) return;
  if (width <= kSharedReduceDoubles) {
    const int blocks = grid_size_for(n, 1024);
    reduce_by_key_shared_kernel<<<blocks, kBlockSize, sizeof(double) * width>>>(n, width, n_channels, f, out_device);
  } else {
    reduce_by_key_global_kernel<<<grid_size_for(n), kBlockSize>>>(n, n_channels, f, out_device);
  }
  TESSERA_CUDA_CHECK_LAUNCH();
}

template <class T, class Op, class F>
__global__ void transform_reduce_kernel(std::int64_t n, T init, Op op, F f, T* block_results) {
  __shared__ T shared[kBlockSize];
  T acc = init;
  const std::int64_t stride = static_cast<std::int64_t>(gridDim.x) * blockDim.x;
  for (std::int64_t i = blockIdx.x * static_cast<std::int64_t>(blockDim.x) + threadIdx.x; i < n; i += stride)
    acc = op(acc, f(i));
  shared[threadIdx.x] = acc;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s /= 2) {
    if (threadIdx.x < s) shared[threadIdx.x] = op(shared[threadIdx.x], shared[threadIdx.x + s]);
    __syncthreads();
  }
  if (threadIdx.x == 0) block_results[blockIdx.x] = shared[0];
}

template <class T, class Op, class F>
T launch_transform_reduce_device(std::int64_t n, T init, Op op, const F& f) {
  const int blocks = grid_size_for(n, 1024);
  DeviceArray<T> partial(blocks);
  transform_reduce_kernel<<<blocks, kBlockSize>>>(n, init, op, f, partial.data());
  TESSERA_CUDA_CHECK_LAUNCH();
  std::vector<T> host(blocks);
  partial.download(host.data(), host.size());
  T result = init;
  for (const T& p : host) result = op(result, p);
  return result;
}

}  // namespace detail
}  // namespace tessera

// Explicit instantiations, one per functor type, in the module's .cu file.
#define TESSERA_INSTANTIATE_FOR(F) \
  template void ::tessera::detail::launch_for_device<F>(std::int64_t, const F&);
#define TESSERA_INSTANTIATE_REDUCE_BY_KEY(F) \
  template void ::tessera::detail::launch_reduce_by_key_device<F>(std::int64_t, int, int, const F&, double*);
#define TESSERA_INSTANTIATE_TRANSFORM_REDUCE(T, Op, F) \
  template T ::tessera::detail::launch_transform_reduce_device<T, Op, F>(std::int64_t, T, Op, const F&);
