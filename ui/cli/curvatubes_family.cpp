#include "ui/cli/curvatubes_family.h"

#include <algorithm>
#include <array>
#include <sstream>
#include <string_view>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/log.h"
#include "engine/output_dir.h"
#include "engine/table_io.h"
#include "sim/curvatubes/presets.h"
#include "ui/cli/curvatubes_batch.h"

namespace tessera {

namespace {

using curvatubes::FamilyMember;

// "a,b,c,d" -> four preset names, or an error naming the flag and the bad name.
std::array<std::string, 4> corner_names(const std::string& text) {
  std::vector<std::string> names;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) names.push_back(item);
  TESSERA_REQUIRE(names.size() == 4, "--corners: expected four comma-separated preset names A,B,C,D (got " +
                                         std::to_string(names.size()) + " in '" + text + "')");
  for (const std::string& n : names)
    TESSERA_REQUIRE(curvatubes::find_preset(n) != nullptr,
                    "--corners: unknown preset '" + n + "' (see tessera curvatubes --list)");
  return {names[0], names[1], names[2], names[3]};
}

std::string member_folder(const FamilyMember& m) {
  return "row_" + std::to_string(m.i) + "_col_" + std::to_string(m.j);
}

// The K x K middle slices, row i down, column j across, 2-pixel white gaps; members
// without a field stay white.
Image contact_sheet(const std::vector<FamilyMember>& members, const std::vector<Image>& slices, int steps, int nx,
                    int ny) {
  constexpr int kGap = 2;
  const int zoom = std::max(1, 96 / std::max(nx, ny));  // small grids stay legible
  const int tw = ny * zoom, th = nx * zoom;
  Image sheet(steps * tw + (steps + 1) * kGap, steps * th + (steps + 1) * kGap);
  std::fill(sheet.rgba.begin(), sheet.rgba.end(), std::uint8_t{255});
  for (std::size_t k = 0; k < members.size(); ++k) {
    const Image& s = slices[k];
    if (s.width != ny || s.height != nx) continue;
    const int x0 = kGap + members[k].j * (tw + kGap), y0 = kGap + members[k].i * (th + kGap);
    for (int y = 0; y < th; ++y)
      for (int x = 0; x < tw; ++x) std::copy_n(s.pixel(x / zoom, y / zoom), 4, sheet.pixel(x0 + x, y0 + y));
  }
  return sheet;
}

}  // namespace

int run_curvatubes_family(const CommonOptions& common, const CurvatubesFamilyOptions& o) {
  // Every check that can fail on bad input comes before the output folder is made.
  const std::array<std::string, 4> names = corner_names(o.corners);
  const std::vector<FamilyMember> members =
      curvatubes::bilinear_family({names[0], names[1], names[2], names[3]}, o.steps);
  std::vector<CurvatubesFile> files;
  for (const FamilyMember& m : members) {
    CurvatubesFile f;
    curvatubes::CurvatubesParams& p = f.params;
    p.eps = m.eps;
    p.coeffs = m.coeffs;
    p.m0 = o.mass ? *o.mass : m.m0;
    p.nz = p.nx = p.ny = o.size;
    p.seed = o.seed;  // one shared A0 for the whole family (ref. 5.3)
    try {
      curvatubes::validate(p);
    } catch (const std::exception& e) {
      throw_error("family member " + member_folder(m) + ": " + e.what());
    }
    files.push_back(f);
  }
  const Exec exec{resolve_backend(common.backend)};
  prepare_output_dir(o.out, o.overwrite);
  log::info("curvatubes-family: {} x {} between {}, {}, {}, {}; {}^3, {} iterations each on {}, output in {}", o.steps,
            o.steps, names[0], names[1], names[2], names[3], o.size, o.iterations, describe(exec), o.out.string());

  std::vector<std::string> columns = {"i", "j", "x", "y", "eps", "a20", "a11", "a02", "b10", "b01", "c", "m0"};
  for (const std::string& c : texture_columns()) columns.push_back(c);
  columns.push_back("folder");
  CsvWriter table(o.out / "family.csv", columns, o.overwrite);
  std::vector<Image> slices(members.size());
  int n_viable = 0;
  for (std::size_t k = 0; k < members.size(); ++k) {
    const FamilyMember& m = members[k];
    const curvatubes::Coefficients& c = m.coeffs;
    log::info(
        "member {}/{} ({}, x = {:.3g}, y = {:.3g}): coefficients [{:.4g}, {:.4g}, {:.4g}, {:.4g}, {:.4g}, {:.4g}], "
        "M0 {:.4g}",
        k + 1, members.size(), member_folder(m), m.x, m.y, c.a20, c.a11, c.a02, c.b10, c.b01, c.c, files[k].params.m0);
    TextureRun run;
    run.out = o.out / member_folder(m);
    run.overwrite = o.overwrite;
    run.iterations = o.iterations;
    run.keep_rejected = true;  // the family is a grid: every member is written, the table says which are viable
    TextureResult r = grow_texture(files[k], exec, run);
    if (r.viable())
      ++n_viable;
    else
      log::info("  not viable: {}", r.reason);
    TableRow row = {std::int64_t{m.i}, std::int64_t{m.j}, m.x, m.y, m.eps, c.a20, c.a11, c.a02, c.b10, c.b01, c.c,
                    files[k].params.m0};
    const TableRow cells = texture_cells(r);
    row.insert(row.end(), cells.begin(), cells.end());
    row.emplace_back(std::in_place_type<std::string>, member_folder(m));
    table.write_row(row);
    table.flush();  // a long family keeps its rows so far
    slices[k] = std::move(r.slice);
  }
  table.close();
  const std::filesystem::path sheet = o.out / "contact_sheet.png";
  check_can_create(sheet, o.overwrite);
  write_png(sheet, contact_sheet(members, slices, o.steps, o.size, o.size));
  log::info("done: {} textures, {} viable; family.csv and contact_sheet.png in {}", members.size(), n_viable,
            o.out.string());
  return 0;
}

}  // namespace tessera
