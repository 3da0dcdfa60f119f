#include "engine/compression.h"

#include <zlib.h>

#include <algorithm>
#include <limits>

#include "engine/error.h"

namespace tessera {

namespace {

// zlib's window bits: 15 (32 KiB window), +16 for a gzip wrapper instead of zlib's.
int window_bits(ZlibFormat format) { return format == ZlibFormat::Gzip ? 15 + 16 : 15; }

std::string zlib_reason(const z_stream& stream, int code) {
  if (stream.msg != nullptr) return stream.msg;
  return "zlib error " + std::to_string(code);
}

// Ends an inflate stream however the function leaves: an exception thrown while the
// output grows (std::bad_alloc) would otherwise leak zlib's 7 KB state.
struct InflateEnd {
  z_stream& stream;
  ~InflateEnd() { inflateEnd(&stream); }
};

// zlib counts in uInt (32 bits); larger buffers are fed in pieces.
constexpr std::size_t kChunk = std::size_t{1} << 30;

}  // namespace

bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string zlib_compress(const void* data, std::size_t n_bytes, ZlibFormat format, const std::string& where) {
  z_stream stream{};
  int code = deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, window_bits(format), 8, Z_DEFAULT_STRATEGY);
  TESSERA_REQUIRE(code == Z_OK, where + ": cannot start " + kZlibFormatNames[static_cast<int>(format)] +
                                    " compression: " + zlib_reason(stream, code));
  std::string out(deflateBound(&stream, static_cast<uLong>(std::min(n_bytes, kChunk))) + 64, '\0');
  const auto* in = static_cast<const Bytef*>(data);
  std::size_t consumed = 0;
  do {
    const std::size_t piece = std::min(kChunk, n_bytes - consumed);
    stream.next_in = const_cast<Bytef*>(in + consumed);  // zlib's API is not const-correct
    stream.avail_in = static_cast<uInt>(piece);
    consumed += piece;
    const int flush = consumed == n_bytes ? Z_FINISH : Z_NO_FLUSH;
    do {
      if (stream.total_out == out.size()) out.resize(out.size() * 2);
      const std::size_t room = std::min(out.size() - stream.total_out, kChunk);
      stream.next_out = reinterpret_cast<Bytef*>(out.data() + stream.total_out);
      stream.avail_out = static_cast<uInt>(room);
      code = deflate(&stream, flush);
    } while (stream.avail_out == 0 || (flush == Z_FINISH && code == Z_OK));
  } while (consumed < n_bytes);
  const std::size_t size = stream.total_out;
  deflateEnd(&stream);
  TESSERA_REQUIRE(code == Z_STREAM_END, where + ": compression failed: " + zlib_reason(stream, code));
  out.resize(size);
  return out;
}

std::string zlib_decompress(std::string_view data, ZlibFormat format, const std::string& where,
                            std::size_t expected_bytes, std::size_t max_bytes) {
  const char* name = kZlibFormatNames[static_cast<int>(format)];
  z_stream stream{};
  int code = inflateInit2(&stream, window_bits(format));
  TESSERA_REQUIRE(code == Z_OK, where + ": cannot start " + std::string(name) + " decompression");
  const InflateEnd end{stream};
  std::string out(expected_bytes > 0 ? expected_bytes : std::max<std::size_t>(data.size() * 4, 4096), '\0');
  std::size_t consumed = 0;
  code = Z_OK;
  while (code != Z_STREAM_END) {
    if (stream.avail_in == 0) {
      const std::size_t piece = std::min(kChunk, data.size() - consumed);
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data() + consumed));
      stream.avail_in = static_cast<uInt>(piece);
      consumed += piece;
    }
    if (stream.total_out == out.size()) {
      if (out.size() >= max_bytes || expected_bytes > 0) {
        // One more byte decides: a stream longer than expected is an error, an exact one ends.
        char probe = 0;
        stream.next_out = reinterpret_cast<Bytef*>(&probe);
        stream.avail_out = 1;
        code = inflate(&stream, Z_NO_FLUSH);
        if (code == Z_STREAM_END && stream.total_out == out.size()) break;
        throw Error(where + ": " + name + " data inflates to more than " + std::to_string(out.size()) + " bytes");
      }
      out.resize(std::min(out.size() * 2, max_bytes));
    }
    stream.next_out = reinterpret_cast<Bytef*>(out.data() + stream.total_out);
    stream.avail_out = static_cast<uInt>(std::min(out.size() - stream.total_out, kChunk));
    code = inflate(&stream, Z_NO_FLUSH);
    if (code == Z_BUF_ERROR && stream.avail_in == 0 && consumed == data.size())
      throw Error(where + ": " + name + " data is truncated");
    if (code != Z_OK && code != Z_STREAM_END && code != Z_BUF_ERROR)
      throw Error(where + ": " + name + " data is corrupt (" + zlib_reason(stream, code) + ")");
  }
  const std::size_t size = stream.total_out;
  TESSERA_REQUIRE(expected_bytes == 0 || size == expected_bytes,
                  where + ": " + name + " data inflates to " + std::to_string(size) + " bytes, expected " +
                      std::to_string(expected_bytes));
  out.resize(size);
  return out;
}

}  // namespace tessera
