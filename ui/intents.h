#pragma once
// Intents: what the panels ask of the simulation. Panels only push intents; the main
// loop applies all of them at one sync point between steps (apply_intents), so the
// simulation never changes in the middle of a step and panels never hold a mutable
// Session. GL-free (part of tessera_cli), so it is tested without a window.
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "scenes/session.h"

namespace tessera {

enum class IntentKind { SetSeedCount, TogglePause, StepOnce, Reset };
inline constexpr std::array<std::string_view, 4> kIntentKindNames = {"set-seed-count", "toggle-pause", "step-once",
                                                                     "reset"};

struct Intent {
  IntentKind kind = IntentKind::StepOnce;
  int value = 0;  // SetSeedCount: the requested count; unused otherwise
};

// Playback state: owned by the app loop, not by the simulation.
struct PlayState {
  bool paused = false;
};

// Intents in the order they were made.
class IntentQueue {
 public:
  void set_seed_count(int n_seeds);  // clamped to [1, kMaxDriftSeeds]
  void toggle_pause() { m_pending.push_back({IntentKind::TogglePause}); }
  void step_once() { m_pending.push_back({IntentKind::StepOnce}); }
  void reset() { m_pending.push_back({IntentKind::Reset}); }

  bool empty() const { return m_pending.empty(); }
  std::span<const Intent> pending() const { return m_pending; }
  // Hands over the pending intents and leaves the queue empty.
  std::vector<Intent> take();

 private:
  std::vector<Intent> m_pending;
};

// The sync point, called once per frame before stepping. Applies the pending intents
// in order and empties the queue, then returns how many steps the frame should take:
// 1 while running (as the intents leave PlayState), plus one per StepOnce intent.
int apply_intents(IntentQueue& queue, Session& session, PlayState& play);

}  // namespace tessera
