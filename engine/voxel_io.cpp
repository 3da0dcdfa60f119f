#include "engine/voxel_io.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>

#include "engine/compression.h"
#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/number_text.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

// ---- shared: sampling, field checks, raw bytes -------------------------------------------

// Where the samples are: the first pixel centre and the pitch, per axis.
struct Sampling {
  int n[3] = {1, 1, 1};
  double origin[3] = {0, 0, 0};
  double spacing[3] = {1, 1, 1};
};

Sampling sampling_of(const Grid& grid) {
  Sampling s;
  const Vec3 first = grid.center(0, 0, 0);  // z = 0 for a 2D grid
  for (int a = 0; a < 3; ++a) {
    s.n[a] = grid.n[a];
    s.origin[a] = first[a];
    s.spacing[a] = a < grid.dim ? grid.spacing(a) : 1.0;
  }
  return s;
}

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

std::size_t n_values(const VoxelSpan& values) { return voxel_count(values); }
const void* value_bytes(const VoxelSpan& values) { return voxel_bytes(values); }

void check_field(const fs::path& path, const Grid& grid, const VoxelField& field) {
  TESSERA_REQUIRE(grid.dim == 2 || grid.dim == 3, "cannot write " + path.string() + ": grid dimension must be 2 or 3");
  TESSERA_REQUIRE(valid_name(field.name), "cannot write " + path.string() + ": array name '" + field.name +
                                              "' must be 1-64 characters from A-Z a-z 0-9 _ - .");
  TESSERA_REQUIRE(static_cast<std::int64_t>(n_values(field.values)) == grid.size(),
                  "cannot write " + path.string() + ": array '" + field.name + "' has " +
                      std::to_string(n_values(field.values)) + " values for a grid of " + std::to_string(grid.size()) +
                      " points");
}

VoxelValues decode(VoxelType type, const char* data, std::int64_t n) { return decode_voxels(type, data, n); }

// Number of points for per-axis counts read from a file, refusing sizes no machine holds.
std::int64_t checked_count(const int n[3], const std::string& where) {
  double total = 1;
  for (int a = 0; a < 3; ++a) {
    TESSERA_REQUIRE(n[a] >= 1, where + ": size along axis " + std::to_string(a) + " must be at least 1");
    total *= n[a];
  }
  TESSERA_REQUIRE(total <= 1e13, where + ": sizes describe more points than any file holds");
  return static_cast<std::int64_t>(n[0]) * n[1] * n[2];
}

std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && !std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
    if (pos > start) words.push_back(text.substr(start, pos - start));
  }
  return words;
}

// ---- VTK XML: the few tags and attributes of our own files ---------------------------------

const char* vtk_type_name(VoxelType type) {
  constexpr const char* kNames[] = {"Int32", "Float64", "UInt8", "Float32"};
  return kNames[static_cast<int>(type)];
}

std::optional<VoxelType> parse_vtk_type(std::string_view name) {
  if (name == "Int32") return VoxelType::Int32;
  if (name == "Float64") return VoxelType::Float64;
  if (name == "UInt8") return VoxelType::UInt8;
  if (name == "Float32") return VoxelType::Float32;
  return std::nullopt;
}

// The first `<name ...>` tag at or after `from`, or an empty view; `end` gets the position after it.
std::string_view find_tag(std::string_view xml, std::string_view name, std::size_t from, std::size_t* end = nullptr) {
  std::string open = "<";
  open += name;
  for (std::size_t pos = xml.find(open, from); pos != std::string_view::npos; pos = xml.find(open, pos + 1)) {
    const std::size_t after = pos + open.size();
    if (after >= xml.size()) break;
    const char c = xml[after];
    if (!std::isspace(static_cast<unsigned char>(c)) && c != '>' && c != '/') continue;
    const std::size_t close = xml.find('>', after);
    if (close == std::string_view::npos) break;
    if (end != nullptr) *end = close + 1;
    return xml.substr(pos, close + 1 - pos);
  }
  return {};
}

std::optional<std::string_view> attribute(std::string_view tag, std::string_view key) {
  for (std::size_t pos = tag.find(key); pos != std::string_view::npos; pos = tag.find(key, pos + 1)) {
    const std::size_t after = pos + key.size();
    if (pos == 0 || !std::isspace(static_cast<unsigned char>(tag[pos - 1]))) continue;
    if (tag.substr(after, 2) != "=\"") continue;
    const std::size_t close = tag.find('"', after + 2);
    if (close == std::string_view::npos) return std::nullopt;
    return tag.substr(after + 2, close - after - 2);
  }
  return std::nullopt;
}

template <class T, class Parse>
std::vector<T> parse_list(std::string_view text, std::size_t count, Parse parse, const std::string& what,
                          const std::string& where) {
  const auto words = split_words(text);
  TESSERA_REQUIRE(words.size() == count, where + ": " + what + " needs " + std::to_string(count) + " numbers, found '" +
                                             std::string(text) + "'");
  std::vector<T> values;
  for (const auto word : words) {
    const auto value = parse(word);
    TESSERA_REQUIRE(value.has_value(), where + ": " + what + " has a non-number '" + std::string(word) + "'");
    values.push_back(static_cast<T>(*value));
  }
  return values;
}

std::string triple(const double v[3]) {
  return format_double(v[0]) + " " + format_double(v[1]) + " " + format_double(v[2]);
}

// vtkZLibDataCompressor layout: UInt64 n_blocks, block size, size of the last block (0 when
// it is full), then each block's compressed size, then the blocks.
constexpr std::uint64_t kVtkBlockBytes = 32768;  // VTK's default block size

std::string zlib_blocks(const void* data, std::uint64_t n_bytes, const std::string& where) {
  const std::uint64_t n_blocks = (n_bytes + kVtkBlockBytes - 1) / kVtkBlockBytes;
  std::vector<std::uint64_t> header = {n_blocks, kVtkBlockBytes, n_bytes % kVtkBlockBytes};
  std::string blocks;
  const auto* in = static_cast<const char*>(data);
  for (std::uint64_t b = 0; b < n_blocks; ++b) {
    const std::uint64_t size = std::min(kVtkBlockBytes, n_bytes - b * kVtkBlockBytes);
    const std::string block = zlib_compress(in + b * kVtkBlockBytes, size, ZlibFormat::Zlib, where);
    header.push_back(block.size());
    blocks += block;
  }
  std::string out(header.size() * sizeof(std::uint64_t), '\0');
  std::memcpy(out.data(), header.data(), out.size());
  return out + blocks;
}

// Inverse of zlib_blocks for the bytes at an array's offset; `expected` uncompressed bytes.
std::string unzlib_blocks(std::string_view at, std::uint64_t expected, const std::string& label) {
  auto word = [&](std::size_t k) {
    TESSERA_REQUIRE(at.size() >= (k + 1) * sizeof(std::uint64_t), label + ": compressed header is truncated");
    std::uint64_t v = 0;
    std::memcpy(&v, at.data() + k * sizeof v, sizeof v);
    return v;
  };
  const std::uint64_t n_blocks = word(0);
  const std::uint64_t block_bytes = word(1);
  const std::uint64_t last_bytes = word(2);
  TESSERA_REQUIRE(n_blocks >= 1 && n_blocks < (std::uint64_t{1} << 32) && block_bytes > 0 && last_bytes < block_bytes,
                  label + ": bad compressed header");
  // No block is larger than the array, and the total below cannot wrap around 2^64 (a
  // wrapped total could match `expected` and have a block inflate into exabytes).
  TESSERA_REQUIRE(block_bytes <= expected && n_blocks - 1 <= expected / block_bytes,
                  label + ": compressed header describes more bytes than the array holds");
  const std::uint64_t total = (n_blocks - 1) * block_bytes + (last_bytes == 0 ? block_bytes : last_bytes);
  TESSERA_REQUIRE(total == expected, label + " holds " + std::to_string(total) + " bytes, expected " +
                                         std::to_string(expected));
  std::size_t pos = (3 + n_blocks) * sizeof(std::uint64_t);
  std::string out;
  out.reserve(total);
  for (std::uint64_t b = 0; b < n_blocks; ++b) {
    const std::uint64_t size = word(3 + b);
    TESSERA_REQUIRE(pos <= at.size() && at.size() - pos >= size, label + ": compressed data is truncated");
    const std::uint64_t raw = b + 1 < n_blocks || last_bytes == 0 ? block_bytes : last_bytes;
    out += zlib_decompress(at.substr(pos, size), ZlibFormat::Zlib, label + " block " + std::to_string(b), raw);
    pos += size;
  }
  return out;
}

// ---- NRRD ---------------------------------------------------------------------------------

const char* nrrd_type_name(VoxelType type) {
  constexpr const char* kNames[] = {"int32", "double", "uint8", "float"};
  return kNames[static_cast<int>(type)];
}

std::optional<VoxelType> parse_nrrd_type(std::string_view name) {
  if (name == "int32" || name == "int" || name == "signed int" || name == "int32_t") return VoxelType::Int32;
  if (name == "double") return VoxelType::Float64;
  if (name == "float") return VoxelType::Float32;
  if (name == "uint8" || name == "uchar" || name == "unsigned char" || name == "uint8_t") return VoxelType::UInt8;
  return std::nullopt;
}

// "(a,b,c)" -> {a, b, c}
std::optional<std::vector<double>> parse_nrrd_vector(std::string_view text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return std::nullopt;
  std::vector<double> values;
  text = text.substr(1, text.size() - 2);
  while (true) {
    const std::size_t comma = text.find(',');
    const auto value = parse_double(text.substr(0, comma));
    if (!value) return std::nullopt;
    values.push_back(*value);
    if (comma == std::string_view::npos) return values;
    text = text.substr(comma + 1);
  }
}

std::string nrrd_vector(const double* v, int n) {
  std::string text = "(";
  for (int a = 0; a < n; ++a) {
    if (a > 0) text += ',';
    text += format_double(v[a]);
  }
  return text + ")";
}

// Space names of 3D NRRD files: ours (ITK's LPS) and 3D Slicer's older RAS.
bool is_3d_space_name(std::string_view name) {
  constexpr std::string_view kNames[] = {"left-posterior-superior", "LPS", "right-anterior-superior", "RAS"};
  for (const auto known : kNames) {
    if (name == known) return true;
  }
  return false;
}

}  // namespace

// ---- types --------------------------------------------------------------------------------

VoxelType voxel_type(const VoxelSpan& values) {
  return static_cast<VoxelType>(values.index());
}
VoxelType voxel_type(const VoxelValues& values) {
  return static_cast<VoxelType>(values.index());
}

std::size_t voxel_type_size(VoxelType type) {
  constexpr std::size_t kSizes[] = {4, 8, 1, 4};
  return kSizes[static_cast<int>(type)];
}

VoxelSpan voxel_span(const VoxelValues& values) {
  return std::visit([](const auto& v) -> VoxelSpan { return std::span(v.data(), v.size()); }, values);
}

std::size_t voxel_count(const VoxelSpan& values) {
  return std::visit([](const auto& span) { return span.size(); }, values);
}

const void* voxel_bytes(const VoxelSpan& values) {
  return std::visit([](const auto& span) { return static_cast<const void*>(span.data()); }, values);
}

VoxelValues decode_voxels(VoxelType type, const char* data, std::int64_t n) {
  auto fill = [&](auto values) -> VoxelValues {
    if (!values.empty()) std::memcpy(values.data(), data, values.size() * sizeof(values[0]));
    return values;
  };
  const auto count = static_cast<std::size_t>(n);
  switch (type) {
    case VoxelType::Int32:
      return fill(std::vector<std::int32_t>(count));
    case VoxelType::Float64:
      return fill(std::vector<double>(count));
    case VoxelType::UInt8:
      return fill(std::vector<std::uint8_t>(count));
    case VoxelType::Float32:
      return fill(std::vector<float>(count));
  }
  throw Error("unknown voxel type");
}

const VoxelValues& VoxelVolume::find(const std::string& name) const {
  for (std::size_t k = 0; k < names.size(); ++k) {
    if (names[k] == name) return arrays[k];
  }
  throw Error("voxel volume: no array named '" + name + "'");
}

void VoxelVolume::throw_wrong_type(const std::string& name) const {
  throw Error("voxel volume: array '" + name + "' holds " + kVoxelTypeNames[static_cast<int>(voxel_type(find(name)))] +
              " values, not the type asked for");
}

// ---- VTK XML ImageData --------------------------------------------------------------------

void write_vti(const fs::path& path, const Grid& grid, const std::vector<VoxelField>& fields, bool overwrite,
               VtiCompression compression, VtiSamples samples) {
  TESSERA_REQUIRE(!fields.empty(), "cannot write " + path.string() + ": no arrays given");
  for (std::size_t k = 0; k < fields.size(); ++k) {
    check_field(path, grid, fields[k]);
    for (std::size_t j = 0; j < k; ++j) {
      TESSERA_REQUIRE(fields[j].name != fields[k].name,
                      "cannot write " + path.string() + ": two arrays are named '" + fields[k].name + "'");
    }
  }
  Sampling s = sampling_of(grid);
  const bool cells = samples == VtiSamples::Cells;
  // Cell data: the image's points are the voxel corners, one more than the cells per axis.
  const int last = cells ? 0 : 1;
  if (cells) {
    for (int a = 0; a < 3; ++a) s.origin[a] = 0.0;
    if (grid.dim == 2) s.spacing[2] = s.spacing[0];
  }
  const std::string extent = "0 " + std::to_string(s.n[0] - last) + " 0 " + std::to_string(s.n[1] - last) + " 0 " +
                             std::to_string(s.n[2] - last);
  const std::string section = cells ? "CellData" : "PointData";
  std::string xml = "<?xml version=\"1.0\"?>\n";
  xml += "<VTKFile type=\"ImageData\" version=\"1.0\" byte_order=\"LittleEndian\" header_type=\"UInt64\"";
  xml += compression == VtiCompression::Zlib ? " compressor=\"vtkZLibDataCompressor\">\n" : ">\n";
  xml += "  <ImageData WholeExtent=\"" + extent + "\" Origin=\"" + triple(s.origin) + "\" Spacing=\"" +
         triple(s.spacing) + "\">\n";
  xml += "    <Piece Extent=\"" + extent + "\">\n";
  xml += "      <" + section + " Scalars=\"" + fields[0].name + "\">\n";
  // Appended offsets count from the byte after '_' and include each block's 8-byte size header.
  std::vector<std::string> packed;  // compressed: each array's header and blocks
  std::uint64_t offset = 0;
  for (const VoxelField& field : fields) {
    xml += "        <DataArray type=\"" + std::string(vtk_type_name(voxel_type(field.values))) + "\" Name=\"" +
           field.name + "\" format=\"appended\" offset=\"" + std::to_string(offset) + "\"/>\n";
    const std::uint64_t n_bytes = n_values(field.values) * voxel_type_size(voxel_type(field.values));
    if (compression == VtiCompression::Zlib) {
      packed.push_back(zlib_blocks(value_bytes(field.values), n_bytes, path.string()));
      offset += packed.back().size();
    } else {
      offset += sizeof(std::uint64_t) + n_bytes;
    }
  }
  xml += "      </" + section + ">\n    </Piece>\n  </ImageData>\n";
  xml += "  <AppendedData encoding=\"raw\">\n   _";
  PartFile file(path, overwrite);
  file.write(xml);
  for (std::size_t k = 0; k < fields.size(); ++k) {
    if (compression == VtiCompression::Zlib) {
      file.write(packed[k]);
      continue;
    }
    const VoxelField& field = fields[k];
    const std::uint64_t n_bytes = n_values(field.values) * voxel_type_size(voxel_type(field.values));
    file.write(&n_bytes, sizeof n_bytes);
    file.write(value_bytes(field.values), n_bytes);
  }
  file.write("\n  </AppendedData>\n</VTKFile>\n");
  file.commit();
}

VoxelVolume read_vti(const fs::path& path) {
  const std::string bytes = read_file_bytes(path, "VTK image");
  const std::string where = "VTK image " + path.string();
  // The XML part ends where the binary block starts; nothing after it is parsed as text.
  const std::size_t appended = bytes.find("<AppendedData");
  TESSERA_REQUIRE(appended != std::string::npos,
                  where + ": no <AppendedData> section (only raw-appended .vti files are read)");
  const std::string_view xml(bytes.data(), appended);

  const std::string_view file_tag = find_tag(xml, "VTKFile", 0);
  TESSERA_REQUIRE(!file_tag.empty(), where + ": no <VTKFile> tag (not a VTK XML file)");
  TESSERA_REQUIRE(attribute(file_tag, "type") == "ImageData",
                  where + ": not ImageData (VTKFile type is not \"ImageData\")");
  TESSERA_REQUIRE(attribute(file_tag, "byte_order") == "LittleEndian", where + ": byte_order must be LittleEndian");
  TESSERA_REQUIRE(attribute(file_tag, "header_type") == "UInt64", where + ": header_type must be UInt64");
  const auto compressor = attribute(file_tag, "compressor");
  TESSERA_REQUIRE(!compressor || *compressor == "vtkZLibDataCompressor",
                  where + ": compressor '" + std::string(compressor.value_or("")) +
                      "' is not supported (vtkZLibDataCompressor only)");
  const bool compressed = compressor.has_value();

  const std::string_view image_tag = find_tag(xml, "ImageData", 0);
  TESSERA_REQUIRE(!image_tag.empty(), where + ": no <ImageData> tag");
  const auto whole = attribute(image_tag, "WholeExtent");
  const auto origin = attribute(image_tag, "Origin");
  const auto spacing = attribute(image_tag, "Spacing");
  TESSERA_REQUIRE(whole && origin && spacing, where + ": <ImageData> needs WholeExtent, Origin and Spacing");
  const auto extent = parse_list<std::int64_t>(*whole, 6, parse_int, "WholeExtent", where);
  const auto o = parse_list<double>(*origin, 3, parse_double, "Origin", where);
  const auto h = parse_list<double>(*spacing, 3, parse_double, "Spacing", where);

  VoxelVolume volume;
  for (int a = 0; a < 3; ++a) {
    TESSERA_REQUIRE(extent[2 * a] == 0, where + ": WholeExtent must start at 0 on every axis");
    TESSERA_REQUIRE(extent[2 * a + 1] >= 0 && extent[2 * a + 1] < (1 << 30), where + ": WholeExtent out of range");
    TESSERA_REQUIRE(std::isfinite(h[a]) && h[a] > 0, where + ": Spacing must be positive");
    TESSERA_REQUIRE(std::isfinite(o[a]), where + ": Origin must be finite");
    volume.n[a] = static_cast<int>(extent[2 * a + 1] + 1);
    volume.spacing[a] = h[a];
    volume.origin[a] = o[a];
  }
  volume.dim = volume.n[2] == 1 ? 2 : 3;
  std::int64_t n_points = checked_count(volume.n, where);

  std::size_t piece_end = 0;
  const std::string_view piece = find_tag(xml, "Piece", 0, &piece_end);
  TESSERA_REQUIRE(!piece.empty(), where + ": no <Piece> tag");
  TESSERA_REQUIRE(find_tag(xml, "Piece", piece_end).empty(), where + ": more than one <Piece> is not supported");
  const auto piece_extent = attribute(piece, "Extent");
  TESSERA_REQUIRE(
      piece_extent && parse_list<std::int64_t>(*piece_extent, 6, parse_int, "Piece Extent", where) == extent,
      where + ": the piece must cover the WholeExtent");

  // The binary block: "_" after the <AppendedData encoding="raw"> tag.
  std::size_t data_start = 0;
  const std::string_view appended_tag = find_tag(bytes, "AppendedData", appended, &data_start);
  TESSERA_REQUIRE(!appended_tag.empty() && attribute(appended_tag, "encoding") == "raw",
                  where + ": <AppendedData> must have encoding=\"raw\"");
  while (data_start < bytes.size() && std::isspace(static_cast<unsigned char>(bytes[data_start]))) ++data_start;
  TESSERA_REQUIRE(data_start < bytes.size() && bytes[data_start] == '_',
                  where + ": appended data does not start with '_'");
  ++data_start;

  // Point data, else cell data (DAMASK's grids): then the values sit at the cell centres.
  std::size_t section_end = 0;
  std::string_view point_data = find_tag(xml, "PointData", piece_end, &section_end);
  const bool has_points = !point_data.empty() && point_data[point_data.size() - 2] != '/';
  const std::string section = has_points ? "PointData" : "CellData";
  if (!has_points) {
    point_data = find_tag(xml, "CellData", piece_end, &section_end);
    TESSERA_REQUIRE(!point_data.empty() && point_data[point_data.size() - 2] != '/',
                    where + ": no point or cell data arrays");
    for (int a = 0; a < 3; ++a) {
      TESSERA_REQUIRE(volume.n[a] >= 2, where + ": cell data needs at least one cell per axis");
      volume.n[a] -= 1;
      volume.origin[a] += 0.5 * volume.spacing[a];
    }
    volume.dim = volume.n[2] == 1 ? 2 : 3;
    n_points = checked_count(volume.n, where);
  }
  const std::size_t section_close = xml.find("</" + section + ">", section_end);
  TESSERA_REQUIRE(section_close != std::string_view::npos, where + ": <" + section + "> is not closed");
  const std::string_view arrays = xml.substr(section_end, section_close - section_end);

  std::size_t next = 0;
  for (std::string_view tag = find_tag(arrays, "DataArray", 0, &next); !tag.empty();
       tag = find_tag(arrays, "DataArray", next, &next)) {
    const auto type_name = attribute(tag, "type");
    const auto name = attribute(tag, "Name");
    const auto offset_text = attribute(tag, "offset");
    TESSERA_REQUIRE(type_name && name && offset_text, where + ": a <DataArray> lacks type, Name or offset");
    const std::string label = where + ": array '" + std::string(*name) + "'";
    const auto type = parse_vtk_type(*type_name);
    TESSERA_REQUIRE(type.has_value(), label + " has unsupported type " + std::string(*type_name));
    TESSERA_REQUIRE(attribute(tag, "format") == "appended", label + " is not in the appended block");
    const auto components = attribute(tag, "NumberOfComponents");
    TESSERA_REQUIRE(!components || *components == "1", label + " has more than one component");
    const auto offset = parse_int(*offset_text);
    TESSERA_REQUIRE(offset && *offset >= 0, label + " has a bad offset");

    const std::size_t at = data_start + static_cast<std::size_t>(*offset);
    TESSERA_REQUIRE(at <= bytes.size() && bytes.size() - at >= sizeof(std::uint64_t),
                    label + ": offset lies past the end of the file (truncated?)");
    if (compressed) {
      const std::uint64_t expected = static_cast<std::uint64_t>(n_points) * voxel_type_size(*type);
      const std::string values = unzlib_blocks(std::string_view(bytes).substr(at), expected, label);
      volume.names.emplace_back(*name);
      volume.arrays.push_back(decode(*type, values.data(), n_points));
      continue;
    }
    // Block: UInt64 byte count, then the values.
    std::uint64_t n_bytes = 0;
    std::memcpy(&n_bytes, bytes.data() + at, sizeof n_bytes);
    const std::uint64_t expected = static_cast<std::uint64_t>(n_points) * voxel_type_size(*type);
    TESSERA_REQUIRE(n_bytes == expected, label + " holds " + std::to_string(n_bytes) + " bytes, expected " +
                                             std::to_string(expected) + " for " + std::to_string(n_points) + " points");
    TESSERA_REQUIRE(bytes.size() - at - sizeof(std::uint64_t) >= n_bytes, label + ": data is truncated");
    volume.names.emplace_back(*name);
    volume.arrays.push_back(decode(*type, bytes.data() + at + sizeof(std::uint64_t), n_points));
  }
  TESSERA_REQUIRE(!volume.arrays.empty(), where + ": no point data arrays");
  return volume;
}

// ---- NRRD ---------------------------------------------------------------------------------

void write_nrrd(const fs::path& path, const Grid& grid, const VoxelField& field, bool overwrite) {
  check_field(path, grid, field);
  const Sampling s = sampling_of(grid);
  const int d = grid.dim;
  std::string sizes, directions;
  for (int a = 0; a < d; ++a) {
    double axis[3] = {0, 0, 0};
    axis[a] = s.spacing[a];
    if (a > 0) {
      sizes += ' ';
      directions += ' ';
    }
    sizes += std::to_string(s.n[a]);
    directions += nrrd_vector(axis, d);
  }
  // 3D: ITK's default space (LPS), what ITK-based readers such as 3D Slicer expect; the numbers
  // are box coordinates (Slicer shows LPS turned by 180 degrees about z, never mirrored). 2D
  // images get a bare space dimension.
  std::string header = "NRRD0004\n# Tessera voxel grid: samples at pixel centres, x fastest\n";
  header += "type: " + std::string(nrrd_type_name(voxel_type(field.values))) + "\n";
  header += "dimension: " + std::to_string(d) + "\n";
  header += d == 3 ? "space: left-posterior-superior\n" : "space dimension: 2\n";
  header += "sizes: " + sizes + "\n";
  header += "space directions: " + directions + "\n";
  header += d == 3 ? "kinds: domain domain domain\n" : "kinds: domain domain\n";
  header += "endian: little\nencoding: raw\n";
  header += "space origin: " + nrrd_vector(s.origin, d) + "\n";
  header += "content: " + field.name + "\n\n";
  PartFile file(path, overwrite);
  file.write(header);
  file.write(value_bytes(field.values), n_values(field.values) * voxel_type_size(voxel_type(field.values)));
  file.commit();
}

VoxelVolume read_nrrd(const fs::path& path) {
  const std::string bytes = read_file_bytes(path, "NRRD file");
  const std::string where = "NRRD file " + path.string();
  TESSERA_REQUIRE(bytes.size() >= 8 && bytes.compare(0, 7, "NRRD000") == 0 && bytes[7] >= '1' && bytes[7] <= '5',
                  where + ": does not start with the NRRD0001-NRRD0005 magic line");

  // Header: one field per line up to the first empty line; the data follows it directly.
  std::map<std::string, std::string, std::less<>> fields;
  std::size_t pos = bytes.find('\n');
  TESSERA_REQUIRE(pos != std::string::npos, where + ": header has no blank line before the data");
  std::size_t data_start = std::string::npos;
  while (data_start == std::string::npos) {
    const std::size_t begin = pos + 1;
    const std::size_t eol = bytes.find('\n', begin);
    TESSERA_REQUIRE(eol != std::string::npos, where + ": header has no blank line before the data");
    std::string_view line(bytes.data() + begin, eol - begin);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = eol;
    if (line.empty()) {
      data_start = eol + 1;
      break;
    }
    if (line.front() == '#') continue;
    const std::size_t colon = line.find(':');
    TESSERA_REQUIRE(colon != std::string_view::npos && colon > 0,
                    where + ": header line '" + std::string(line) + "' is neither a field nor a comment");
    if (line.substr(colon, 2) == ":=") continue;  // key/value pairs carry no geometry
    TESSERA_REQUIRE(line.substr(colon, 2) == ": ", where + ": header line '" + std::string(line) + "' lacks ': '");
    const std::string key(line.substr(0, colon));
    std::string_view value = line.substr(colon + 2);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    TESSERA_REQUIRE(fields.emplace(key, std::string(value)).second, where + ": field '" + key + "' appears twice");
  }
  auto field = [&](std::string_view key) -> const std::string* {
    const auto it = fields.find(key);
    return it == fields.end() ? nullptr : &it->second;
  };
  for (const char* key : {"type", "dimension", "sizes", "encoding"}) {
    TESSERA_REQUIRE(field(key) != nullptr, where + ": required field '" + std::string(key) + "' is missing");
  }
  TESSERA_REQUIRE(!field("data file") && !field("datafile"), where + ": detached data files are not supported");
  for (const char* key : {"line skip", "lineskip", "byte skip", "byteskip"}) {
    TESSERA_REQUIRE(!field(key) || *field(key) == "0", where + ": '" + std::string(key) + "' is not supported");
  }
  const auto type = parse_nrrd_type(*field("type"));
  TESSERA_REQUIRE(type.has_value(), where + ": type '" + *field("type") + "' is not supported (int32, double, float, uint8)");
  TESSERA_REQUIRE(*field("encoding") == "raw",
                  where + ": encoding '" + *field("encoding") + "' is not supported (raw)");
  if (voxel_type_size(*type) > 1) {
    TESSERA_REQUIRE(field("endian") != nullptr, where + ": multi-byte data needs an 'endian' field");
    TESSERA_REQUIRE(*field("endian") == "little", where + ": only little-endian data is supported");
  }
  const auto dim = parse_int(*field("dimension"));
  TESSERA_REQUIRE(dim && (*dim == 2 || *dim == 3), where + ": dimension must be 2 or 3");
  const int d = static_cast<int>(*dim);

  VoxelVolume volume;
  volume.dim = d;
  const auto sizes = parse_list<std::int64_t>(*field("sizes"), d, parse_int, "sizes", where);
  for (int a = 0; a < d; ++a) {
    TESSERA_REQUIRE(sizes[a] >= 1 && sizes[a] < (1 << 30), where + ": sizes out of range");
    volume.n[a] = static_cast<int>(sizes[a]);
  }
  if (d == 2) volume.spacing[2] = 1;

  TESSERA_REQUIRE(!(field("spacings") && field("space directions")),
                  where + ": 'spacings' and 'space directions' cannot both be given");
  if (const std::string* directions = field("space directions")) {
    int space_dim = 0;
    if (const std::string* sd = field("space dimension")) space_dim = static_cast<int>(parse_int(*sd).value_or(0));
    if (const std::string* space = field("space")) {
      TESSERA_REQUIRE(is_3d_space_name(*space), where + ": space '" + *space + "' is not supported");
      space_dim = 3;
    }
    TESSERA_REQUIRE(space_dim == d,
                    where + ": the space dimension must equal the dimension (" + std::to_string(d) + ")");
    const auto words = split_words(*directions);
    TESSERA_REQUIRE(static_cast<int>(words.size()) == d, where + ": 'space directions' needs one vector per axis");
    for (int a = 0; a < d; ++a) {
      const auto v = parse_nrrd_vector(words[a]);
      TESSERA_REQUIRE(v && static_cast<int>(v->size()) == d,
                      where + ": bad 'space directions' vector '" + std::string(words[a]) + "'");
      for (int b = 0; b < d; ++b) {
        const bool ok = b == a ? (*v)[b] > 0 : (*v)[b] == 0;
        TESSERA_REQUIRE(ok, where + ": only axis-aligned, positive 'space directions' are supported");
      }
      volume.spacing[a] = (*v)[a];
    }
    if (const std::string* origin = field("space origin")) {
      const auto o = parse_nrrd_vector(*origin);
      TESSERA_REQUIRE(o && static_cast<int>(o->size()) == d, where + ": bad 'space origin' '" + *origin + "'");
      for (int a = 0; a < d; ++a) volume.origin[a] = (*o)[a];
    }
  } else if (const std::string* spacings = field("spacings")) {
    const auto h = parse_list<double>(*spacings, d, parse_double, "spacings", where);
    for (int a = 0; a < d; ++a) {
      TESSERA_REQUIRE(std::isfinite(h[a]) && h[a] > 0, where + ": spacings must be positive");
      volume.spacing[a] = h[a];
    }
  }

  const std::int64_t n_points = checked_count(volume.n, where);
  const std::uint64_t expected = static_cast<std::uint64_t>(n_points) * voxel_type_size(*type);
  const std::uint64_t found = bytes.size() - data_start;
  TESSERA_REQUIRE(found == expected, where + ": data is " + std::to_string(found) + " bytes, expected " +
                                         std::to_string(expected) + (found < expected ? " (truncated?)" : ""));
  const std::string* content = field("content");
  volume.names.push_back(content && valid_name(*content) ? *content : "values");
  volume.arrays.push_back(decode(*type, bytes.data() + data_start, n_points));
  return volume;
}

// ---- raw + JSON sidecar -------------------------------------------------------------------

fs::path raw_sidecar_path(const fs::path& raw_path) {
  fs::path sidecar = raw_path;
  sidecar.replace_extension(".json");
  return sidecar;
}

void write_raw(const fs::path& path, const Grid& grid, const VoxelField& field, bool overwrite) {
  check_field(path, grid, field);
  TESSERA_REQUIRE(path.extension() != ".json",
                  "cannot write " + path.string() + ": the raw file would be its own sidecar");
  const fs::path sidecar_path = raw_sidecar_path(path);
  // Both names are checked before either file is started, so a refusal leaves nothing behind.
  check_can_create(path, overwrite);
  check_can_create(sidecar_path, overwrite);
  const Sampling s = sampling_of(grid);
  const int d = grid.dim;
  nlohmann::json doc = {{"format", "tessera-raw"},
                        {"version", 1},
                        {"file", path.filename().string()},
                        {"name", field.name},
                        {"dtype", kVoxelTypeNames[static_cast<int>(voxel_type(field.values))]},
                        {"byte_order", "little"},
                        {"order", "x-fastest"},
                        {"header_bytes", 0},
                        {"dimension", d},
                        {"dims", std::vector<int>(s.n, s.n + d)},
                        {"spacing", std::vector<double>(s.spacing, s.spacing + d)},
                        {"origin", std::vector<double>(s.origin, s.origin + d)},
                        {"note",
                         "samples at pixel centres; origin is the first centre; numpy: "
                         "np.fromfile(file, dtype).reshape(dims[::-1])"}};
  PartFile data(path, overwrite);
  data.write(value_bytes(field.values), n_values(field.values) * voxel_type_size(voxel_type(field.values)));
  PartFile sidecar(sidecar_path, overwrite);
  sidecar.write(doc.dump(2) + "\n");
  data.commit();
  try {
    sidecar.commit();
  } catch (...) {
    // Bytes without their description are useless: take the raw file back out.
    std::error_code ec;
    fs::remove(path, ec);
    throw;
  }
}

VoxelVolume read_raw(const fs::path& path) {
  const fs::path sidecar_path = path.extension() == ".json" ? path : raw_sidecar_path(path);
  const std::string where = "raw sidecar " + sidecar_path.string();
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(read_file_bytes(sidecar_path, "raw sidecar"));
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": not valid JSON: " + e.what());
  }
  VoxelVolume volume;
  std::string dtype, file_name;
  try {
    TESSERA_REQUIRE(doc.at("format") == "tessera-raw", where + ": format is not \"tessera-raw\"");
    TESSERA_REQUIRE(doc.at("byte_order") == "little", where + ": byte_order must be \"little\"");
    TESSERA_REQUIRE(doc.at("order") == "x-fastest", where + ": order must be \"x-fastest\"");
    TESSERA_REQUIRE(doc.value("header_bytes", 0) == 0, where + ": header_bytes must be 0");
    // Integers as integers: get<int>() of 1e30 is an undefined float-to-int conversion.
    const nlohmann::json& dimension = doc.at("dimension");
    TESSERA_REQUIRE(dimension == 2 || dimension == 3, where + ": dimension must be 2 or 3");
    volume.dim = dimension.get<int>();
    std::vector<int> dims;
    for (const nlohmann::json& n : doc.at("dims")) {
      TESSERA_REQUIRE(n.is_number_integer() && n >= 1 && n < (1 << 30), where + ": dims must be integers in [1, 2^30)");
      dims.push_back(n.get<int>());
    }
    const auto spacing = doc.at("spacing").get<std::vector<double>>();
    const auto origin = doc.at("origin").get<std::vector<double>>();
    const std::size_t d = static_cast<std::size_t>(volume.dim);
    TESSERA_REQUIRE(dims.size() == d && spacing.size() == d && origin.size() == d,
                    where + ": dims, spacing and origin need " + std::to_string(d) + " entries each");
    for (std::size_t a = 0; a < d; ++a) {
      TESSERA_REQUIRE(std::isfinite(spacing[a]) && spacing[a] > 0, where + ": spacing must be positive");
      volume.n[a] = dims[a];
      volume.spacing[a] = spacing[a];
      volume.origin[a] = origin[a];
    }
    dtype = doc.at("dtype").get<std::string>();
    file_name = doc.at("file").get<std::string>();
    volume.names.push_back(doc.at("name").get<std::string>());
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": missing or mistyped entry: " + e.what());
  }
  int type_index = -1;
  for (int t = 0; t < kVoxelTypeCount; ++t) {
    if (dtype == kVoxelTypeNames[t]) type_index = t;
  }
  TESSERA_REQUIRE(type_index >= 0, where + ": dtype '" + dtype + "' is not supported (int32, float64, float32, uint8)");
  TESSERA_REQUIRE(fs::path(file_name).filename() == fs::path(file_name),
                  where + ": 'file' must name a file beside the sidecar");
  const std::int64_t n_points = checked_count(volume.n, where);
  const fs::path data_path = sidecar_path.parent_path() / file_name;
  const std::string bytes = read_file_bytes(data_path, "raw file");
  const auto type = static_cast<VoxelType>(type_index);
  const std::uint64_t expected = static_cast<std::uint64_t>(n_points) * voxel_type_size(type);
  TESSERA_REQUIRE(bytes.size() == expected, "raw file " + data_path.string() + ": " + std::to_string(bytes.size()) +
                                                " bytes, the sidecar describes " + std::to_string(expected));
  volume.arrays.push_back(decode(type, bytes.data(), n_points));
  return volume;
}

}  // namespace tessera
