#include "engine/file_output.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "engine/error.h"

namespace tessera {

namespace fs = std::filesystem;

void check_can_create(const fs::path& path, bool overwrite) {
  TESSERA_REQUIRE(!path.empty() && path.has_filename(),
                  "output file: empty path or no file name: '" + path.string() + "'");
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (!fs::exists(status)) return;
  TESSERA_REQUIRE(!fs::is_directory(status), "output file " + path.string() + " is a folder");
  TESSERA_REQUIRE(overwrite, "output file " + path.string() +
                                 " already exists; choose another name or pass --overwrite to replace it");
}

fs::path part_path(const fs::path& path) {
  fs::path part = path;
  part += ".part";
  return part;
}

std::string read_file_bytes(const fs::path& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  TESSERA_REQUIRE(in.good(), "cannot read " + std::string(what) + " " + path.string() + ": " + std::strerror(errno));
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  TESSERA_REQUIRE(!in.bad(), "cannot read " + std::string(what) + " " + path.string() + ": read error");
  return bytes;
}

PartFile::PartFile(fs::path path, bool overwrite)
    : m_path(std::move(path)), m_part(part_path(m_path)), m_overwrite(overwrite) {
  check_can_create(m_path, overwrite);
  m_file = std::fopen(m_part.c_str(), "wb");
  if (m_file == nullptr) {
    throw Error("cannot create " + m_path.string() + " (writing " + m_part.filename().string() +
                "): " + std::strerror(errno));
  }
}

PartFile::~PartFile() {
  discard();
}

void PartFile::fail(const std::string& action, int error_number) {
  discard();
  throw Error("cannot " + action + " " + m_path.string() + ": " +
              (error_number != 0 ? std::strerror(error_number) : "unknown error"));
}

void PartFile::write(const void* data, std::size_t n_bytes) {
  TESSERA_REQUIRE(m_file != nullptr, "output file " + m_path.string() + " is already closed");
  if (n_bytes == 0) return;
  errno = 0;
  if (std::fwrite(data, 1, n_bytes, m_file) != n_bytes) fail("write", errno);
}

void PartFile::flush() {
  TESSERA_REQUIRE(m_file != nullptr, "output file " + m_path.string() + " is already closed");
  errno = 0;
  if (std::fflush(m_file) != 0) fail("write", errno);
}

void PartFile::commit() {
  flush();
  // fclose reports errors that only surface when the OS writes the last block (NFS, quotas).
  errno = 0;
  const int closed = std::fclose(m_file);
  m_file = nullptr;
  if (closed != 0) fail("write", errno);
  // Checked again: another process may have created the file while this one was writing.
  std::error_code ec;
  if (!m_overwrite && fs::exists(m_path, ec)) {
    discard();
    throw Error("output file " + m_path.string() +
                " appeared while it was being written; pass --overwrite to replace it");
  }
  fs::rename(m_part, m_path, ec);
  if (ec) fail("finish (rename " + m_part.filename().string() + ")", ec.value());
  m_part.clear();  // renamed: nothing left for the destructor to delete
}

void PartFile::keep_partial() noexcept {
  if (m_file != nullptr) std::fclose(m_file);
  m_file = nullptr;
  m_part.clear();  // the destructor leaves it alone
}

void PartFile::discard() noexcept {
  if (m_file != nullptr) std::fclose(m_file);
  m_file = nullptr;
  if (!m_part.empty()) {
    std::error_code ec;
    fs::remove(m_part, ec);
    m_part.clear();
  }
}

}  // namespace tessera
