#include "engine/nifti_io.h"

#include <cmath>
#include <cstring>

#include "engine/compression.h"
#include "engine/error.h"
#include "engine/file_output.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

// NIfTI-1 header: byte offsets of the fields we write or read (nifti1.h, public spec).
constexpr std::size_t kHeaderBytes = 348;
constexpr std::size_t kVoxOffset = 352;  // header + the 4-byte extension flag (all zero)
constexpr std::size_t kOffDim = 40, kOffDatatype = 70, kOffBitpix = 72, kOffPixdim = 76, kOffVoxOffset = 108;
constexpr std::size_t kOffSclSlope = 112, kOffSclInter = 116, kOffXyztUnits = 123, kOffDescrip = 148;
constexpr std::size_t kOffQformCode = 252, kOffSformCode = 254, kOffSrow = 280, kOffMagic = 344;

// NIfTI datatype codes, indexed like VoxelType (Int32, Float64, UInt8, Float32).
constexpr std::int16_t kDatatypes[] = {8, 64, 2, 16};

template <class T>
void put(std::string& h, std::size_t offset, T value) {
  std::memcpy(h.data() + offset, &value, sizeof value);
}

template <class T>
T get(const std::string& h, std::size_t offset) {
  T value{};
  std::memcpy(&value, h.data() + offset, sizeof value);
  return value;
}

bool is_gz_path(const fs::path& path) { return path.extension() == ".gz"; }

}  // namespace

void write_nifti(const fs::path& path, const NiftiWrite& volume, bool overwrite) {
  const std::string where = "cannot write " + path.string();
  double total = 1;
  for (int a = 0; a < 3; ++a) {
    TESSERA_REQUIRE(volume.n[a] >= 1 && volume.n[a] <= 32767,
                    where + ": NIfTI-1 sizes must be 1-32767 per axis (16-bit dim)");
    TESSERA_REQUIRE(std::isfinite(volume.spacing[a]) && volume.spacing[a] > 0, where + ": spacing must be positive");
    total *= volume.n[a];
  }
  TESSERA_REQUIRE(static_cast<double>(voxel_count(volume.values)) == total,
                  where + ": " + std::to_string(voxel_count(volume.values)) + " values for a volume of " +
                      std::to_string(static_cast<std::int64_t>(total)));
  const VoxelType type = voxel_type(volume.values);

  std::string header(kVoxOffset, '\0');
  put<std::int32_t>(header, 0, static_cast<std::int32_t>(kHeaderBytes));
  header[38] = 'r';  // `regular`, kept for old ANALYZE readers
  const std::int16_t dim[8] = {3, static_cast<std::int16_t>(volume.n[0]), static_cast<std::int16_t>(volume.n[1]),
                               static_cast<std::int16_t>(volume.n[2]), 1, 1, 1, 1};
  std::memcpy(header.data() + kOffDim, dim, sizeof dim);
  put<std::int16_t>(header, kOffDatatype, kDatatypes[static_cast<int>(type)]);
  put<std::int16_t>(header, kOffBitpix, static_cast<std::int16_t>(8 * voxel_type_size(type)));
  // pixdim[0] is qfac (+1: right-handed); unused axes get 1.
  const float pixdim[8] = {1, static_cast<float>(volume.spacing[0]), static_cast<float>(volume.spacing[1]),
                           static_cast<float>(volume.spacing[2]), 1, 1, 1, 1};
  std::memcpy(header.data() + kOffPixdim, pixdim, sizeof pixdim);
  put<float>(header, kOffVoxOffset, static_cast<float>(kVoxOffset));
  put<float>(header, kOffSclSlope, 1.0f);
  put<float>(header, kOffSclInter, 0.0f);
  header[kOffXyztUnits] = 0;  // box units: NIfTI names only metres, mm and microns
  std::memcpy(header.data() + kOffDescrip, volume.description.data(), std::min<std::size_t>(volume.description.size(), 79));
  put<std::int16_t>(header, kOffQformCode, 0);
  put<std::int16_t>(header, kOffSformCode, 2);
  for (int r = 0; r < 3; ++r) {
    float row[4] = {0, 0, 0, static_cast<float>(volume.origin[r])};
    row[r] = static_cast<float>(volume.spacing[r]);
    std::memcpy(header.data() + kOffSrow + 16 * r, row, sizeof row);
  }
  std::memcpy(header.data() + kOffMagic, "n+1", 4);  // with its terminating zero

  const std::size_t n_bytes = voxel_count(volume.values) * voxel_type_size(type);
  PartFile file(path, overwrite);
  if (is_gz_path(path)) {
    std::string whole = header;
    whole.append(static_cast<const char*>(voxel_bytes(volume.values)), n_bytes);
    file.write(zlib_compress(whole.data(), whole.size(), ZlibFormat::Gzip, path.string()));
  } else {
    file.write(header);
    file.write(voxel_bytes(volume.values), n_bytes);
  }
  file.commit();
}

void write_nifti_zxy(const fs::path& path, std::span<const float> u, int n_z, int n_x, int n_y, double h,
                     bool overwrite) {
  const std::int64_t n = static_cast<std::int64_t>(n_z) * n_x * n_y;
  TESSERA_REQUIRE(n_z >= 1 && n_x >= 1 && n_y >= 1 && static_cast<std::int64_t>(u.size()) == n,
                  "cannot write " + path.string() + ": " + std::to_string(u.size()) + " values for a (Z, X, Y) = (" +
                      std::to_string(n_z) + ", " + std::to_string(n_x) + ", " + std::to_string(n_y) + ") field");
  // NIfTI wants its first axis (Z) fastest: the transpose of numpy's C order.
  std::vector<float> transposed(u.size());
  for (int z = 0; z < n_z; ++z) {
    for (int x = 0; x < n_x; ++x) {
      for (int y = 0; y < n_y; ++y) {
        const std::int64_t c_index = y + static_cast<std::int64_t>(n_y) * (x + static_cast<std::int64_t>(n_x) * z);
        transposed[z + static_cast<std::int64_t>(n_z) * (x + static_cast<std::int64_t>(n_x) * y)] = u[c_index];
      }
    }
  }
  NiftiWrite volume;
  volume.n[0] = n_z;
  volume.n[1] = n_x;
  volume.n[2] = n_y;
  for (double& s : volume.spacing) s = h;
  volume.values = std::span<const float>(transposed);
  volume.description = "Tessera field u(z, x, y)";
  write_nifti(path, volume, overwrite);
}

std::vector<float> read_nifti_zxy(const fs::path& path, int n_zxy[3], double* h) {
  const NiftiVolume v = read_nifti(path);
  std::vector<float> first_fastest;
  if (const auto* f = std::get_if<std::vector<float>>(&v.values)) {
    first_fastest = *f;
  } else if (const auto* d = std::get_if<std::vector<double>>(&v.values)) {
    first_fastest.assign(d->begin(), d->end());
  } else {
    throw Error("NIfTI file " + path.string() + ": holds " + kVoxelTypeNames[v.values.index()] +
                " values, not a float field");
  }
  const int nz = v.n[0], nx = v.n[1], ny = v.n[2];
  std::vector<float> u(first_fastest.size());
  for (int z = 0; z < nz; ++z) {
    for (int x = 0; x < nx; ++x) {
      for (int y = 0; y < ny; ++y) {
        u[y + static_cast<std::int64_t>(ny) * (x + static_cast<std::int64_t>(nx) * z)] =
            first_fastest[z + static_cast<std::int64_t>(nz) * (x + static_cast<std::int64_t>(nx) * y)];
      }
    }
  }
  n_zxy[0] = nz;
  n_zxy[1] = nx;
  n_zxy[2] = ny;
  if (h != nullptr) *h = v.spacing[0];
  return u;
}

void write_nifti(const fs::path& path, const Grid& grid, const VoxelField& field, bool overwrite) {
  TESSERA_REQUIRE(grid.dim == 3, "cannot write " + path.string() + ": NIfTI export takes 3D grids");
  NiftiWrite volume;
  const Vec3 first = grid.center(0, 0, 0);
  for (int a = 0; a < 3; ++a) {
    volume.n[a] = grid.n[a];
    volume.spacing[a] = grid.spacing(a);
    volume.origin[a] = first[a];
  }
  volume.values = field.values;
  volume.description = "Tessera grid: " + field.name;
  write_nifti(path, volume, overwrite);
}

NiftiVolume read_nifti(const fs::path& path) {
  std::string bytes = read_file_bytes(path, "NIfTI file");
  const std::string where = "NIfTI file " + path.string();
  if (is_gzip(bytes)) bytes = zlib_decompress(bytes, ZlibFormat::Gzip, where);
  TESSERA_REQUIRE(bytes.size() >= kHeaderBytes, where + ": shorter than the 348-byte NIfTI-1 header");
  const auto sizeof_hdr = get<std::int32_t>(bytes, 0);
  if (sizeof_hdr != static_cast<std::int32_t>(kHeaderBytes)) {
    TESSERA_REQUIRE(sizeof_hdr != 0x5C010000, where + ": big-endian NIfTI files are not supported");
    throw Error(where + ": sizeof_hdr is " + std::to_string(sizeof_hdr) + ", not 348 (not a NIfTI-1 file)");
  }
  TESSERA_REQUIRE(std::memcmp(bytes.data() + kOffMagic, "n+1", 4) == 0,
                  where + ": magic is not \"n+1\" (a .hdr/.img pair or NIfTI-2 is not supported)");
  std::int16_t dim[8];
  std::memcpy(dim, bytes.data() + kOffDim, sizeof dim);
  TESSERA_REQUIRE(dim[0] >= 1 && dim[0] <= 7, where + ": dim[0] = " + std::to_string(dim[0]) + " is out of range");
  for (int a = 4; a <= dim[0]; ++a) {
    TESSERA_REQUIRE(dim[a] == 1, where + ": only 3D volumes are supported (dim[" + std::to_string(a) + "] = " +
                                     std::to_string(dim[a]) + ")");
  }
  NiftiVolume v;
  for (int a = 0; a < 3; ++a) {
    v.n[a] = a < dim[0] ? dim[a + 1] : 1;
    TESSERA_REQUIRE(v.n[a] >= 1, where + ": dim[" + std::to_string(a + 1) + "] must be at least 1");
  }
  float pixdim[8];
  std::memcpy(pixdim, bytes.data() + kOffPixdim, sizeof pixdim);
  for (int a = 0; a < 3; ++a) v.spacing[a] = pixdim[a + 1] > 0 ? pixdim[a + 1] : 1.0;
  const auto datatype = get<std::int16_t>(bytes, kOffDatatype);
  int type_index = -1;
  for (int t = 0; t < kVoxelTypeCount; ++t) {
    if (kDatatypes[t] == datatype) type_index = t;
  }
  TESSERA_REQUIRE(type_index >= 0, where + ": datatype " + std::to_string(datatype) +
                                       " is not supported (2 uint8, 8 int32, 16 float32, 64 float64)");
  const auto type = static_cast<VoxelType>(type_index);
  TESSERA_REQUIRE(get<std::int16_t>(bytes, kOffBitpix) == static_cast<std::int16_t>(8 * voxel_type_size(type)),
                  where + ": bitpix does not match datatype " + std::to_string(datatype));
  const float vox_offset = get<float>(bytes, kOffVoxOffset);
  TESSERA_REQUIRE(vox_offset >= static_cast<float>(kHeaderBytes) && vox_offset == std::floor(vox_offset),
                  where + ": bad vox_offset");
  // Compared as a float first: casting 1e30 (or inf) to size_t is undefined.
  TESSERA_REQUIRE(vox_offset <= static_cast<float>(bytes.size()),
                  where + ": vox_offset " + std::to_string(vox_offset) + " lies past the end of the data (truncated?)");
  v.scl_slope = get<float>(bytes, kOffSclSlope);
  v.scl_inter = get<float>(bytes, kOffSclInter);
  v.qform_code = get<std::int16_t>(bytes, kOffQformCode);
  v.sform_code = get<std::int16_t>(bytes, kOffSformCode);
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 4; ++c) v.srow[r][c] = get<float>(bytes, kOffSrow + 16 * r + 4 * c);
  }
  v.description.assign(bytes.data() + kOffDescrip, strnlen(bytes.data() + kOffDescrip, 80));

  const std::int64_t n_points = static_cast<std::int64_t>(v.n[0]) * v.n[1] * v.n[2];
  const auto data_start = static_cast<std::size_t>(vox_offset);
  const std::uint64_t expected = static_cast<std::uint64_t>(n_points) * voxel_type_size(type);
  TESSERA_REQUIRE(bytes.size() >= data_start && bytes.size() - data_start >= expected,
                  where + ": data is " + std::to_string(bytes.size() > data_start ? bytes.size() - data_start : 0) +
                      " bytes, expected " + std::to_string(expected) + " (truncated?)");
  v.values = decode_voxels(type, bytes.data() + data_start, n_points);
  return v;
}

}  // namespace tessera
