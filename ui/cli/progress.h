#pragma once
// A one-line terminal progress bar with ETA, redrawn in place on a terminal and
// printed every 10 % otherwise (logs, CI).
#include <cstdint>
#include <cstdio>

#include "engine/profile.h"

namespace tessera {

class ProgressBar {
 public:
  ProgressBar(std::int64_t total, std::FILE* out = stderr);
  void update(std::int64_t done);
  void finish();

 private:
  std::int64_t m_total;
  std::FILE* m_out;
  bool m_tty;
  int m_last_decile = -1;
  Stopwatch m_watch;
};

}  // namespace tessera
