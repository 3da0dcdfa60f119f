#include "ui/intents.h"

#include <algorithm>
#include <utility>

#include "sim/drifting_seeds.h"

namespace tessera {

void IntentQueue::set_seed_count(int n_seeds) {
  m_pending.push_back({IntentKind::SetSeedCount, std::clamp(n_seeds, 1, kMaxDriftSeeds)});
}

std::vector<Intent> IntentQueue::take() {
  return std::exchange(m_pending, {});
}

int apply_intents(IntentQueue& queue, Session& session, PlayState& play) {
  int n_steps = 0;
  for (const Intent& intent : queue.take()) {
    switch (intent.kind) {
      case IntentKind::SetSeedCount:
        if (intent.value != session.params().n_seeds) session.set_seed_count(intent.value);
        break;
      case IntentKind::TogglePause:
        play.paused = !play.paused;
        break;
      case IntentKind::StepOnce:
        ++n_steps;
        break;
      case IntentKind::Reset:
        session.reset();
        break;
    }
  }
  return n_steps + (play.paused ? 0 : 1);
}

}  // namespace tessera
