#include "sim/particles/bubbles.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include "engine/error.h"
#include "engine/parallel.h"
#include "sim/particles/insertion.h"
#include "sim/ot/laguerre.h"
#include "sim/particles/motion.h"

namespace tessera {

BubbleParams default_bubble_params(double base_radius) {
  BubbleParams p;
  p.profile_width = 2 * base_radius;
  p.insert_volume = 4.0 / 3.0 * std::numbers::pi * base_radius * base_radius * base_radius;
  return p;
}

void validate_bubble_params(const BubbleParams& p, const Grid& grid, std::int64_t n_kept) {
  TESSERA_REQUIRE(grid.dim == 3, "bubbles: a 3D grid is needed");
  TESSERA_REQUIRE(std::isfinite(p.surface) && std::isfinite(p.buoyancy) && std::isfinite(p.gravity) &&
                      std::isfinite(p.spread) && p.profile_width > 0,
                  "bubbles: the force profile must be finite, with profile_width > 0");
  TESSERA_REQUIRE(p.clamp_min < p.clamp_max, "bubbles: clamp_min must be below clamp_max");
  TESSERA_REQUIRE(p.burst_rate >= 0 && p.fusion_rate >= 0 && p.insertion_rate >= 0 && p.fusion_grid > 0,
                  "bubbles: burst, fusion and insertion rates must be >= 0, fusion_grid > 0");
  TESSERA_REQUIRE(p.max_total_volume > 0 && p.max_total_volume < 1, "bubbles: max_total_volume must be in (0, 1)");
  TESSERA_REQUIRE(p.insert_height > 0 && p.insert_height <= 1, "bubbles: insert_height must be in (0, 1]");
  const double voxels = p.insert_volume * static_cast<double>(n_kept);
  TESSERA_REQUIRE(p.insert_volume > 0 && voxels >= p.min_insert_voxels,
                  "bubbles: a new bubble (insert_volume " + std::to_string(p.insert_volume) + ") holds " +
                      std::to_string(voxels) + " voxels, fewer than min_insert_voxels = " +
                      std::to_string(p.min_insert_voxels) + " (raise the resolution or the bubble size)");
}

void add_bubble_forces(std::span<Vec3> velocity, std::span<const Vec3> x, const Grid& grid, const BubbleParams& p) {
  const Vec3 center{0.5 * grid.length[0], 0.5 * grid.length[1], 0.5 * grid.length[2]};
  for (std::size_t i = 0; i < velocity.size(); ++i) {
    // Buoyancy below the surface, gravity above (section 4.7's profile).
    velocity[i].z += buoyancy_profile(x[i].z, p.surface, p.gravity, p.buoyancy, p.profile_width);
    // Spreading toward the side walls: the raft covers the whole surface instead of
    // piling up in the middle, but a bubble already at a wall is left alone.
    const Vec3 d = x[i] - center;
    const double sup = std::max({std::fabs(d.x), std::fabs(d.y), std::fabs(d.z)});
    const bool in_layer = x[i].z > p.layer_min && x[i].z < p.layer_max;
    if ((in_layer || sup > p.near_wall) && sup <= p.touching_wall) velocity[i] += p.spread * d;
  }
}

void clamp_bubble_seeds(std::span<Vec3> x, const BubbleParams& p) {
  for (Vec3& v : x)
    for (int a = 0; a < 3; ++a) v[a] = std::clamp(v[a], p.clamp_min, p.clamp_max);
}

std::vector<TouchingPair> touching_pairs(const Grid& grid, std::span<const std::int32_t> labels) {
  TESSERA_REQUIRE(grid.dim == 3, "touching_pairs: a 3D grid is needed");
  TESSERA_REQUIRE(static_cast<std::int64_t>(labels.size()) == grid.size(), "touching_pairs: one label per voxel is needed");
  // Pair keys (a << 32 | b) of the counted voxels, per z slice, so slices run in parallel.
  const int nz = grid.n[2];
  std::vector<std::vector<std::uint64_t>> keys(nz);
  parallel_for_host(nz, [&](std::int64_t k) {
    std::vector<std::uint64_t>& out = keys[k];
    for (int j = 0; j < grid.n[1]; ++j)
      for (int i = 0; i < grid.n[0]; ++i) {
        // Only cell voxels can count: a medium voxel has the medium in its neighbourhood.
        if (labels[grid.index(i, j, static_cast<int>(k))] < 0) continue;
        std::int32_t first = -1, second = -1;  // the two largest cell labels seen
        bool medium = false;
        for (int dk = -1; dk <= 1 && !medium; ++dk)
          for (int dj = -1; dj <= 1 && !medium; ++dj)
            for (int di = -1; di <= 1; ++di) {
              int c[3] = {i + di, j + dj, static_cast<int>(k) + dk};
              bool outside = false;
              for (int a = 0; a < 3; ++a) {
                if (c[a] >= 0 && c[a] < grid.n[a]) continue;
                if (!grid.periodic[a]) outside = true;
                c[a] = (c[a] + grid.n[a]) % grid.n[a];
              }
              if (outside) continue;
              const std::int32_t l = labels[grid.index(c[0], c[1], c[2])];
              if (l == kVoidLabel) {
                medium = true;
                break;
              }
              if (l < 0 || l == first || l == second) continue;
              if (l > first) {
                second = first;
                first = l;
              } else if (l > second) {
                second = l;
              }
            }
        if (!medium && second >= 0)
          out.push_back(static_cast<std::uint64_t>(second) << 32 | static_cast<std::uint64_t>(first));
      }
  });
  std::vector<std::uint64_t> all;
  for (const auto& slice : keys) all.insert(all.end(), slice.begin(), slice.end());
  std::sort(all.begin(), all.end());
  std::vector<TouchingPair> pairs;
  for (std::size_t s = 0; s < all.size();) {
    std::size_t e = s;
    while (e < all.size() && all[e] == all[s]) ++e;
    pairs.push_back({static_cast<std::int32_t>(all[s] >> 32), static_cast<std::int32_t>(all[s] & 0xffffffffu),
                     static_cast<std::int64_t>(e - s)});
    s = e;
  }
  return pairs;
}

BubbleEventCounts bubble_events(CellState& cells, std::span<const TouchingPair> pairs, const Grid& grid,
                                const BubbleParams& p, double dt, const CounterRng& rng, std::int64_t step) {
  const int n = cells.size();
  BubbleEventCounts counts;
  std::vector<char> removed(n, 0);

  // Bursting: above the surface, large bubbles first (rate proportional to the volume).
  const std::uint64_t burst_stream = random_stream(RandomPurpose::Burst, step);
  for (int i = 0; i < n; ++i) {
    if (!(cells.x[i].z > p.burst_above)) continue;
    const double probability = 1.0 - std::exp(-p.burst_rate * cells.volume[i] * dt);
    if (rng.uniform(burst_stream, cells.id[i]) < probability) {
      removed[i] = 1;
      ++counts.burst;
      counts.burst_volume += cells.volume[i];
    }
  }

  // Fusion: candidates among the surviving bubbles, most probable first, each bubble in
  // at most one candidate; then one draw per candidate, keyed by the pair's lower id.
  const double grid_scale = std::pow(static_cast<double>(p.fusion_grid) * p.fusion_grid * p.fusion_grid /
                                         static_cast<double>(grid.size()), 2.0 / 3.0);
  struct Candidate {
    std::int32_t a, b;
    double probability;
  };
  std::vector<Candidate> candidates;
  for (const TouchingPair& pair : pairs) {
    TESSERA_REQUIRE(pair.a >= 0 && pair.b < n && pair.a < pair.b && pair.pixels > 0,
                    "bubble events: a touching pair does not index the current cells");
    if (removed[pair.a] || removed[pair.b]) continue;
    const double probability = std::min(1.0, p.fusion_rate * dt / (static_cast<double>(pair.pixels) * grid_scale));
    candidates.push_back({pair.a, pair.b, probability});
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& l, const Candidate& r) { return l.probability > r.probability; });
  std::vector<char> claimed(n, 0);
  const std::uint64_t fusion_stream = random_stream(RandomPurpose::Fusion, step);
  for (const Candidate& c : candidates) {
    if (claimed[c.a] || claimed[c.b]) continue;
    claimed[c.a] = claimed[c.b] = 1;
    if (rng.uniform(fusion_stream, std::min(cells.id[c.a], cells.id[c.b])) >= c.probability) continue;
    // The larger bubble absorbs the smaller one; volume and the volume-weighted centre are conserved.
    const bool a_survives = cells.volume[c.a] >= cells.volume[c.b];
    const int keep = a_survives ? c.a : c.b, gone = a_survives ? c.b : c.a;
    const double v = cells.volume[keep] + cells.volume[gone];
    cells.x[keep] = (cells.volume[keep] / v) * cells.x[keep] + (cells.volume[gone] / v) * cells.x[gone];
    cells.volume[keep] = v;
    removed[gone] = 1;
    ++counts.fused;
  }
  if (counts.burst + counts.fused > 0) cells.remove_flagged(removed);

  // Insertion near the bottom while the foam is below its cap (a fresh count each step;
  // sim/insertion.h, with the cap over every bubble).
  InsertionParams insertion;
  insertion.rate = p.insertion_rate;
  insertion.region_max = Vec3{grid.length[0], grid.length[1], p.insert_height * grid.length[2]};
  insertion.volume = p.insert_volume;
  insertion.cap_volume = p.max_total_volume;
  counts.inserted = insert_cells(cells, insertion, 3, dt, rng, random_stream(RandomPurpose::BubbleCount, step),
                                 random_stream(RandomPurpose::BubblePlacement, step))
                        .inserted;
  return counts;
}

const FieldTable<BubbleParams>& bubble_fields() {
  using B = BubbleParams;
  static const FieldTable<B> table = {
      TESSERA_NUMBER_FIELD(B, surface, "box units", -kUnbounded, kUnbounded, kClosed, "height of the liquid surface"),
      TESSERA_NUMBER_FIELD(B, buoyancy, "box units / time", -kUnbounded, kUnbounded, kClosed, "upward push below the surface"),
      TESSERA_NUMBER_FIELD(B, gravity, "box units / time", -kUnbounded, kUnbounded, kClosed, "vertical force above the surface"),
      TESSERA_NUMBER_FIELD(B, profile_width, "box units", 0, kUnbounded, kOpenMin, "half-width of the buoyancy layer"),
      TESSERA_NUMBER_FIELD(B, spread, "1 / time", -kUnbounded, kUnbounded, kClosed, "wall spreading gain"),
      TESSERA_NUMBER_FIELD(B, layer_min, "box units", -kUnbounded, kUnbounded, kClosed, "bottom of the surface layer"),
      TESSERA_NUMBER_FIELD(B, layer_max, "box units", -kUnbounded, kUnbounded, kClosed, "top of the surface layer"),
      TESSERA_NUMBER_FIELD(B, near_wall, "box units", -kUnbounded, kUnbounded, kClosed, "spreading beyond this distance from the centre"),
      TESSERA_NUMBER_FIELD(B, touching_wall, "box units", -kUnbounded, kUnbounded, kClosed, "no spreading beyond this distance"),
      TESSERA_NUMBER_FIELD(B, clamp_min, "box units", -kUnbounded, kUnbounded, kClosed, "seeds are clamped above this"),
      TESSERA_NUMBER_FIELD(B, clamp_max, "box units", -kUnbounded, kUnbounded, kClosed, "seeds are clamped below this"),
      TESSERA_NUMBER_FIELD(B, burst_above, "box units", -kUnbounded, kUnbounded, kClosed, "bubbles above this height may burst"),
      TESSERA_NUMBER_FIELD(B, burst_rate, "1 / time", 0, kUnbounded, kClosed, "bursting rate per unit volume fraction"),
      TESSERA_NUMBER_FIELD(B, fusion_rate, "1 / time", 0, kUnbounded, kClosed, "fusion rate of touching pairs"),
      TESSERA_INTEGER_FIELD(B, fusion_grid, "voxels", 1, 1e6, "reference grid of the fusion probability"),
      TESSERA_NUMBER_FIELD(B, insertion_rate, "1 / time", 0, kUnbounded, kClosed, "new bubbles per time unit"),
      TESSERA_NUMBER_FIELD(B, insert_volume, "", 0, 1, kOpenBoth, "volume fraction of a new bubble"),
      TESSERA_NUMBER_FIELD(B, insert_height, "box units", 0, 1, kOpenMin, "new bubbles appear below this height"),
      TESSERA_NUMBER_FIELD(B, max_total_volume, "", 0, 1, kOpenBoth, "no insertion once bubbles fill this fraction"),
      TESSERA_NUMBER_FIELD(B, min_insert_voxels, "voxels", 0, kUnbounded, kClosed, "fewest voxels a new bubble may have"),
  };
  return table;
}
}  // namespace tessera
