#pragma once
// zlib streams for the export formats: raw zlib blocks (compressed .vti) and gzip files
// (.nii.gz). Everything works on whole buffers in memory; the files are small enough.
// Errors throw tessera::Error with `where` (the file) and zlib's reason.
#include <cstddef>
#include <string>
#include <string_view>

namespace tessera {

enum class ZlibFormat { Zlib, Gzip };
inline constexpr const char* kZlibFormatNames[] = {"zlib", "gzip"};

// `data` deflated at zlib's default level (6: VTK's and gzip's default too).
std::string zlib_compress(const void* data, std::size_t n_bytes, ZlibFormat format, const std::string& where);

// Inflates `data` (a complete stream of `format`). `expected_bytes` > 0 makes any other
// decompressed size an error; 0 accepts any size up to `max_bytes`.
std::string zlib_decompress(std::string_view data, ZlibFormat format, const std::string& where,
                            std::size_t expected_bytes = 0, std::size_t max_bytes = std::size_t{1} << 36);

// True when `bytes` starts with the gzip magic (1f 8b).
bool is_gzip(std::string_view bytes);

}  // namespace tessera
