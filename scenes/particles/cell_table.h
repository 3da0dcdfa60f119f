#pragma once
// The per-cell table of a state (id, species, position, target and measured volume,
// axis, aspect ratio): the rows of `tessera run`'s cells.csv and of the window's
// "export cells" button.
#include <string>
#include <vector>

#include "engine/table_io.h"
#include "sim/particles/simulation.h"

namespace tessera {

const std::vector<std::string>& cell_table_columns();
// One row per cell of the current state; measured volumes come from the last fit's labels.
void write_cell_rows(CsvWriter& csv, Simulation& sim);

}  // namespace tessera
