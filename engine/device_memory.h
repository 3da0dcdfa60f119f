#pragma once
// Raw device memory operations. In a CPU-only build they throw tessera::Error,
// so callers never need an #if; code only reaches them on Backend::Cuda.
#include <cstddef>

namespace tessera::device {

void* allocate(std::size_t bytes);
void release(void* ptr) noexcept;  // logs (never throws) on failure: used by destructors
void copy_to_device(void* dst, const void* src, std::size_t bytes);
void copy_to_host(void* dst, const void* src, std::size_t bytes);
void copy_on_device(void* dst, const void* src, std::size_t bytes);
void fill_zero(void* dst, std::size_t bytes);

}  // namespace tessera::device
