#pragma once
// Errors by layer: library code throws tessera::Error (or CudaError) with a
// message that names what is wrong; `main` catches, logs one line and exits
// non-zero. Only destructors log instead of throwing.
#include <stdexcept>
#include <string>

namespace tessera {

// A user-facing error: bad input, impossible parameters, unwritable paths.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A failed CUDA runtime call, with file, line and the call's text.
class CudaError : public Error {
 public:
  CudaError(const std::string& call, const std::string& reason, const char* file, int line);
};

[[noreturn]] void throw_error(const std::string& message);

}  // namespace tessera

// Throws tessera::Error with `message` when `cond` is false.
#define TESSERA_REQUIRE(cond, message)          \
  do {                                          \
    if (!(cond)) ::tessera::throw_error(message); \
  } while (0)
