#include "engine/tiff_io.h"

#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/number_text.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

// libtiff reads and writes through these callbacks, so the file is assembled in memory and
// handed to PartFile whole (no half-written stacks, the same overwrite rule as the others).
struct MemoryFile {
  std::string bytes;
  std::size_t pos = 0;
  std::string error;  // libtiff's last error message
};

tmsize_t mem_read(thandle_t h, void* buf, tmsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(size), f->bytes.size() - std::min(f->pos, f->bytes.size()));
  if (n > 0) std::memcpy(buf, f->bytes.data() + f->pos, n);
  f->pos += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t mem_write(thandle_t h, void* buf, tmsize_t size) {
  auto* f = static_cast<MemoryFile*>(h);
  const auto n = static_cast<std::size_t>(size);
  if (f->pos + n > f->bytes.size()) f->bytes.resize(f->pos + n);
  std::memcpy(f->bytes.data() + f->pos, buf, n);
  f->pos += n;
  return size;
}

toff_t mem_seek(thandle_t h, toff_t offset, int whence) {
  auto* f = static_cast<MemoryFile*>(h);
  const auto base = whence == SEEK_CUR ? f->pos : (whence == SEEK_END ? f->bytes.size() : 0);
  f->pos = static_cast<std::size_t>(static_cast<std::int64_t>(base) + static_cast<std::int64_t>(offset));
  return f->pos;
}

int mem_close(thandle_t) { return 0; }
toff_t mem_size(thandle_t h) { return static_cast<MemoryFile*>(h)->bytes.size(); }
int mem_map(thandle_t, void**, toff_t*) { return 0; }  // no mapping: libtiff then reads
void mem_unmap(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char* module, const char* format, va_list args) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  static_cast<MemoryFile*>(user)->error = std::string(module ? module : "libtiff") + ": " + text;
  return 1;  // handled: libtiff prints nothing
}
int on_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }  // unknown tags and the like

struct TiffCloser {
  void operator()(TIFF* t) const { TIFFClose(t); }
};
using TiffHandle = std::unique_ptr<TIFF, TiffCloser>;

TiffHandle open_memory(MemoryFile& file, const char* mode) {
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  TIFFOpenOptionsSetErrorHandlerExtR(options, on_error, &file);
  TIFFOpenOptionsSetWarningHandlerExtR(options, on_warning, &file);
  TIFF* tiff = TIFFClientOpenExt("memory", mode, &file, mem_read, mem_write, mem_seek, mem_close, mem_size, mem_map,
                                 mem_unmap, options);
  TIFFOpenOptionsFree(options);
  return TiffHandle(tiff);
}

bool valid_unit(const std::string& unit) {
  if (unit.empty() || unit.size() > 32) return false;
  return std::all_of(unit.begin(), unit.end(), [](char c) { return c > ' ' && c < 127 && c != '='; });
}

}  // namespace

void write_tiff_stack(const fs::path& path, std::span<const float> values, int n_pages, int height, int width,
                      double spacing, const std::string& unit, bool overwrite) {
  const std::string where = "cannot write " + path.string();
  TESSERA_REQUIRE(n_pages >= 1 && height >= 1 && width >= 1, where + ": stack sizes must be at least 1");
  const std::int64_t page_size = static_cast<std::int64_t>(height) * width;
  TESSERA_REQUIRE(static_cast<std::int64_t>(values.size()) == page_size * n_pages,
                  where + ": " + std::to_string(values.size()) + " values for " + std::to_string(n_pages) +
                      " pages of " + std::to_string(height) + " x " + std::to_string(width));
  TESSERA_REQUIRE(page_size * n_pages * 4 < (std::int64_t{1} << 32) - (std::int64_t{1} << 24),
                  where + ": more than 4 GiB; classic TIFF offsets are 32-bit");
  TESSERA_REQUIRE(std::isfinite(spacing) && spacing > 0, where + ": spacing must be positive");
  TESSERA_REQUIRE(valid_unit(unit), where + ": unit '" + unit + "' must be 1-32 printable characters without '='");
  check_can_create(path, overwrite);

  float lo = values[0], hi = values[0];
  for (const float v : values) {
    if (std::isfinite(v)) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  // ImageJ's hyperstack description; min/max set Fiji's initial display range.
  const std::string description = "ImageJ=1.11a\nimages=" + std::to_string(n_pages) + "\nslices=" +
                                  std::to_string(n_pages) + "\nunit=" + unit + "\nspacing=" + format_double(spacing) +
                                  "\nloop=false\nmin=" + format_double(lo) + "\nmax=" + format_double(hi) + "\n";
  MemoryFile file;
  {
    TiffHandle tiff = open_memory(file, "w");
    TESSERA_REQUIRE(tiff != nullptr, where + ": libtiff could not start the file: " + file.error);
    const float resolution = static_cast<float>(1.0 / spacing);
    for (int page = 0; page < n_pages; ++page) {
      TIFF* t = tiff.get();
      TIFFSetField(t, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(width));
      TIFFSetField(t, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(height));
      TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 32);
      TIFFSetField(t, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
      TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
      TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
      TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
      TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
      TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, static_cast<std::uint32_t>(height));
      TIFFSetField(t, TIFFTAG_XRESOLUTION, resolution);
      TIFFSetField(t, TIFFTAG_YRESOLUTION, resolution);
      TIFFSetField(t, TIFFTAG_RESOLUTIONUNIT, RESUNIT_NONE);
      TIFFSetField(t, TIFFTAG_SUBFILETYPE, 0);
      if (page == 0) TIFFSetField(t, TIFFTAG_IMAGEDESCRIPTION, description.c_str());
      const float* data = values.data() + page_size * page;
      // libtiff's API takes non-const buffers; it does not modify uncompressed data.
      const auto n_bytes = static_cast<tmsize_t>(page_size * sizeof(float));
      TESSERA_REQUIRE(TIFFWriteEncodedStrip(t, 0, const_cast<float*>(data), n_bytes) == n_bytes,
                      where + ": libtiff failed on page " + std::to_string(page) + ": " + file.error);
      TESSERA_REQUIRE(TIFFWriteDirectory(t) == 1, where + ": libtiff failed on page " + std::to_string(page) + ": " +
                                                      file.error);
    }
  }  // TIFFClose flushes the last directory into `file`
  PartFile out(path, overwrite);
  out.write(file.bytes);
  out.commit();
}

void write_tiff_stack(const fs::path& path, const Grid& grid, std::span<const float> values, const std::string& unit,
                      bool overwrite) {
  TESSERA_REQUIRE(grid.dim == 3, "cannot write " + path.string() + ": TIFF stacks take 3D grids");
  const double h = grid.spacing(0);
  TESSERA_REQUIRE(std::abs(grid.spacing(1) - h) <= 1e-9 * h && std::abs(grid.spacing(2) - h) <= 1e-9 * h,
                  "cannot write " + path.string() + ": TIFF stacks need an isotropic grid (one spacing)");
  write_tiff_stack(path, values, grid.n[2], grid.n[1], grid.n[0], h, unit, overwrite);
}

TiffStack read_tiff_stack(const fs::path& path) {
  const std::string where = "TIFF file " + path.string();
  MemoryFile file;
  file.bytes = read_file_bytes(path, "TIFF file");
  TiffHandle tiff = open_memory(file, "r");
  TESSERA_REQUIRE(tiff != nullptr, where + ": not a readable TIFF (" + file.error + ")");
  TIFF* t = tiff.get();
  TiffStack stack;
  do {
    std::uint32_t width = 0, height = 0;
    std::uint16_t bits = 0, format = SAMPLEFORMAT_UINT, samples = 1;
    TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &width);
    TIFFGetField(t, TIFFTAG_IMAGELENGTH, &height);
    TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &bits);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLEFORMAT, &format);
    TIFFGetFieldDefaulted(t, TIFFTAG_SAMPLESPERPIXEL, &samples);
    const std::string page = where + ": page " + std::to_string(stack.n_pages);
    TESSERA_REQUIRE(bits == 32 && format == SAMPLEFORMAT_IEEEFP && samples == 1,
                    page + " is not single-channel float32 (" + std::to_string(samples) + " x " +
                        std::to_string(bits) + "-bit)");
    TESSERA_REQUIRE(width >= 1 && height >= 1 && width < (1u << 20) && height < (1u << 20), page + ": bad size");
    if (stack.n_pages == 0) {
      stack.width = static_cast<int>(width);
      stack.height = static_cast<int>(height);
      char* text = nullptr;
      if (TIFFGetField(t, TIFFTAG_IMAGEDESCRIPTION, &text) == 1 && text != nullptr) stack.description = text;
      float resolution = 0;
      if (TIFFGetField(t, TIFFTAG_XRESOLUTION, &resolution) == 1) stack.x_resolution = resolution;
    }
    TESSERA_REQUIRE(static_cast<int>(width) == stack.width && static_cast<int>(height) == stack.height,
                    page + " is " + std::to_string(height) + " x " + std::to_string(width) + ", unlike page 0");
    const std::size_t page_size = static_cast<std::size_t>(width) * height;
    const std::size_t at = stack.values.size();
    stack.values.resize(at + page_size);
    const tsize_t strip_bytes = TIFFStripSize(t);
    std::vector<float> strip(static_cast<std::size_t>(strip_bytes) / sizeof(float) + 1);
    std::size_t filled = 0;
    for (tstrip_t s = 0; s < TIFFNumberOfStrips(t) && filled < page_size; ++s) {
      const tsize_t got = TIFFReadEncodedStrip(t, s, strip.data(), strip_bytes);
      TESSERA_REQUIRE(got > 0, page + ": cannot read strip " + std::to_string(s) + " (" + file.error + ")");
      const std::size_t n = std::min(page_size - filled, static_cast<std::size_t>(got) / sizeof(float));
      std::copy_n(strip.begin(), n, stack.values.begin() + static_cast<std::ptrdiff_t>(at + filled));
      filled += n;
    }
    TESSERA_REQUIRE(filled == page_size, page + " is truncated");
    ++stack.n_pages;
  } while (TIFFReadDirectory(t) == 1);
  // A directory chain that ends in a damaged or missing directory is a cut file, not a
  // shorter stack.
  TESSERA_REQUIRE(file.error.empty(), where + ": damaged or truncated after page " + std::to_string(stack.n_pages - 1) +
                                          " (" + file.error + ")");
  return stack;
}

}  // namespace tessera
