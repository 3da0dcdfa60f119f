#include "engine/backend.h"

#include <omp.h>

#include "engine/error.h"
#include "engine/log.h"

#if TESSERA_WITH_CUDA
#include "engine/cuda_check.h"
#endif

namespace tessera {

std::string_view backend_name(Backend backend) { return kBackendNames[static_cast<int>(backend)]; }

std::optional<BackendChoice> parse_backend_choice(std::string_view text) {
  for (std::size_t i = 0; i < kBackendChoiceNames.size(); ++i)
    if (kBackendChoiceNames[i] == text) return static_cast<BackendChoice>(i);
  return std::nullopt;
}

bool cuda_compiled() { return TESSERA_WITH_CUDA != 0; }

namespace {

DeviceInfo query_device() {
  DeviceInfo info;
#if TESSERA_WITH_CUDA
  int count = 0;
  const cudaError_t status = cudaGetDeviceCount(&count);
  if (status != cudaSuccess) {
    info.reason = cudaGetErrorString(status);
    cudaGetLastError();  // clear the sticky error so later calls are not confused
    return info;
  }
  if (count == 0) {
    info.reason = "no CUDA device found";
    return info;
  }
  cudaDeviceProp prop{};
  TESSERA_CUDA_CHECK(cudaGetDeviceProperties(&prop, 0));
  info.available = true;
  info.name = prop.name;
  info.compute_major = prop.major;
  info.compute_minor = prop.minor;
  info.multiprocessor_count = prop.multiProcessorCount;
  info.memory_bytes = prop.totalGlobalMem;
#else
  info.reason = "this build has no CUDA backend (configured with TESSERA_CUDA=OFF or without nvcc)";
#endif
  return info;
}

}  // namespace

const DeviceInfo& cuda_device_info() {
  static const DeviceInfo info = query_device();
  return info;
}

Backend resolve_backend(BackendChoice choice) {
  switch (choice) {
    case BackendChoice::Cpu:
      return Backend::Cpu;
    case BackendChoice::Cuda: {
      const DeviceInfo& info = cuda_device_info();
      TESSERA_REQUIRE(info.available, "--backend cuda: no usable CUDA device (" + info.reason + ")");
      return Backend::Cuda;
    }
    case BackendChoice::Auto:
      break;
  }
  const DeviceInfo& info = cuda_device_info();
  if (info.available) return Backend::Cuda;
  log::info("No CUDA device ({}); running on the CPU with {} threads.", info.reason, cpu_thread_count());
  return Backend::Cpu;
}

int cpu_thread_count() { return omp_get_max_threads(); }

void Exec::synchronize() const {
#if TESSERA_WITH_CUDA
  if (is_cuda()) TESSERA_CUDA_CHECK(cudaDeviceSynchronize());
#endif
}

std::string describe(const Exec& exec) {
  if (!exec.is_cuda()) return "CPU (" + std::to_string(cpu_thread_count()) + " threads)";
  const DeviceInfo& info = cuda_device_info();
  return "CUDA (" + info.name + ", sm_" + std::to_string(info.compute_major) +
         std::to_string(info.compute_minor) + ")";
}

}  // namespace tessera
