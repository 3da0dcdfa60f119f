#pragma once
// Export files that appear whole or not at all. A writer fills `path + ".part"` and renames
// it onto `path` when it is done, so a write error (disk full, permissions) or a crash never
// leaves a truncated file under the real name. Existing files are refused unless the caller
// passes `overwrite`, the same rule as prepare_output_dir (engine/output_dir.h).
#include <bit>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

namespace tessera {

// The binary formats (VTI, NRRD, raw, STL) are little-endian and written straight from
// memory; a big-endian port would need byte swapping in those writers and readers.
static_assert(std::endian::native == std::endian::little, "Tessera's file writers assume a little-endian host");

// Throws tessera::Error naming `path` when it is a folder, or exists and `overwrite` is false.
void check_can_create(const std::filesystem::path& path, bool overwrite);

// `path` with ".part" appended to its file name.
std::filesystem::path part_path(const std::filesystem::path& path);

// Reads a whole file as bytes; throws tessera::Error naming `path` and `what` ("VTK image").
std::string read_file_bytes(const std::filesystem::path& path, std::string_view what);

// One output file under construction. Every failure throws tessera::Error naming the real
// path and the system's reason, after closing and deleting the part file.
class PartFile {
 public:
  // Checks `path` (check_can_create) and opens `path.part` for writing, truncating a
  // leftover part file of an earlier crashed run.
  PartFile(std::filesystem::path path, bool overwrite);
  PartFile(const PartFile&) = delete;
  PartFile& operator=(const PartFile&) = delete;
  // Neither committed nor kept: closes and deletes the part file.
  ~PartFile();

  void write(const void* data, std::size_t n_bytes);
  void write(std::string_view text) { write(text.data(), text.size()); }
  // Hands buffered bytes to the OS, so rows written so far survive a crash of the program.
  void flush();
  // Flushes, closes and renames the part file onto the real path.
  void commit();
  // Closes without renaming and leaves the part file in place: a streaming table abandoned
  // mid-run keeps its rows under the ".part" name, which says it is incomplete. No-throw.
  void keep_partial() noexcept;
  // Closes and deletes the part file. No-throw.
  void discard() noexcept;

  bool is_open() const { return m_file != nullptr; }
  const std::filesystem::path& path() const { return m_path; }
  const std::filesystem::path& part() const { return m_part; }

 private:
  [[noreturn]] void fail(const std::string& action, int error_number);

  std::filesystem::path m_path;
  std::filesystem::path m_part;
  bool m_overwrite = false;
  std::FILE* m_file = nullptr;
};

}  // namespace tessera
