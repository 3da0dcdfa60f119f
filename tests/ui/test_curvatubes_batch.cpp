// The curvatubes family and atlas commands (ui/cli/curvatubes_batch.h, _family.h, _atlas.h)
// on 16^3 grids with a few iterations: the retry rule, a real rejection, reproducibility
// from the seed, the files written and bad input refused before anything is written.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <span>
#include <string>

#include "engine/error.h"
#include "engine/image_io.h"
#include "engine/npy_io.h"
#include "ui/cli/cli.h"
#include "ui/cli/curvatubes_atlas.h"
#include "ui/cli/curvatubes_batch.h"
#include "ui/cli/curvatubes_family.h"

using namespace tessera;
namespace fs = std::filesystem;

namespace {

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("tessera_ct_batch_" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  return dir;
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t line_count(const fs::path& path) {
  const std::string text = file_text(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

constexpr int kSize = 16;
constexpr int kIterations = 20;

// A 16^3 cons run of draw t; with a zero potential A0 (`flat`) u stays at M0 < 0, so one
// phase is missing and the draw is not viable, whatever the coefficients.
TextureResult grow_draw(const AtlasTry& t, const fs::path& out, const fs::path& flat = {}) {
  CurvatubesFile f;
  f.params.eps = t.member.eps;
  f.params.coeffs = t.member.coeffs;
  f.params.m0 = t.member.m0;
  f.params.nz = f.params.nx = f.params.ny = kSize;
  f.params.seed = t.noise_seed;
  f.params.check_viable = true;
  f.init = flat;
  TextureRun run;
  run.out = out;
  run.iterations = kIterations;
  run.keep_rejected = false;
  return grow_texture(f, Exec{Backend::Cpu}, run);
}

fs::path zero_potential(const fs::path& dir) {
  fs::create_directories(dir);
  const std::vector<float> a0(static_cast<std::size_t>(3 * kSize * kSize * kSize), 0.0f);
  write_npy(dir / "a0.npy", {3, kSize, kSize, kSize}, std::span<const float>(a0), true);
  return dir / "a0.npy";
}

}  // namespace

TEST_CASE("curvatubes atlas: a rejected draw is retried with the next draw in the same slot", "[cpu][curvatubes]") {
  const auto reject = [](const AtlasTry& t) {
    TextureResult r;
    if (t.draw == 0 || t.draw == 3) {
      r.rejection = Rejection::Discrepancy;
      r.reason = "test";
    }
    return r;
  };
  const std::vector<AtlasTry> tries = fill_atlas(11, 3, 5, reject);
  REQUIRE(tries.size() == 5);
  const int slots[] = {0, 0, 1, 2, 2}, attempts[] = {1, 2, 1, 1, 2};
  for (std::size_t k = 0; k < tries.size(); ++k) {
    REQUIRE(tries[k].draw == static_cast<int>(k));
    REQUIRE(tries[k].slot == slots[k]);
    REQUIRE(tries[k].attempt == attempts[k]);
    // Each try is the pure draw of its index: coefficients and a fresh noise.
    REQUIRE(tries[k].member.coeffs.c == curvatubes::random_atlas_draw(11, static_cast<int>(k)).coeffs.c);
    REQUIRE(tries[k].member.m0 == curvatubes::random_atlas_draw(11, static_cast<int>(k)).m0);
    REQUIRE(tries[k].noise_seed == curvatubes::atlas_noise_seed(11, static_cast<int>(k)));
  }
  REQUIRE_FALSE(tries[0].result.viable());
  REQUIRE(tries[1].result.viable());
  // A slot that never finds a viable draw gives up after max_tries; the next slot goes on.
  const std::vector<AtlasTry> none = fill_atlas(11, 2, 3, [](const AtlasTry&) {
    TextureResult r;
    r.rejection = Rejection::PhaseVanished;
    return r;
  });
  REQUIRE(none.size() == 6);
  REQUIRE(none[3].slot == 1);
  REQUIRE(none[3].draw == 3);
  REQUIRE(none[3].attempt == 1);
  REQUIRE_THROWS_WITH(fill_atlas(11, 0, 3, reject), Catch::Contains("--count"));
  REQUIRE_THROWS_WITH(fill_atlas(11, 1, 0, reject), Catch::Contains("--max-tries"));
}

TEST_CASE("curvatubes atlas: real runs are reproducible from the seed; a non-viable draw leaves no folder",
          "[cpu][curvatubes]") {
  const fs::path root = fresh_dir("atlas");
  const fs::path flat = zero_potential(root / "init");
  // Draw 0 starts from a flat field (not viable: one phase vanished), so slot 0 takes draw 1.
  const auto run_atlas = [&](const std::string& name) {
    return fill_atlas(5, 2, 4, [&](const AtlasTry& t) {
      return grow_draw(t, root / name / ("slot_" + std::to_string(t.slot)), t.draw == 0 ? flat : fs::path());
    });
  };
  const std::vector<AtlasTry> a = run_atlas("a");
  const std::vector<AtlasTry> b = run_atlas("b");
  REQUIRE(a.size() >= 3);
  REQUIRE(a[0].draw == 0);
  REQUIRE(a[0].result.rejection == Rejection::PhaseVanished);
  REQUIRE_THAT(a[0].result.reason, Catch::Contains("one phase vanished on the final field"));
  REQUIRE(a[0].result.check.stats.max < 0.1);
  REQUIRE_FALSE(a[0].result.written);
  REQUIRE(a[1].slot == 0);
  REQUIRE(a[1].draw == 1);
  REQUIRE(a[1].attempt == 2);
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    REQUIRE(a[k].draw == b[k].draw);
    REQUIRE(a[k].member.coeffs.b10 == b[k].member.coeffs.b10);
    REQUIRE(a[k].result.rejection == b[k].result.rejection);
    REQUIRE(a[k].result.energy == b[k].result.energy);
    REQUIRE(a[k].result.metrics.surface_area == b[k].result.metrics.surface_area);
    REQUIRE(a[k].result.written == a[k].result.viable());
  }
  // The folder of each slot holds its viable texture, the same bytes in both runs.
  for (const AtlasTry& t : a) {
    if (!t.result.written) continue;
    const fs::path fa = root / "a" / ("slot_" + std::to_string(t.slot)),
                   fb = root / "b" / ("slot_" + std::to_string(t.slot));
    REQUIRE(fs::exists(fa / "field.nii.gz"));
    REQUIRE(fs::exists(fa / "morphometrics.json"));
    REQUIRE(file_text(fa / "field.nrrd") == file_text(fb / "field.nrrd"));
  }
  // A different seed draws different coefficients.
  REQUIRE(fill_atlas(6, 1, 1, [](const AtlasTry&) { return TextureResult{}; })[0].member.coeffs.c !=
          a.back().member.coeffs.c);
  fs::remove_all(root);
}

TEST_CASE("curvatubes atlas: the check at 500 evaluations stops a non-viable run", "[cpu][slow][curvatubes]") {
  const fs::path root = fresh_dir("check500");
  CurvatubesFile f;
  f.params.nz = f.params.nx = f.params.ny = kSize;
  // Outside the spinodal range |u| < 1/sqrt(3): round-off on the flat field does not grow.
  f.params.m0 = -0.7;
  f.params.check_viable = true;
  f.init = zero_potential(root / "init");  // u stays at M0: one phase is missing
  TextureRun run;
  run.out = root / "out";
  run.iterations = 600;
  run.keep_rejected = false;
  const TextureResult r = grow_texture(f, Exec{Backend::Cpu}, run);
  INFO(r.reason);
  REQUIRE(r.rejection == Rejection::PhaseVanished);
  REQUIRE(r.iterations == 500);  // stopped by the generator's check, not run to 600
  REQUIRE(r.check.n_evals == 500);
  REQUIRE_THAT(r.reason, Catch::Contains("at evaluation 500"));
  REQUIRE_FALSE(fs::exists(run.out));
  fs::remove_all(root);
}

TEST_CASE("curvatubes-family: a 2 x 2 grid writes every member, family.csv and a contact sheet", "[cpu][curvatubes]") {
  const fs::path out = fresh_dir("family");
  CurvatubesFamilyOptions o;
  o.corners = "tubes,pearls,sponge,bilayers";
  o.steps = 2;
  o.size = kSize;
  o.iterations = kIterations;
  o.out = out;
  CommonOptions common;
  common.backend = BackendChoice::Cpu;
  REQUIRE(run_curvatubes_family(common, o) == 0);
  for (const char* member : {"row_0_col_0", "row_0_col_1", "row_1_col_0", "row_1_col_1"}) {
    REQUIRE(fs::exists(out / member / "field.nii.gz"));
    REQUIRE(fs::exists(out / member / "params.json"));
  }
  REQUIRE(line_count(out / "family.csv") == 5);  // header + 4 members
  const std::string table = file_text(out / "family.csv");
  REQUIRE_THAT(table, Catch::StartsWith("i,j,x,y,eps,a20,a11,a02,b10,b01,c,m0,iterations,"));
  REQUIRE_THAT(table, Catch::Contains("\n1,0,1,0,0.02,1,3.55,1,-56,-56,784,-0.77,20,"));  // x = 1, y = 0: pearls
  const Image sheet = read_png(out / "contact_sheet.png");
  REQUIRE(sheet.width == 2 * kSize * 6 + 3 * 2);  // 16 voxels zoomed 6x, 2-pixel gaps
  REQUIRE(sheet.height == sheet.width);

  // Bad input is refused before anything is written; an existing folder needs --overwrite.
  CurvatubesFamilyOptions bad = o;
  bad.out = fresh_dir("never");
  bad.corners = "tubes,nosuch,sponge,bilayers";
  REQUIRE_THROWS_WITH(run_curvatubes_family(common, bad), Catch::Contains("'nosuch'"));
  bad.corners = "tubes,pearls,sponge";
  REQUIRE_THROWS_WITH(run_curvatubes_family(common, bad), Catch::Contains("four comma-separated"));
  bad.corners = o.corners;
  bad.mass = 1.5;
  REQUIRE_THROWS_WITH(run_curvatubes_family(common, bad), Catch::Contains("row_0_col_0"));
  REQUIRE_FALSE(fs::exists(bad.out));
  REQUIRE_THROWS_WITH(run_curvatubes_family(common, o), Catch::Contains("--overwrite"));
  fs::remove_all(out);
}

TEST_CASE("curvatubes-family and -atlas parse their flags; bad values are refused", "[cpu][cli]") {
  const CliParse f = parse_cli({"curvatubes-family", "--corners", "tubes,pearls,sponge,sieve", "--steps", "3", "--mass",
                                "-0.5", "--size", "24", "--iterations", "7", "--seed", "9", "--out", "/tmp/f"});
  REQUIRE(f.options);
  REQUIRE(f.options->command == Command::CurvatubesFamily);
  REQUIRE(f.options->family.corners == "tubes,pearls,sponge,sieve");
  REQUIRE(f.options->family.steps == 3);
  REQUIRE(*f.options->family.mass == -0.5);
  REQUIRE(f.options->family.size == 24);
  REQUIRE(f.options->family.iterations == 7);
  REQUIRE(f.options->family.seed == 9);
  const CliParse a =
      parse_cli({"curvatubes-atlas", "--count", "4", "--max-tries", "6", "--size", "20", "--out", "/tmp/a"});
  REQUIRE(a.options);
  REQUIRE(a.options->command == Command::CurvatubesAtlas);
  REQUIRE(a.options->atlas.count == 4);
  REQUIRE(a.options->atlas.max_tries == 6);
  REQUIRE(a.options->atlas.size == 20);
  REQUIRE(parse_cli({"curvatubes-family", "--out", "/tmp/f"}).options->family.corners ==
          "layers,sponges,spheres,tubes_r004");  // ref. 5.3's corners by default
  for (const std::vector<std::string>& bad :
       {std::vector<std::string>{"curvatubes-family", "--steps", "1", "--out", "/tmp/f"},
        std::vector<std::string>{"curvatubes-family"},
        std::vector<std::string>{"curvatubes-atlas", "--count", "0", "--out", "/tmp/a"},
        std::vector<std::string>{"curvatubes-atlas", "--max-tries", "0", "--out", "/tmp/a"},
        std::vector<std::string>{"curvatubes-atlas"}}) {
    const CliParse p = parse_cli(bad);
    REQUIRE_FALSE(p.options);
    REQUIRE(p.exit_code != 0);
  }
}
