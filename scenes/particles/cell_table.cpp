#include "scenes/particles/cell_table.h"

#include <cstdint>

namespace tessera {

const std::vector<std::string>& cell_table_columns() {
  static const std::vector<std::string> columns = {"step",   "time",   "id",     "species", "x",
                                                   "y",      "z",      "target_volume", "volume",
                                                   "axis_x", "axis_y", "axis_z", "aspect"};
  return columns;
}

void write_cell_rows(CsvWriter& csv, Simulation& sim) {
  const CellState& c = sim.cells();
  const std::vector<std::int64_t> counts = label_counts(sim.labels(), c.size());
  const double n_kept = static_cast<double>(sim.domain().n_kept);
  for (int i = 0; i < c.size(); ++i)
    csv.write_row({sim.step_count(), sim.time(), static_cast<std::int64_t>(c.id[i]),
                   static_cast<std::int64_t>(c.species[i]), c.x[i].x, c.x[i].y, c.x[i].z, c.volume[i],
                   static_cast<double>(counts[i]) / n_kept, c.axis[i].x, c.axis[i].y, c.axis[i].z, c.aspect[i]});
}

}  // namespace tessera
