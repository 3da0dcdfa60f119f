#pragma once
// Backend choice (CPU or CUDA), device query and the execution context that
// every kernel launch receives.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tessera {

enum class Backend { Cpu, Cuda };
enum class BackendChoice { Auto, Cpu, Cuda };

inline constexpr std::array<std::string_view, 2> kBackendNames = {"cpu", "cuda"};
inline constexpr std::array<std::string_view, 3> kBackendChoiceNames = {"auto", "cpu", "cuda"};

std::string_view backend_name(Backend backend);
std::optional<BackendChoice> parse_backend_choice(std::string_view text);

// What the CUDA runtime reports about device 0. `available` is false when the
// binary was built without CUDA, when no driver is installed or no device exists;
// `reason` then says which.
struct DeviceInfo {
  bool available = false;
  std::string name;
  std::string reason;
  int compute_major = 0;
  int compute_minor = 0;
  int multiprocessor_count = 0;
  std::size_t memory_bytes = 0;
};

bool cuda_compiled();
const DeviceInfo& cuda_device_info();  // queried once, then cached

// Auto picks CUDA when a device exists, else the CPU with one log line.
// Cuda throws tessera::Error naming the reason when no device can be used.
Backend resolve_backend(BackendChoice choice);

int cpu_thread_count();  // OpenMP threads used by CPU kernels

// Execution context handed to kernels and solvers.
struct Exec {
  Backend backend = Backend::Cpu;
  bool is_cuda() const { return backend == Backend::Cuda; }
  void synchronize() const;  // waits for queued device work (no-op on the CPU)
};

// One line describing the backend, for the UI and logs.
std::string describe(const Exec& exec);

}  // namespace tessera
