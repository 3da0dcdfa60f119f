#include "ui/cli/polycrystal_command.h"

#include <algorithm>

#include "engine/error.h"
#include "scenes/polycrystal/polycrystal_model.h"
#include "ui/cli/run.h"

namespace tessera {

PolycrystalFile polycrystal_file_from_options(const PolycrystalOptions& o) {
  PolycrystalFile f;
  polycrystal::PolycrystalParams& p = f.params;
  p.dim = o.dim;
  p.grains = o.grains;
  p.anisotropy = o.anisotropy;
  p.periodic = o.periodic;
  p.seed = o.seed;
  p.resolution = o.resolution;
  p.tolerance = o.tolerance;
  p.sizes = o.sizes == "lognormal" ? polycrystal::SizeLaw::Lognormal : polycrystal::SizeLaw::Equal;
  p.size_sigma = o.size_sigma;
  p.exclusion = o.exclusion;
  p.box_size = o.box_size;
  p.lloyd = o.lloyd;
  try {
    polycrystal::validate(p);
  } catch (const std::exception& e) {
    // The message starts with the field's name; users typed the flag ("size_sigma" -> "--size-sigma").
    std::string text = e.what();
    const std::size_t colon = text.find(':');
    std::string flag = text.substr(0, colon);
    std::replace(flag.begin(), flag.end(), '_', '-');
    throw_error("--" + flag + text.substr(colon));
  }
  return f;
}

int run_polycrystal(const CommonOptions& common, const PolycrystalOptions& o) {
  PolycrystalFile file = polycrystal_file_from_options(o);
  const Exec exec{resolve_backend(common.backend)};
  // Sampling and the grid checks run here, before the output folder is made.
  PolycrystalModel model(std::move(file), exec);
  RunRequest request;
  request.out = o.out;
  request.overwrite = o.overwrite;
  request.steps = 1 + o.lloyd;
  request.every = 1;
  return run_model(model, request);
}

}  // namespace tessera
