#include "sim/polycrystal/params.h"

#include <string>

#include "engine/error.h"

namespace tessera::polycrystal {

namespace {
constexpr double kMaxSeed = 9007199254740992.0;  // 2^53: every integer below is exact
}

PolycrystalParams default_polycrystal_params() { return PolycrystalParams{}; }

const FieldTable<PolycrystalParams>& polycrystal_fields() {
  static const FieldTable<PolycrystalParams> table = {
      TESSERA_INTEGER_FIELD(PolycrystalParams, dim, "", 2, 3, "dimension of the microstructure: 2 or 3"),
      TESSERA_INTEGER_FIELD(PolycrystalParams, grains, "", 1, 1e7, "number of grains N"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, anisotropy, "", 0, 1, kOpenMax,
                           "anisotropy strength alpha (PyAPD's ani_thres): principal lengths drawn in [1 - alpha, 1]; "
                           "0 gives a power diagram"),
      TESSERA_BOOL_FIELD(PolycrystalParams, periodic, "periodic box: grains wrap across the faces"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, seed, "", 0, kMaxSeed, kClosed,
                           "random seed of seeds, shapes, orientations and sizes"),
      TESSERA_INTEGER_FIELD(PolycrystalParams, resolution, "voxels", 0, 4096,
                            "voxels per axis; 0 = PyAPD's rule from the tolerance and the smallest grain"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, tolerance, "", 0, 1, kOpenBoth,
                           "every grain's relative volume error must end below this"),
      TESSERA_CHOICE_FIELD(PolycrystalParams, sizes, SizeLaw, kSizeLawNames,
                           "target volumes: equal, or lognormal equivalent diameters"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, size_sigma, "", 0, 10, kClosed,
                           "lognormal sizes: standard deviation of the equivalent diameter (mean 1)"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, exclusion, "", 0, 1, kClosed,
                           "seed exclusion radius R (minimum seed distance R N^(-1/D) in box units)"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, pixel_prefactor, "", 0, 100, kOpenMin,
                           "C in the resolution rule (PyAPD's pixel_size_prefactor)"),
      TESSERA_NUMBER_FIELD(PolycrystalParams, box_size, "m", 0, kUnbounded, kOpenMin, "edge of the box in metres"),
      TESSERA_INTEGER_FIELD(PolycrystalParams, lloyd, "", 0, 1000,
                            "Lloyd sweeps after the first fit: seeds move to their grain's centroid, then a warm re-fit"),
  };
  return table;
}

void validate(const PolycrystalParams& p) {
  for (const Field<PolycrystalParams>& f : polycrystal_fields()) {
    const std::string error = field_value_error(f, f.get(p));
    TESSERA_REQUIRE(error.empty(), std::string(f.name) + ": " + error);
  }
  TESSERA_REQUIRE(p.sizes != SizeLaw::Lognormal || p.size_sigma > 0,
                  "size_sigma: lognormal sizes need a standard deviation > 0 (use equal sizes for 0)");
  TESSERA_REQUIRE(p.resolution == 0 || p.resolution >= 4, "resolution: at least 4 voxels per axis (or 0 for the rule)");
}

}  // namespace tessera::polycrystal
