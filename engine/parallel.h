#pragma once
// One kernel body, two launches. A kernel is a host-device functor; the CPU runs
// it in an OpenMP loop, the GPU in a CUDA grid. Modules call these dispatchers
// from their .cpp; their .cu file instantiates the device launches with
// TESSERA_INSTANTIATE_* (engine/parallel_cuda.cuh), so CUDA code stays thin.
//
//   parallel_for(exec, n, f)                      f(i) for i in [0, n)
//   reduce_by_key(exec, n, n_keys, n_ch, f, out)  f(i, emit) calls emit.add(key, ch, value);
//                                                 out[key * n_ch + ch] = sum of values
//   transform_reduce(exec, n, init, op, f)        op-fold of f(i) over [0, n)
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "engine/backend.h"
#include "engine/buffer.h"
#include "engine/error.h"
#include "engine/host_device.h"

namespace tessera {

// ---- reduction operators (host-device) -----------------------------------------
struct SumOp {
  template <class T>
  TESSERA_HD T operator()(const T& a, const T& b) const { return a + b; }
};
struct MaxOp {
  template <class T>
  TESSERA_HD T operator()(const T& a, const T& b) const { return a < b ? b : a; }
};
struct MinOp {
  template <class T>
  TESSERA_HD T operator()(const T& a, const T& b) const { return b < a ? b : a; }
};

// Accumulator handed to reduce_by_key functors on the CPU (a thread-private row).
struct HostEmitter {
  double* sums;
  int n_channels;
  TESSERA_HD void add(int key, int channel, double value) const { sums[key * n_channels + channel] += value; }
};

namespace detail {
// Defined in engine/parallel_cuda.cuh and instantiated by each module's .cu file.
template <class F>
void launch_for_device(std::int64_t n, const F& f);
template <class F>
void launch_reduce_by_key_device(std::int64_t n, int n_keys, int n_channels, const F& f, double* out_device);
template <class T, class Op, class F>
T launch_transform_reduce_device(std::int64_t n, T init, Op op, const F& f);

[[noreturn]] inline void no_cuda_backend() {
  throw_error("a CUDA kernel was requested, but this build has no CUDA backend");
}
}  // namespace detail

// ---- CPU launches ----------------------------------------------------------------
template <class F>
void parallel_for_host(std::int64_t n, const F& f) {
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) f(i);
}

template <class F>
void reduce_by_key_host(std::int64_t n, int n_keys, int n_channels, const F& f, double* out) {
  const std::size_t width = static_cast<std::size_t>(n_keys) * n_channels;
  const int n_threads = omp_get_max_threads();
  // Thread-private rows, summed in thread order: deterministic for a fixed thread count.
  std::vector<double> partial(width * n_threads, 0.0);
#pragma omp parallel num_threads(n_threads)
  {
    const HostEmitter emit{partial.data() + width * omp_get_thread_num(), n_channels};
#pragma omp for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) f(i, emit);
  }
  std::fill(out, out + width, 0.0);
  for (int t = 0; t < n_threads; ++t)
    for (std::size_t k = 0; k < width; ++k) out[k] += partial[width * t + k];
}

template <class T, class Op, class F>
T transform_reduce_host(std::int64_t n, T init, Op op, const F& f) {
  const int n_threads = omp_get_max_threads();
  std::vector<T> partial(n_threads, init);
#pragma omp parallel num_threads(n_threads)
  {
    T acc = init;
#pragma omp for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) acc = op(acc, f(i));
    partial[omp_get_thread_num()] = acc;
  }
  T result = init;
  for (const T& p : partial) result = op(result, p);
  return result;
}

// ---- dispatch ----------------------------------------------------------------------
template <class F>
void parallel_for(const Exec& exec, std::int64_t n, const F& f) {
  if (n <= 0) return;
  if (exec.is_cuda()) {
#if TESSERA_WITH_CUDA
    detail::launch_for_device(n, f);
#else
    detail::no_cuda_backend();
#endif
    return;
  }
  parallel_for_host(n, f);
}

// `out` is resized to n_keys * n_channels and holds the sums on the host afterwards.
template <class F>
void reduce_by_key(const Exec& exec, std::int64_t n, int n_keys, int n_channels, const F& f, Mirrored<double>& out) {
  out.resize(static_cast<std::size_t>(n_keys) * n_channels);
  if (exec.is_cuda()) {
#if TESSERA_WITH_CUDA
    detail::launch_reduce_by_key_device(n, n_keys, n_channels, f, out.data(exec));
    out.download(exec);
#else
    detail::no_cuda_backend();
#endif
    return;
  }
  reduce_by_key_host(n, n_keys, n_channels, f, out.host().data());
}

template <class T, class Op, class F>
T transform_reduce(const Exec& exec, std::int64_t n, T init, Op op, const F& f) {
  if (n <= 0) return init;
  if (exec.is_cuda()) {
#if TESSERA_WITH_CUDA
    return detail::launch_transform_reduce_device(n, init, op, f);
#else
    detail::no_cuda_backend();
#endif
  }
  return transform_reduce_host(n, init, op, f);
}

}  // namespace tessera
