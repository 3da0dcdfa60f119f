#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/npy_io.h"
#include "engine/temp_dir.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

TEST_CASE("npy round trip: float32 (Z, X, Y) and (3, Z, X, Y), float64, int32", "[cpu][engine]") {
  const TempDir dir("npy");
  std::vector<float> u(2 * 3 * 4);
  for (std::size_t k = 0; k < u.size(); ++k) u[k] = 0.25f * static_cast<float>(k) - 1.1f;
  write_npy(dir / "u.npy", {2, 3, 4}, std::span<const float>(u));
  const NpyArray a = read_npy(dir / "u.npy");
  REQUIRE(a.shape == std::vector<std::int64_t>{2, 3, 4});
  REQUIRE(std::get<std::vector<float>>(a.values) == u);
  REQUIRE(a.to_float32() == u);
  const std::string bytes = read_bytes(dir / "u.npy");
  REQUIRE(bytes.compare(0, 8, std::string("\x93NUMPY\x01\x00", 8)) == 0);
  REQUIRE(bytes.find("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3, 4), }") == 10);
  REQUIRE((bytes.size() - u.size() * 4) % 64 == 0);  // data starts on a 64-byte boundary
  REQUIRE(bytes[bytes.size() - u.size() * 4 - 1] == '\n');

  std::vector<double> v(3 * 2 * 1 * 2);
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = 1.0 / (k + 3.0);
  write_npy(dir / "v.npy", {3, 2, 1, 2}, std::span<const double>(v));
  const NpyArray b = read_npy(dir / "v.npy");
  REQUIRE(b.shape == std::vector<std::int64_t>{3, 2, 1, 2});
  REQUIRE(std::get<std::vector<double>>(b.values) == v);
  REQUIRE(b.to_float32()[1] == static_cast<float>(v[1]));

  const std::vector<std::int32_t> labels = {-1, 0, 7};
  write_npy(dir / "l.npy", {3}, std::span<const std::int32_t>(labels));
  REQUIRE(read_bytes(dir / "l.npy").find("'shape': (3,)") != std::string::npos);
  REQUIRE(std::get<std::vector<std::int32_t>>(read_npy(dir / "l.npy").values) == labels);
  REQUIRE_THROWS_WITH(read_npy(dir / "l.npy").to_float32(), Catch::Contains("int32"));
  REQUIRE_THROWS_WITH(write_npy(dir / "u.npy", {2, 3, 4}, std::span<const float>(u)), Catch::Contains("already exists"));
  REQUIRE_THROWS_WITH(write_npy(dir / "w.npy", {2, 3}, std::span<const float>(u)), Catch::Contains("24 values"));
}

TEST_CASE("npy reader: Fortran order, other dtypes and truncation are errors naming the file", "[cpu][engine]") {
  const TempDir dir("npy_bad");
  const std::vector<float> u(6, 1.5f);
  write_npy(dir / "good.npy", {2, 3}, std::span<const float>(u));
  const std::string good = read_bytes(dir / "good.npy");
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {replaced("'fortran_order': False", "'fortran_order': True "), "Fortran-order"},
      {replaced("'<f4'", "'>f4'"), "dtype '>f4'"},
      {replaced("'<f4'", "'<c8'"), "dtype '<c8'"},
      {good.substr(0, good.size() - 3), "truncated"},
      {good.substr(0, 20), "truncated header"},
      {"PK\x03\x04 not npy", "magic"},
      {replaced("(2, 3)", "(2, x)"), "shape"},
  };
  for (const auto& [text, problem] : cases) {
    INFO(problem);
    const fs::path path = dir / "bad.npy";
    write_bytes(path, text);
    REQUIRE_THROWS_WITH(read_npy(path), Catch::Contains(path.string()) && Catch::Contains(problem));
  }
  REQUIRE_THROWS_WITH(read_npy(dir / "missing.npy"), Catch::Contains((dir / "missing.npy").string()));
}
