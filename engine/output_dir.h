#pragma once
// Output folders for exports: never overwrite earlier output silently.
#include <cstdint>
#include <filesystem>
#include <string>

namespace tessera {

// Creates `dir` (and parents) and checks that a file can be written in it.
// An existing, non-empty folder is refused unless `overwrite` is true.
// Throws tessera::Error with a message naming the folder and the reason.
void prepare_output_dir(const std::filesystem::path& dir, bool overwrite);

// "`prefix`_NNNNNN.`extension`" (n zero-padded to 6 digits): the names of numbered frames
// and grids in an output folder, so that they sort in order.
std::string numbered_file(const std::string& prefix, std::int64_t n, const std::string& extension);

// `folder`/`stem`_NNNN`extension` (or `stem`_NNNN as a folder when `extension` is empty)
// with the smallest NNNN >= 1 that does not exist yet; creates `folder`. Never returns an
// existing path. Throws tessera::Error when `folder` cannot be created.
std::filesystem::path next_free_path(const std::filesystem::path& folder, const std::string& stem,
                                     const std::string& extension);

}  // namespace tessera
