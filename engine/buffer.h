#pragma once
// Typed buffers with explicit transfers.
//   DeviceArray<T> — device memory only (RAII, move-only).
//   Mirrored<T>    — a host std::vector plus, on the CUDA backend, a device copy.
//                    upload()/download() move data explicitly; data(backend)
//                    returns the pointer kernels on that backend may use. On the
//                    CPU backend the host vector *is* the data, so no copies happen.
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/backend.h"
#include "engine/device_memory.h"

namespace tessera {

template <class T>
class DeviceArray {
  static_assert(std::is_trivially_copyable_v<T>, "device buffers hold trivially copyable types");

 public:
  DeviceArray() = default;
  explicit DeviceArray(std::size_t n) { resize(n); }
  ~DeviceArray() { device::release(m_data); }
  DeviceArray(const DeviceArray&) = delete;
  DeviceArray& operator=(const DeviceArray&) = delete;
  DeviceArray(DeviceArray&& other) noexcept
      : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}
  DeviceArray& operator=(DeviceArray&& other) noexcept {
    if (this != &other) {
      device::release(m_data);
      m_data = std::exchange(other.m_data, nullptr);
      m_size = std::exchange(other.m_size, 0);
    }
    return *this;
  }

  // Reallocates only when the size changes; contents are then undefined.
  void resize(std::size_t n) {
    if (n == m_size) return;
    device::release(m_data);
    m_data = nullptr;
    m_size = 0;
    m_data = static_cast<T*>(device::allocate(n * sizeof(T)));
    m_size = n;
  }
  void upload(const T* host, std::size_t n) {
    resize(n);
    device::copy_to_device(m_data, host, n * sizeof(T));
  }
  void download(T* host, std::size_t n) const { device::copy_to_host(host, m_data, n * sizeof(T)); }
  void zero() { device::fill_zero(m_data, m_size * sizeof(T)); }

  T* data() { return m_data; }
  const T* data() const { return m_data; }
  std::size_t size() const { return m_size; }

 private:
  T* m_data = nullptr;
  std::size_t m_size = 0;
};

template <class T>
class Mirrored {
 public:
  Mirrored() = default;
  explicit Mirrored(std::size_t n, const T& value = T{}) : m_host(n, value) {}
  explicit Mirrored(std::vector<T> host) : m_host(std::move(host)) {}
  // Copies carry the host data only; the copy's device side is filled by its own upload().
  Mirrored(const Mirrored& other) : m_host(other.m_host) {}
  Mirrored& operator=(const Mirrored& other) {
    if (this != &other) m_host = other.m_host;
    return *this;
  }
  Mirrored(Mirrored&&) noexcept = default;
  Mirrored& operator=(Mirrored&&) noexcept = default;

  std::vector<T>& host() { return m_host; }
  const std::vector<T>& host() const { return m_host; }
  std::size_t size() const { return m_host.size(); }
  void resize(std::size_t n, const T& value = T{}) { m_host.resize(n, value); }

  // Pointer valid for kernels on `backend`. For CUDA the device copy is
  // (re)allocated to the host size but NOT filled: call upload() first when
  // the kernel reads it.
  T* data(Backend backend) {
    if (backend == Backend::Cpu) return m_host.data();
    m_device.resize(m_host.size());
    return m_device.data();
  }
  T* data(const Exec& exec) { return data(exec.backend); }
  // The device copy as it stands, without (re)allocating: nullptr on the CPU backend or
  // before the first upload() / data(Backend::Cuda). Valid until the next resize of the
  // device copy (data(), upload()) or the destruction of this object.
  const T* device_data() const { return m_device.data(); }

  // Host -> device (no-op on the CPU backend).
  void upload(const Exec& exec) {
    if (exec.is_cuda()) m_device.upload(m_host.data(), m_host.size());
  }
  // Device -> host (no-op on the CPU backend).
  void download(const Exec& exec) {
    if (exec.is_cuda()) m_device.download(m_host.data(), m_host.size());
  }

 private:
  std::vector<T> m_host;
  DeviceArray<T> m_device;
};

}  // namespace tessera
