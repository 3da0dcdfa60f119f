#include "engine/error.h"

namespace tessera {

CudaError::CudaError(const std::string& call, const std::string& reason, const char* file, int line)
    : Error("CUDA call `" + call + "` failed: " + reason + " (" + file + ":" + std::to_string(line) + ")") {}

void throw_error(const std::string& message) { throw Error(message); }

}  // namespace tessera
