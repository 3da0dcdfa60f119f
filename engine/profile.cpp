#include "engine/profile.h"

#include "engine/log.h"

namespace tessera {

double Profile::total_ms() const {
  double total = 0;
  for (double v : ms) total += v;
  return total;
}

ScopedTimer::~ScopedTimer() {
  if (m_exec != nullptr) {
    try {
      m_exec->synchronize();
    } catch (const std::exception& e) {
      log::error("device synchronisation failed at the end of a timed stage: {}", e.what());
    }
  }
  m_profile[m_stage] += m_watch.elapsed_ms();
}

}  // namespace tessera
