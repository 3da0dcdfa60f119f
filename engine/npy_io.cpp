#include "engine/npy_io.h"

#include <cctype>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/number_text.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlign = 64;  // numpy pads the header so data starts on a 64-byte boundary

const char* npy_descr(VoxelType type) {
  constexpr const char* kDescr[] = {"<i4", "<f8", "|u1", "<f4"};
  return kDescr[static_cast<int>(type)];
}

std::optional<VoxelType> parse_descr(std::string_view descr) {
  for (int t = 0; t < kVoxelTypeCount; ++t) {
    if (descr == npy_descr(static_cast<VoxelType>(t))) return static_cast<VoxelType>(t);
  }
  if (descr == "<u1" || descr == "u1") return VoxelType::UInt8;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The text after `'key':` up to the next top-level ',' or '}' (a tuple counts as one value).
std::optional<std::string_view> dict_value(std::string_view dict, std::string_view key) {
  std::string quoted(1, '\'');  // appended piecewise: GCC 12 warns falsely on "'" + key + "'"
  quoted.append(key);
  quoted.push_back('\'');
  std::size_t pos = dict.find(quoted);
  if (pos == std::string_view::npos) return std::nullopt;
  pos = dict.find(':', pos + quoted.size());
  if (pos == std::string_view::npos) return std::nullopt;
  std::size_t end = pos + 1;
  int depth = 0;
  for (; end < dict.size(); ++end) {
    const char c = dict[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
  }
  return trim(dict.substr(pos + 1, end - pos - 1));
}

}  // namespace

std::int64_t NpyArray::size() const {
  // A zero axis first: (10^18, 10^18, 0) holds no values, but its running product overflows.
  for (const std::int64_t s : shape)
    if (s == 0) return 0;
  std::int64_t n = 1;
  for (const std::int64_t s : shape) n *= s;
  return n;
}

std::vector<float> NpyArray::to_float32() const {
  if (const auto* f = std::get_if<std::vector<float>>(&values)) return *f;
  if (const auto* d = std::get_if<std::vector<double>>(&values)) return std::vector<float>(d->begin(), d->end());
  throw Error(std::string("npy array: holds ") + kVoxelTypeNames[values.index()] + " values, not float32 or float64");
}

void write_npy(const fs::path& path, const std::vector<std::int64_t>& shape, VoxelSpan values, bool overwrite) {
  std::int64_t n = 1;
  for (const std::int64_t s : shape) {
    TESSERA_REQUIRE(s >= 0, "cannot write " + path.string() + ": negative size in the shape");
    n *= s;
  }
  TESSERA_REQUIRE(static_cast<std::int64_t>(voxel_count(values)) == n,
                  "cannot write " + path.string() + ": " + std::to_string(voxel_count(values)) +
                      " values for a shape of " + std::to_string(n));
  std::string dims;
  // numpy writes (3,) for one axis, (3, 4) for two.
  for (std::size_t a = 0; a < shape.size(); ++a) {
    if (a > 0) dims.append(", ");
    dims.append(format_int(shape[a]));
  }
  if (shape.size() == 1) dims.push_back(',');
  std::string dict = "{'descr': '";
  dict += npy_descr(voxel_type(values));
  dict += "', 'fortran_order': False, 'shape': (";
  dict += dims;
  dict += "), }";
  // Version 1.0 counts the header in 16 bits; a longer one needs version 2.0's 32 bits.
  const bool v2 = dict.size() + 1 + kMagic.size() + 4 > 65535;
  const std::size_t prefix = kMagic.size() + 2 + (v2 ? 4 : 2);
  const std::size_t padded = (prefix + dict.size() + 1 + kAlign - 1) / kAlign * kAlign;
  dict.append(padded - prefix - dict.size() - 1, ' ');
  dict += '\n';
  std::string head(kMagic);
  head += static_cast<char>(v2 ? 2 : 1);
  head += '\0';
  const auto header_len = static_cast<std::uint32_t>(dict.size());
  head.append(reinterpret_cast<const char*>(&header_len), v2 ? 4 : 2);
  PartFile file(path, overwrite);
  file.write(head + dict);
  file.write(voxel_bytes(values), voxel_count(values) * voxel_type_size(voxel_type(values)));
  file.commit();
}

NpyArray read_npy(const fs::path& path) {
  const std::string bytes = read_file_bytes(path, "npy file");
  const std::string where = "npy file " + path.string();
  TESSERA_REQUIRE(bytes.size() >= kMagic.size() + 4 && bytes.compare(0, kMagic.size(), kMagic) == 0,
                  where + ": does not start with the \\x93NUMPY magic");
  const int major = static_cast<unsigned char>(bytes[6]);
  TESSERA_REQUIRE(major >= 1 && major <= 3, where + ": format version " + std::to_string(major) + " is not supported");
  std::uint32_t header_len = 0;
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  TESSERA_REQUIRE(bytes.size() >= 8 + len_bytes, where + ": truncated header");
  std::memcpy(&header_len, bytes.data() + 8, len_bytes);
  const std::size_t data_start = 8 + len_bytes + header_len;
  TESSERA_REQUIRE(bytes.size() >= data_start, where + ": truncated header");
  const std::string_view dict = trim(std::string_view(bytes).substr(8 + len_bytes, header_len));
  TESSERA_REQUIRE(dict.size() >= 2 && dict.front() == '{' && dict.back() == '}',
                  where + ": header is not a Python dict");

  const auto descr = dict_value(dict, "descr");
  const auto fortran = dict_value(dict, "fortran_order");
  const auto shape_text = dict_value(dict, "shape");
  TESSERA_REQUIRE(descr && fortran && shape_text, where + ": header lacks descr, fortran_order or shape");
  TESSERA_REQUIRE(*fortran == "False", where + ": Fortran-order arrays are not supported (save with C order, "
                                               "e.g. np.save(f, np.ascontiguousarray(a)))");
  std::string_view d = *descr;
  TESSERA_REQUIRE(d.size() >= 2 && (d.front() == '\'' || d.front() == '"') && d.back() == d.front(),
                  where + ": bad descr " + std::string(d));
  d = d.substr(1, d.size() - 2);
  const auto type = parse_descr(d);
  TESSERA_REQUIRE(type.has_value(), where + ": dtype '" + std::string(d) +
                                        "' is not supported (little-endian float32, float64, int32, uint8)");

  NpyArray array;
  std::string_view s = *shape_text;
  TESSERA_REQUIRE(s.size() >= 2 && s.front() == '(' && s.back() == ')', where + ": bad shape " + std::string(s));
  s = s.substr(1, s.size() - 2);
  double total = 1;
  while (!trim(s).empty()) {
    const std::size_t comma = s.find(',');
    const auto value = parse_int(trim(s.substr(0, comma)));
    TESSERA_REQUIRE(value && *value >= 0, where + ": bad shape entry '" + std::string(trim(s.substr(0, comma))) + "'");
    array.shape.push_back(*value);
    total *= static_cast<double>(*value);
    if (comma == std::string_view::npos) break;
    s = s.substr(comma + 1);
  }
  TESSERA_REQUIRE(total <= 1e13, where + ": shape describes more values than any file holds");
  const std::int64_t n = array.size();
  const std::uint64_t expected = static_cast<std::uint64_t>(n) * voxel_type_size(*type);
  const std::uint64_t found = bytes.size() - data_start;
  TESSERA_REQUIRE(found == expected, where + ": data is " + std::to_string(found) + " bytes, the shape needs " +
                                         std::to_string(expected) + (found < expected ? " (truncated?)" : ""));
  array.values = decode_voxels(*type, bytes.data() + data_start, n);
  return array;
}

}  // namespace tessera
