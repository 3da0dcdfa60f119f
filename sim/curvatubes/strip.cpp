#include "sim/curvatubes/strip.h"

#include <cstdio>
#include <cstdlib>

#include "engine/error.h"
#include "sim/curvatubes/presets.h"

namespace tessera::curvatubes {

namespace {

std::string number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

std::string strip_axis_name(int axis) {
  static const char* names[3] = {"Z", "X", "Y"};
  TESSERA_REQUIRE(axis >= 0 && axis < 3, "curvatubes: a strip's axis is 0 (Z), 1 (X) or 2 (Y)");
  return names[axis];
}

int parse_strip_axis(std::string_view name) {
  if (name == "Z" || name == "z") return 0;
  if (name == "X" || name == "x") return 1;
  if (name == "Y" || name == "y") return 2;
  throw_error("curvatubes: unknown strip axis '" + std::string(name) + "' (accepted: Z, X, Y)");
}

CoefficientStrip notebook_strip() {
  CoefficientStrip s;
  s.axis = 2;
  const char* order[8] = {"ext2_trabec_2", "ext2_layers",   "ext2_layers",   "ext2_tubes",
                          "ext2_spheres",  "ext2_trabec_2", "ext2_trabec_2", "ext2_layers"};
  for (int k = 0; k < 8; ++k) s.anchors.push_back({-50.0 + 100.0 * k, order[k]});
  return s;
}

SpatialFields strip_fields(const CurvatubesParams& p, const CoefficientStrip& strip) {
  TESSERA_REQUIRE(strip.anchors.size() >= 2, "curvatubes: a strip needs at least two anchors");
  std::vector<const CurvatubesPreset*> presets;
  for (std::size_t k = 0; k < strip.anchors.size(); ++k) {
    const StripAnchor& a = strip.anchors[k];
    const CurvatubesPreset* preset = find_preset(a.preset);
    TESSERA_REQUIRE(preset != nullptr, "curvatubes: strip anchor " + std::to_string(k + 1) + ": unknown preset '" +
                                           a.preset + "' (see tessera curvatubes --list)");
    TESSERA_REQUIRE(preset->mu == 0, "curvatubes: strip anchor " + std::to_string(k + 1) + ": preset '" + a.preset +
                                         "' has an orientation term, which cannot be spatialised");
    TESSERA_REQUIRE(k == 0 || a.at > strip.anchors[k - 1].at,
                    "curvatubes: strip anchor " + std::to_string(k + 1) + " at " + number(a.at) +
                        " does not lie past the previous one");
    presets.push_back(preset);
  }
  const int length = strip.axis == 0 ? p.nz : (strip.axis == 1 ? p.nx : p.ny);
  // One row of values per index along the axis, then broadcast to the grid.
  std::vector<double> row[8];
  for (auto& r : row) r.resize(static_cast<std::size_t>(length));
  for (int i = 0; i < length; ++i) {
    std::size_t k = 0;
    while (k + 2 < strip.anchors.size() && i >= strip.anchors[k + 1].at) ++k;
    const double a0 = strip.anchors[k].at, a1 = strip.anchors[k + 1].at;
    double t = (i - a0) / (a1 - a0);
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    const CurvatubesPreset& P = *presets[k];
    const CurvatubesPreset& Q = *presets[k + 1];
    auto mix = [t](double x, double y) { return (1 - t) * x + t * y; };
    const double values[8] = {mix(P.eps, Q.eps),           mix(P.coeffs.a20, Q.coeffs.a20), mix(P.coeffs.a11, Q.coeffs.a11),
                              mix(P.coeffs.a02, Q.coeffs.a02), mix(P.coeffs.b10, Q.coeffs.b10), mix(P.coeffs.b01, Q.coeffs.b01),
                              mix(P.coeffs.c, Q.coeffs.c),     mix(P.m0, Q.m0)};
    for (int f = 0; f < 8; ++f) row[f][static_cast<std::size_t>(i)] = values[f];
  }
  SpatialFields out;
  std::vector<double>* fields[8] = {&out.eps, &out.a20, &out.a11, &out.a02, &out.b10, &out.b01, &out.c, &out.m0};
  const std::size_t n = static_cast<std::size_t>(p.size());
  for (auto* f : fields) f->resize(n);
  std::size_t idx = 0;
  for (int z = 0; z < p.nz; ++z)
    for (int x = 0; x < p.nx; ++x)
      for (int y = 0; y < p.ny; ++y, ++idx) {
        const int i = strip.axis == 0 ? z : (strip.axis == 1 ? x : y);
        for (int f = 0; f < 8; ++f) (*fields[f])[idx] = row[f][static_cast<std::size_t>(i)];
      }
  return out;
}

CoefficientStrip parse_strip(std::string_view text) {
  if (text == "notebook") return notebook_strip();
  const std::size_t colon = text.find(':');
  TESSERA_REQUIRE(colon != std::string_view::npos,
                  "--strip: expected 'notebook' or AXIS:PRESET@POS,PRESET@POS,... (got '" + std::string(text) + "')");
  CoefficientStrip s;
  s.axis = parse_strip_axis(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty()) {
    const std::size_t comma = rest.find(',');
    const std::string item(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const std::size_t at = item.find('@');
    TESSERA_REQUIRE(at != std::string::npos && at > 0, "--strip: anchor '" + item + "' is not PRESET@POS");
    const std::string pos = item.substr(at + 1);
    char* end = nullptr;
    const double v = std::strtod(pos.c_str(), &end);
    TESSERA_REQUIRE(!pos.empty() && end == pos.c_str() + pos.size(),
                    "--strip: anchor '" + item + "': '" + pos + "' is not a voxel position");
    s.anchors.push_back({v, item.substr(0, at)});
  }
  return s;
}

std::string strip_text(const CoefficientStrip& s) {
  std::string out = strip_axis_name(s.axis) + ":";
  for (std::size_t k = 0; k < s.anchors.size(); ++k)
    out += (k ? "," : "") + s.anchors[k].preset + "@" + number(s.anchors[k].at);
  return out;
}

}  // namespace tessera::curvatubes
