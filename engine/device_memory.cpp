#include "engine/device_memory.h"

#include "engine/error.h"
#include "engine/log.h"

#if TESSERA_WITH_CUDA
#include "engine/cuda_check.h"
#endif

namespace tessera::device {

#if TESSERA_WITH_CUDA

void* allocate(std::size_t bytes) {
  void* ptr = nullptr;
  if (bytes > 0) TESSERA_CUDA_CHECK(cudaMalloc(&ptr, bytes));
  return ptr;
}

void release(void* ptr) noexcept {
  if (ptr == nullptr) return;
  const cudaError_t status = cudaFree(ptr);
  if (status != cudaSuccess) log::error("cudaFree failed: {}", cudaGetErrorString(status));
}

void copy_to_device(void* dst, const void* src, std::size_t bytes) {
  if (bytes > 0) TESSERA_CUDA_CHECK(cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice));
}

void copy_to_host(void* dst, const void* src, std::size_t bytes) {
  if (bytes > 0) TESSERA_CUDA_CHECK(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost));
}

void copy_on_device(void* dst, const void* src, std::size_t bytes) {
  if (bytes > 0) TESSERA_CUDA_CHECK(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToDevice));
}

void fill_zero(void* dst, std::size_t bytes) {
  if (bytes > 0) TESSERA_CUDA_CHECK(cudaMemset(dst, 0, bytes));
}

#else

namespace {
[[noreturn]] void no_cuda() { throw_error("device memory requested, but this build has no CUDA backend"); }
}  // namespace

void* allocate(std::size_t) { no_cuda(); }
void release(void*) noexcept {}
void copy_to_device(void*, const void*, std::size_t) { no_cuda(); }
void copy_to_host(void*, const void*, std::size_t) { no_cuda(); }
void copy_on_device(void*, const void*, std::size_t) { no_cuda(); }
void fill_zero(void*, std::size_t) { no_cuda(); }

#endif

}  // namespace tessera::device
