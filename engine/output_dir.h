#pragma once
// Output folders for exports: never overwrite earlier output silently.
#include <filesystem>

namespace tessera {

// Creates `dir` (and parents) and checks that a file can be written in it.
// An existing, non-empty folder is refused unless `overwrite` is true.
// Throws tessera::Error with a message naming the folder and the reason.
void prepare_output_dir(const std::filesystem::path& dir, bool overwrite);

}  // namespace tessera
