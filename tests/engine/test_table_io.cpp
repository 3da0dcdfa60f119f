#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/log.h"
#include "engine/number_text.h"
#include "engine/table_io.h"
#include "engine/temp_dir.h"
#include "test_support.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
namespace fs = std::filesystem;

namespace {

// RFC 4180 reader for the round trip: quoted fields may hold commas, quotes (doubled) and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (quoted) {
      if (c == '"' && k + 1 < text.size() && text[k + 1] == '"') {
        field += '"';
        ++k;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  REQUIRE(rows.back().empty());  // the file ends with a newline
  rows.pop_back();
  return rows;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("CSV fields: RFC 4180 quoting only where needed", "[cpu][engine]") {
  REQUIRE(csv_field("volume") == "volume");
  REQUIRE(csv_field("") == "");
  REQUIRE(csv_field("a,b") == "\"a,b\"");
  REQUIRE(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  REQUIRE(csv_field("two\nlines") == "\"two\nlines\"");
  REQUIRE(csv_field("cr\r") == "\"cr\r\"");
  REQUIRE(csv_field(" padded") == "\" padded\"");
  REQUIRE(csv_value(TableValue{std::int64_t{-42}}) == "-42");
  REQUIRE(csv_value(TableValue{0.1}) == "0.1");
  REQUIRE(csv_value(TableValue{std::string("x,y")}) == "\"x,y\"");
}

TEST_CASE("CSV round trip: header, quoting, exact numbers", "[cpu][engine]") {
  const TempDir dir("csv");
  const fs::path path = dir / "cells.csv";
  const std::vector<std::string> columns = {"step", "time", "id", "species", "x", "volume", "aspect, ratio"};
  const std::vector<double> doubles = {0.1, 1.0 / 3.0, 1e-300, -2.5e17, std::nextafter(1.0, 2.0), 6.02214076e23};
  const std::vector<std::string> names = {"plain", "a,b", "quote \"q\"", "multi\nline", " lead", ""};
  {
    CsvWriter csv(path, columns);
    for (std::size_t r = 0; r < doubles.size(); ++r) {
      csv.write_row({static_cast<std::int64_t>(r), doubles[r] * 2,
                     std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(r), names[r], doubles[r],
                     -doubles[r], 1.0 + r / 7.0});
    }
    REQUIRE(csv.n_rows() == 6);
    csv.close();
  }
  const auto rows = parse_csv(read_bytes(path));
  REQUIRE(rows.size() == 7);
  REQUIRE(rows[0] == columns);
  for (std::size_t r = 0; r < doubles.size(); ++r) {
    const auto& row = rows[r + 1];
    REQUIRE(row.size() == columns.size());
    REQUIRE(parse_int(row[0]) == static_cast<std::int64_t>(r));
    REQUIRE(parse_double(row[1]) == doubles[r] * 2);  // exact: no digits lost
    REQUIRE(parse_int(row[2]) == std::numeric_limits<std::int64_t>::max() - static_cast<std::int64_t>(r));
    REQUIRE(row[3] == names[r]);
    REQUIRE(parse_double(row[4]) == doubles[r]);
    REQUIRE(parse_double(row[5]) == -doubles[r]);
    REQUIRE(parse_double(row[6]) == 1.0 + r / 7.0);
  }
  REQUIRE_FALSE(fs::exists(dir / "cells.csv.part"));
}

TEST_CASE("CSV writer refuses rows of the wrong width and bad headers", "[cpu][engine]") {
  const TempDir dir("csv_width");
  const fs::path path = dir / "t.csv";
  CsvWriter csv(path, {"step", "time", "id"});
  csv.write_row({std::int64_t{1}, 0.5, std::int64_t{7}});
  REQUIRE_THROWS_WITH(csv.write_row({std::int64_t{2}, 1.0}),
                      Catch::Contains(path.string()) && Catch::Contains("2 values") && Catch::Contains("3 columns"));
  REQUIRE_THROWS_WITH(csv.write_row({std::int64_t{2}, 1.0, std::int64_t{3}, std::string("extra")}),
                      Catch::Contains("4 values"));
  csv.write_row({std::int64_t{3}, 1.5, std::int64_t{9}});  // still usable after a refusal
  csv.close();
  REQUIRE(read_bytes(path) == "step,time,id\n1,0.5,7\n3,1.5,9\n");
  REQUIRE_THROWS_WITH(csv.write_row({std::int64_t{4}, 2.0, std::int64_t{1}}), Catch::Contains("is closed"));
  REQUIRE_THROWS_WITH(csv.close(), Catch::Contains("is closed"));

  REQUIRE_THROWS_WITH(CsvWriter(dir / "u.csv", {}), Catch::Contains("no columns"));
  REQUIRE_THROWS_WITH(CsvWriter(dir / "u.csv", {"x", "y", "x"}), Catch::Contains("'x' appears twice"));
  REQUIRE_FALSE(fs::exists(dir / "u.csv.part"));
}

TEST_CASE("CSV writer: overwrite rule, unwritable paths, full disk", "[cpu][engine]") {
  const TempDir dir("csv_paths");
  const fs::path path = dir / "t.csv";
  {
    CsvWriter csv(path, {"a"});
    csv.close();
  }
  REQUIRE_THROWS_WITH(CsvWriter(path, {"a"}), Catch::Contains(path.string()) && Catch::Contains("already exists"));
  {
    CsvWriter csv(path, {"b"}, true);
    csv.close();
  }
  REQUIRE(read_bytes(path) == "b\n");
  REQUIRE_THROWS_WITH(CsvWriter("/nonexistent/dir/t.csv", {"a"}), Catch::Contains("/nonexistent/dir/t.csv"));
  REQUIRE_THROWS_WITH(CsvWriter("/proc/tessera_cannot_exist.csv", {"a"}),
                      Catch::Contains("/proc/tessera_cannot_exist.csv"));

  const fs::path full = dir / "full.csv";
  tessera::test::make_part_file_full(full);
  CsvWriter csv(full, {"a"});
  csv.write_row({std::int64_t{1}});
  REQUIRE_THROWS_WITH(csv.flush(), Catch::Contains(full.string()) && Catch::Contains("No space left"));
  REQUIRE_FALSE(fs::exists(full));
  REQUIRE_FALSE(fs::is_symlink(dir / "full.csv.part"));
  REQUIRE_THROWS_WITH(csv.write_row({std::int64_t{2}}), Catch::Contains("is closed"));
}

TEST_CASE("CSV rows reach the part file on flush; the real name appears on close", "[cpu][engine]") {
  const TempDir dir("csv_stream");
  const fs::path path = dir / "t.csv";
  const fs::path part = dir / "t.csv.part";
  {
    CsvWriter csv(path, {"step"});
    csv.write_row({std::int64_t{1}});
    csv.flush();
    REQUIRE(read_bytes(part) == "step\n1\n");
    REQUIRE_FALSE(fs::exists(path));
    csv.close();
  }
  REQUIRE(read_bytes(path) == "step\n1\n");
  REQUIRE_FALSE(fs::exists(part));

  // Abandoned (an error unwinding a run): the rows stay, under the name that says so.
  const fs::path abandoned = dir / "abandoned.csv";
  test::expect_warnings();
  const std::int64_t warnings = log::warning_count();
  {
    CsvWriter csv(abandoned, {"step"});
    csv.write_row({std::int64_t{7}});
  }
  REQUIRE(log::warning_count() == warnings + 1);  // says where the rows are
  REQUIRE_FALSE(fs::exists(abandoned));
  REQUIRE(read_bytes(dir / "abandoned.csv.part") == "step\n7\n");
}

TEST_CASE("JSON lines: one object per line, full precision, refusals", "[cpu][engine]") {
  const TempDir dir("jsonl");
  const fs::path path = dir / "solver.jsonl";
  {
    JsonLinesWriter stats(path);
    stats.write({{"step", 1}, {"solver", "newton"}, {"residual", 1.0 / 3.0}, {"iterations", 12}});
    stats.write({{"step", 2}, {"note", "two\nlines"}, {"residual", std::nan("")}, {"history", {0.5, 0.25}}});
    REQUIRE_THROWS_WITH(stats.write(nlohmann::json::array({1, 2})),
                        Catch::Contains(path.string()) && Catch::Contains("not a JSON object"));
    REQUIRE(stats.n_records() == 2);
    stats.close();
  }
  const auto lines = lines_of(read_bytes(path));
  REQUIRE(lines.size() == 2);
  const auto first = nlohmann::json::parse(lines[0]);
  REQUIRE(first.at("residual").get<double>() == 1.0 / 3.0);
  REQUIRE(first.at("solver") == "newton");
  const auto second = nlohmann::json::parse(lines[1]);
  REQUIRE(second.at("note") == "two\nlines");
  REQUIRE(second.at("residual").is_null());
  REQUIRE(second.at("history")[1].get<double>() == 0.25);

  REQUIRE_THROWS_WITH(JsonLinesWriter(path), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(JsonLinesWriter("/nonexistent/dir/s.jsonl"), Catch::Contains("/nonexistent/dir/s.jsonl"));
}
