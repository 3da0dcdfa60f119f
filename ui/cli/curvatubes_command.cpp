#include "ui/cli/curvatubes_command.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "engine/error.h"
#include "scenes/curvatubes/curvatubes_file.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "sim/curvatubes/presets.h"
#include "ui/cli/run.h"

namespace tessera {

namespace {

// "1,2,3" -> {1, 2, 3}; exactly `count` finite numbers, or an error naming the flag.
std::vector<double> numbers(const std::string& text, std::size_t count, const char* flag) {
  std::vector<double> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    TESSERA_REQUIRE(!item.empty() && end != item.c_str() && *end == '\0' && std::isfinite(v),
                    std::string(flag) + ": '" + item + "' is not a finite number");
    out.push_back(v);
  }
  TESSERA_REQUIRE(out.size() == count, std::string(flag) + ": expected " + std::to_string(count) +
                                           " comma-separated numbers (got " + std::to_string(out.size()) + ")");
  return out;
}

int list_presets() {
  std::printf("%-22s %6s %8s %8s %8s %9s %9s %9s %7s  %s\n", "preset", "eps", "a20", "a11", "a02", "b10", "b01", "c",
              "M0", "morphology");
  for (const curvatubes::CurvatubesPreset& p : curvatubes::curvatubes_presets())
    std::printf("%-22s %6.3f %8.4g %8.4g %8.4g %9.5g %9.5g %9.6g %7.3f  %s%s\n", std::string(p.name).c_str(), p.eps,
                p.coeffs.a20, p.coeffs.a11, p.coeffs.a02, p.coeffs.b10, p.coeffs.b01, p.coeffs.c, p.m0,
                std::string(p.description).c_str(), p.mu != 0 ? " (oriented)" : "");
  return 0;
}

}  // namespace

CurvatubesFile curvatubes_file_from_options(const CurvatubesOptions& o) {
  CurvatubesFile f;
  if (!o.params.empty()) {
    f = load_curvatubes_file(o.params);
    f.iterations = 0;  // the run starts over and goes for --iterations
    return f;
  }
  curvatubes::CurvatubesParams& p = f.params;
  if (!o.strip.empty()) {
    f.strip = curvatubes::parse_strip(o.strip);
    // The scalars (what the window's sliders start from) are the first anchor's.
    TESSERA_REQUIRE(curvatubes::find_preset(f.strip->anchors.front().preset) != nullptr,
                    "--strip: unknown preset '" + f.strip->anchors.front().preset + "' (see tessera curvatubes --list)");
    p = curvatubes::apply_preset(p, f.strip->anchors.front().preset);
  }
  if (!o.preset.empty()) {
    TESSERA_REQUIRE(curvatubes::find_preset(o.preset) != nullptr,
                    "--preset: unknown preset '" + o.preset + "' (see tessera curvatubes --list)");
    p = curvatubes::apply_preset(p, o.preset);
    f.preset = o.preset;
  }
  if (!o.coeffs.empty()) {
    const std::vector<double> c = numbers(o.coeffs, 6, "--coeffs");
    p.coeffs = {c[0], c[1], c[2], c[3], c[4], c[5]};
    if (!o.preset.empty()) f.preset.clear();  // the coefficients are no longer the preset's
  }
  TESSERA_REQUIRE(o.mass || !o.preset.empty() || f.strip,
                  "--mass M0 is required with --coeffs (the preset gives one otherwise)");
  if (o.mass) p.m0 = *o.mass;
  if (o.eps) p.eps = *o.eps;
  if (o.mu) p.mu = *o.mu;
  if (!o.theta.empty()) {
    const std::vector<double> t = numbers(o.theta, 3, "--theta");
    p.theta = {t[0], t[1], t[2]};
  }
  if (!o.shape.empty()) {
    const std::vector<double> s = numbers(o.shape, 3, "--shape");
    for (double v : s)
      TESSERA_REQUIRE(v == std::floor(v) && v >= 16 && v <= 4096, "--shape: axes are 16 to 4096 voxels");
    p.nz = static_cast<int>(s[0]);
    p.nx = static_cast<int>(s[1]);
    p.ny = static_cast<int>(s[2]);
  } else if (o.strip == "notebook") {
    p.nz = 50;  // the reference's strip grid
    p.nx = 100;
    p.ny = 600;
  } else {
    p.nz = p.nx = p.ny = o.size;
  }
  p.flow = curvatubes::parse_flow(o.flow);
  p.boundary = curvatubes::parse_boundary(o.boundary);
  p.seed = o.seed;
  p.check_viable = o.check_viable;
  f.init = o.init;
  apply_strip(f);  // names a bad anchor
  curvatubes::validate(p);  // names the bad value: mass, eps, grid, coefficients
  return f;
}

int run_curvatubes(const CommonOptions& common, const CurvatubesOptions& o) {
  if (o.list) return list_presets();
  CurvatubesFile file = curvatubes_file_from_options(o);
  const Exec exec{resolve_backend(common.backend)};
  CurvatubesModel model(std::move(file), exec);
  model.snapshots = o.snapshots;
  for (std::int64_t it : o.snapshots)
    TESSERA_REQUIRE(it <= o.iterations, "--snapshots: iteration " + std::to_string(it) + " is past --iterations " +
                                            std::to_string(o.iterations));
  RunRequest request;
  request.out = o.out;
  request.overwrite = o.overwrite;
  request.steps = o.iterations;
  request.every = o.every > 0 ? o.every : static_cast<int>(std::min<std::int64_t>(o.iterations, 1 << 30));
  request.scale = 2;
  return run_model(model, request);
}

}  // namespace tessera
