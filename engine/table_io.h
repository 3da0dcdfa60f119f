#pragma once
// Tables that grow during a run: CSV (per-step, per-cell rows for pandas, R, spreadsheets)
// and JSON lines (one object per line: solver statistics). Both stream rows to
// `path + ".part"` and rename it onto `path` on close() (engine/file_output.h); flush()
// after a step keeps the rows so far on disk. A writer destroyed without close() (an error
// unwinding the run) leaves its rows in the ".part" file and logs a warning naming it.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tessera {

class PartFile;

// One cell of a table. Integers stay exact; doubles are written in the shortest form that
// reads back to the same value (so 0.1 is "0.1", and 1/3 keeps all 17 digits).
using TableValue = std::variant<std::int64_t, double, std::string>;
using TableRow = std::vector<TableValue>;

// RFC 4180 quoting: a field with a comma, quote, CR, LF or leading/trailing space is put in
// double quotes, with inner quotes doubled; anything else is written as is.
std::string csv_field(std::string_view text);
// A value as CSV text (numbers unquoted, strings through csv_field).
std::string csv_value(const TableValue& value);

class CsvWriter {
 public:
  // Creates the file and writes the header row. `columns` must be non-empty and distinct.
  // Throws tessera::Error naming the path when it exists (unless `overwrite`) or cannot be created.
  CsvWriter(const std::filesystem::path& path, std::vector<std::string> columns, bool overwrite = false);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Appends a row; one value per column, or tessera::Error (the file is left unchanged).
  void write_row(const TableRow& row);
  void flush();
  // Finishes the file under its real name. Further writes are errors.
  void close();

  const std::vector<std::string>& columns() const { return m_columns; }
  std::int64_t n_rows() const { return m_n_rows; }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::vector<std::string> m_columns;
  std::unique_ptr<PartFile> m_file;  // not open after close() or a failed write
  std::int64_t m_n_rows = 0;
  std::string m_line;  // reused per row
};

class JsonLinesWriter {
 public:
  // Throws tessera::Error naming the path when it exists (unless `overwrite`) or cannot be created.
  explicit JsonLinesWriter(const std::filesystem::path& path, bool overwrite = false);
  ~JsonLinesWriter();
  JsonLinesWriter(const JsonLinesWriter&) = delete;
  JsonLinesWriter& operator=(const JsonLinesWriter&) = delete;

  // Appends `record`, which must be a JSON object, as one line. Doubles keep full precision;
  // NaN and infinities become null (JSON has no spelling for them); invalid UTF-8 in strings
  // is replaced by U+FFFD.
  void write(const nlohmann::json& record);
  void flush();
  void close();

  std::int64_t n_records() const { return m_n_records; }
  const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
  std::unique_ptr<PartFile> m_file;
  std::int64_t m_n_records = 0;
};

}  // namespace tessera
