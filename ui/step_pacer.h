#pragma once
// Real-time pacing of the running simulation: with a rate r (simulation time units per
// wall-clock second) and a step dt, the window takes r / dt steps per second on average,
// never more than the frame's substeps at once, so a stall (a slow frame, a dragged
// window) is not followed by a burst. GL-free.
#include <algorithm>
#include <cmath>

namespace tessera {

class StepPacer {
 public:
  // How many of the `wanted` running steps to take now, `wall_seconds` after the last
  // call. rate <= 0: no pacing (all of them).
  int steps(int wanted, double rate, double dt, double wall_seconds) {
    if (!(rate > 0) || !(dt > 0) || wanted <= 0) {
      m_budget = 0;
      return std::max(wanted, 0);
    }
    m_budget = std::min(m_budget + std::max(wall_seconds, 0.0) * rate / dt, static_cast<double>(wanted));
    const int n = static_cast<int>(std::floor(m_budget));
    m_budget -= n;
    return n;
  }

 private:
  double m_budget = 0;  // steps owed, fractional
};

}  // namespace tessera
