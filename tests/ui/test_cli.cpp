#include <catch2/catch.hpp>

#include "ui/cli/cli.h"

using namespace tessera;

namespace {
CliParse parse(std::initializer_list<std::string> args) { return parse_cli(std::vector<std::string>(args)); }
}  // namespace

TEST_CASE("no arguments opens the window with defaults", "[cpu][cli]") {
  const CliParse p = parse({});
  REQUIRE(p.options);
  REQUIRE(p.options->command == Command::App);
  REQUIRE(p.options->common.backend == BackendChoice::Auto);
}

TEST_CASE("run parses its flags", "[cpu][cli]") {
  const CliParse p = parse({"run", "--steps", "12", "--out", "/tmp/x", "--every", "3", "--backend", "cpu", "--seeds", "9"});
  REQUIRE(p.options);
  REQUIRE(p.options->command == Command::Run);
  REQUIRE(p.options->run.steps == 12);
  REQUIRE(p.options->run.every == 3);
  REQUIRE(p.options->common.n_seeds == 9);
  REQUIRE(p.options->common.backend == BackendChoice::Cpu);
  REQUIRE(p.options->run.out == "/tmp/x");
  const CliParse scene = parse({"run", "--scene", "CellSorting3D", "--preset", "checkerboard", "--meshes", "--out", "/tmp/x"});
  REQUIRE(scene.options);
  REQUIRE(scene.options->run.preset == "checkerboard");
  REQUIRE(scene.options->run.meshes);
  REQUIRE(scene.options->run.slice == "z");  // 3D frames: horizontal middle slice by default
  const CliParse sliced = parse({"run", "--scene", "FallingStuff", "--slice", "x", "--out", "/tmp/x"});
  REQUIRE(sliced.options);
  REQUIRE(sliced.options->run.slice == "x");
}

TEST_CASE("help documents every command and flag", "[cpu][cli]") {
  const CliParse p = parse({"--help"});
  REQUIRE_FALSE(p.options);
  REQUIRE(p.exit_code == 0);
  for (const char* flag : {"--backend", "--seeds", "--size", "--seed", "--frames", "--screenshot", "run", "list"})
    REQUIRE_THAT(p.message, Catch::Contains(flag));
  const CliParse run_help = parse({"run", "--help"});
  for (const char* flag : {"--steps", "--every", "--out", "--overwrite", "--scale", "--preset", "--meshes", "--slice"})
    REQUIRE_THAT(run_help.message, Catch::Contains(flag));
}

TEST_CASE("bad input: one clear line and a non-zero exit", "[cpu][cli]") {
  struct Case {
    std::vector<std::string> args;
    const char* mentions;
  };
  const std::vector<Case> cases = {
      {{"--bogus"}, "--bogus"},
      {{"--backend", "gpu"}, "gpu"},
      {{"--seeds", "0"}, "--seeds"},
      {{"--seeds", "many"}, "--seeds"},
      {{"run", "--steps", "5"}, "--out"},
      {{"run", "--steps", "-1", "--out", "x"}, "--steps"},
      {{"run", "--slice", "w", "--out", "x"}, "--slice"},
      {{"--screenshot", "shot.jpg"}, ".png"},
      {{"frobnicate"}, "frobnicate"},
  };
  for (const Case& c : cases) {
    const CliParse p = parse_cli(c.args);
    INFO(c.args.front());
    REQUIRE_FALSE(p.options);
    REQUIRE(p.exit_code != 0);
    REQUIRE_THAT(p.message, Catch::Contains(c.mentions));
    REQUIRE(std::count(p.message.begin(), p.message.end(), '\n') == 1);
  }
}

TEST_CASE("numeric flags out of range say what they need in words", "[cpu][cli]") {
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  const std::vector<Case> cases = {
      {{"run", "--steps", "0", "--out", "x"}, "--steps must be at least 1 (got 0)"},
      {{"run", "--every", "0", "--out", "x"}, "--every must be at least 1 (got 0)"},
      {{"run", "--steps", "many", "--out", "x"}, "--steps must be an integer (got 'many')"},
      {{"run", "--scale", "17", "--out", "x"}, "--scale must be from 1 to 16 (got 17)"},
      {{"--frames", "-2"}, "--frames must be at least 0 (got -2)"},
      {{"--size", "4"}, "--size must be from 8 to 8192 (got 4)"},
      {{"bench", "--move", "200"}, "--move must be from 0 to 100 (got 200)"},
      {{"curvatubes", "--snapshots", "10,0", "--out", "x", "--preset", "tubes"}, "--snapshots must be at least 1 (got 0)"},
      {{"curvatubes", "--iterations", "0", "--out", "x", "--preset", "tubes"}, "--iterations must be from 1 to 10000000"},
  };
  for (const Case& c : cases) {
    const CliParse p = parse_cli(c.args);
    INFO(p.message);
    REQUIRE_FALSE(p.options);
    REQUIRE(p.exit_code == 2);
    REQUIRE_THAT(p.message, Catch::Contains(c.says));
    // CLI11's own wording for doubles ("not in range 0.000000 to 1.797693e+308") is gone.
    REQUIRE_THAT(p.message, !Catch::Contains("not in range"));
  }
  // The bounds themselves are accepted.
  REQUIRE(parse({"run", "--steps", "1", "--scale", "16", "--out", "x"}).options);
  REQUIRE(parse({"bench", "--move", "0"}).options);
}
