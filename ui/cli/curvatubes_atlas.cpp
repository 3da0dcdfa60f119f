#include "ui/cli/curvatubes_atlas.h"

#include <array>
#include <cstdio>

#include "engine/error.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "engine/table_io.h"
#include "sim/curvatubes/presets.h"
#include "ui/cli/curvatubes_batch.h"

namespace tessera {

namespace {

std::string slot_folder(int slot) {
  char name[32];
  std::snprintf(name, sizeof name, "exp_%04d", slot);  // the gallery's "exp NNNN" (ref. 5.1)
  return name;
}

// The parameters of one draw: its coefficients and mass, a fresh noise, the viability checks.
CurvatubesFile draw_file(const curvatubes::FamilyMember& m, std::uint64_t noise_seed, int size) {
  CurvatubesFile f;
  curvatubes::CurvatubesParams& p = f.params;
  p.eps = m.eps;
  p.coeffs = m.coeffs;
  p.m0 = m.m0;
  p.nz = p.nx = p.ny = size;
  p.seed = noise_seed;
  p.check_viable = true;
  return f;
}

}  // namespace

int run_curvatubes_atlas(const CommonOptions& common, const CurvatubesAtlasOptions& o) {
  // Every check that can fail on bad input comes before the output folder is made.
  TESSERA_REQUIRE(o.count >= 1, "--count must be at least 1 (got " + std::to_string(o.count) + ")");
  TESSERA_REQUIRE(o.max_tries >= 1, "--max-tries must be at least 1 (got " + std::to_string(o.max_tries) + ")");
  TESSERA_REQUIRE(o.iterations >= 1, "--iterations must be at least 1");
  // The draws are valid by construction (M0 in (-0.75, -0.15)); this checks the grid.
  curvatubes::validate(draw_file(curvatubes::random_atlas_draw(o.seed, 0), 1, o.size).params);
  const Exec exec{resolve_backend(common.backend)};
  prepare_output_dir(o.out, o.overwrite);
  log::info(
      "curvatubes-atlas: {} textures, up to {} draws each, seed {}; {}^3, {} iterations per draw on {}, output in {}",
      o.count, o.max_tries, o.seed, o.size, o.iterations, describe(exec), o.out.string());

  std::vector<std::string> columns = {"slot", "draw", "try", "noise_seed", "eps", "a20",
                                      "a11",  "a02",  "b10", "b01",        "c",   "m0"};
  for (const std::string& c : texture_columns()) columns.push_back(c);
  columns.push_back("folder");
  CsvWriter table(o.out / "atlas.csv", columns, o.overwrite);

  const auto try_draw = [&](const AtlasTry& t) {
    const curvatubes::Coefficients& c = t.member.coeffs;
    log::info("texture {}/{}, draw {} (try {}/{}): coefficients [1, {:.4g}, {:.4g}, {:.4g}, {:.4g}, {:.4g}], M0 {:.4g}",
              t.slot + 1, o.count, t.draw, t.attempt, o.max_tries, c.a11, c.a02, c.b10, c.b01, c.c, t.member.m0);
    TextureRun run;
    run.out = o.out / slot_folder(t.slot);
    run.overwrite = o.overwrite;
    run.iterations = o.iterations;
    run.keep_rejected = false;  // as the reference: a non-viable draw leaves only its table row
    const TextureResult r = grow_texture(draw_file(t.member, t.noise_seed, o.size), exec, run);
    if (!r.viable()) log::info("  rejected: {}", r.reason);
    TableRow row = {std::int64_t{t.slot},
                    std::int64_t{t.draw},
                    std::int64_t{t.attempt},
                    static_cast<std::int64_t>(t.noise_seed),
                    t.member.eps,
                    c.a20,
                    c.a11,
                    c.a02,
                    c.b10,
                    c.b01,
                    c.c,
                    t.member.m0};
    for (TableValue& v : texture_cells(r)) row.push_back(std::move(v));
    row.push_back(r.written ? slot_folder(t.slot) : std::string());
    table.write_row(row);
    table.flush();  // a long atlas keeps its rows so far
    return r;
  };
  const std::vector<AtlasTry> tries = fill_atlas(o.seed, o.count, o.max_tries, try_draw);
  table.close();

  // How many were rejected, and why.
  int n_viable = 0;
  std::array<int, kRejectionNames.size()> n_by_reason{};
  for (const AtlasTry& t : tries) {
    if (t.result.viable()) ++n_viable;
    ++n_by_reason[static_cast<std::size_t>(t.result.rejection)];
  }
  const int n_rejected = static_cast<int>(tries.size()) - n_viable;
  log::info(
      "done: {} viable textures from {} draws; {} rejected ({} one phase vanished, {} discrepancy >= 0.75, {} "
      "diverged); atlas.csv in {}",
      n_viable, tries.size(), n_rejected, n_by_reason[static_cast<std::size_t>(Rejection::PhaseVanished)],
      n_by_reason[static_cast<std::size_t>(Rejection::Discrepancy)],
      n_by_reason[static_cast<std::size_t>(Rejection::Diverged)], o.out.string());
  TESSERA_REQUIRE(n_viable == o.count, std::to_string(o.count - n_viable) + " of " + std::to_string(o.count) +
                                           " textures found no viable draw in " + std::to_string(o.max_tries) +
                                           " tries (see " + (o.out / "atlas.csv").string() +
                                           "); raise --max-tries or --iterations");
  return 0;
}

}  // namespace tessera
