#pragma once
// A fresh folder per test case under the system temp folder, removed at the end, so that
// file-format tests never see each other's output or an earlier run's.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace tessera::test {

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : m_path(std::filesystem::temp_directory_path() / ("tessera_test_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Makes `path + ".part"` a link to /dev/full, so the next writer of `path` runs into a
// full disk (ENOSPC) on its first flush.
inline void make_part_file_full(const std::filesystem::path& path) {
  std::filesystem::path part = path;
  part += ".part";
  std::filesystem::create_symlink("/dev/full", part);
}

}  // namespace tessera::test
