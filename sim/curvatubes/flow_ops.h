#pragma once
// Dispatchers of the conservative flow's two field passes (ref. 4.9 steps 1 and 6-7):
// the divergence raw = (div A)/h + M0 and Adam fused with the divergence transpose.
// CUDA runs the per-voxel bodies of operators.h / adam.h; the CPU runs row loops
// whose inner y loop vectorises.
#include "engine/backend.h"
#include "sim/curvatubes/adam.h"
#include "sim/curvatubes/operators.h"

namespace tessera::curvatubes {

// raw = (div A)/h + M0 (m0_field per voxel when non-null), periodic. Backend pointers.
template <class T>
void divergence(const Exec& exec, const Shape& shape, const T* a, T* raw, T inv_2h, T m0, const T* m0_field);

// gA = div^T b / h (ref. 4.4), then one Adam update of A (3N, component-major).
template <class T>
void adam_cons(const Exec& exec, const Shape& shape, T* a, T* m, T* v, const T* b, T inv_2h, const AdamStep<T>& step);

}  // namespace tessera::curvatubes
