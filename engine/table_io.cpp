#include "engine/table_io.h"

#include <nlohmann/json.hpp>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/log.h"
#include "engine/number_text.h"

namespace tessera {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCsvName = "table";
constexpr const char* kJsonName = "JSON-lines log";

// An abandoned writer keeps what it wrote, under the ".part" name. (After a failed write
// the part file is already gone: PartFile deleted it.)
void keep_unfinished(std::unique_ptr<PartFile>& file, const char* what) {
  if (!file || !file->is_open()) return;
  const fs::path path = file->path();
  const fs::path part = file->part();
  file->keep_partial();
  log::warn("{} {} was not closed; the records written so far are in {}", what, path.string(), part.string());
}

PartFile& open_file(const std::unique_ptr<PartFile>& file, const fs::path& path, const char* what) {
  TESSERA_REQUIRE(file && file->is_open(),
                  std::string(what) + " " + path.string() + " is closed (finished, or an earlier write failed)");
  return *file;
}

}  // namespace

std::string csv_field(std::string_view text) {
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (text.front() == ' ' || text.back() == ' '));
  if (!needs_quotes) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string csv_value(const TableValue& value) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return format_int(*i);
  if (const auto* d = std::get_if<double>(&value)) return format_double(*d);
  return csv_field(std::get<std::string>(value));
}

// ---- CsvWriter ----------------------------------------------------------------------------

CsvWriter::CsvWriter(const fs::path& path, std::vector<std::string> columns, bool overwrite)
    : m_path(path), m_columns(std::move(columns)) {
  TESSERA_REQUIRE(!m_columns.empty(), "table " + path.string() + ": no columns given");
  for (std::size_t k = 0; k < m_columns.size(); ++k) {
    TESSERA_REQUIRE(!m_columns[k].empty(), "table " + path.string() + ": column " + std::to_string(k) + " has no name");
    for (std::size_t j = 0; j < k; ++j) {
      TESSERA_REQUIRE(m_columns[j] != m_columns[k],
                      "table " + path.string() + ": column '" + m_columns[k] + "' appears twice");
    }
  }
  m_file = std::make_unique<PartFile>(path, overwrite);
  for (std::size_t k = 0; k < m_columns.size(); ++k) {
    if (k > 0) m_line += ',';
    m_line += csv_field(m_columns[k]);
  }
  m_line += '\n';
  m_file->write(m_line);
}

CsvWriter::~CsvWriter() {
  keep_unfinished(m_file, kCsvName);
}

void CsvWriter::write_row(const TableRow& row) {
  PartFile& file = open_file(m_file, m_path, kCsvName);
  if (row.size() != m_columns.size()) {
    std::string names;
    for (const auto& c : m_columns) names += (names.empty() ? "" : ", ") + c;
    throw Error("table " + m_path.string() + ": row " + std::to_string(m_n_rows + 1) + " has " +
                std::to_string(row.size()) + " values but the table has " + std::to_string(m_columns.size()) +
                " columns (" + names + ")");
  }
  // The whole line is built first, so a refused row writes nothing.
  m_line.clear();
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (k > 0) m_line += ',';
    m_line += csv_value(row[k]);
  }
  m_line += '\n';
  file.write(m_line);
  ++m_n_rows;
}

void CsvWriter::flush() {
  open_file(m_file, m_path, kCsvName).flush();
}

void CsvWriter::close() {
  open_file(m_file, m_path, kCsvName).commit();
}

// ---- JsonLinesWriter ----------------------------------------------------------------------

JsonLinesWriter::JsonLinesWriter(const fs::path& path, bool overwrite)
    : m_path(path), m_file(std::make_unique<PartFile>(path, overwrite)) {}

JsonLinesWriter::~JsonLinesWriter() {
  keep_unfinished(m_file, kJsonName);
}

void JsonLinesWriter::write(const nlohmann::json& record) {
  PartFile& file = open_file(m_file, m_path, kJsonName);
  TESSERA_REQUIRE(record.is_object(), std::string(kJsonName) + " " + m_path.string() + ": record " +
                                          std::to_string(m_n_records + 1) + " is not a JSON object");
  // dump() without indent never emits a raw newline: newlines inside strings are escaped.
  const std::string line = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  file.write(line);
  ++m_n_records;
}

void JsonLinesWriter::flush() {
  open_file(m_file, m_path, kJsonName).flush();
}

void JsonLinesWriter::close() {
  open_file(m_file, m_path, kJsonName).commit();
}

}  // namespace tessera
