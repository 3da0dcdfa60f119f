#pragma once
// Per-stage timing: a ScopedTimer adds its wall time to one stage of a Profile.
// The UI, the headless runner and the benchmark all read the same struct.
#include <array>
#include <chrono>
#include <string_view>

#include "engine/backend.h"

namespace tessera {

enum class Stage { Dynamics, Fit, Correct, Render, Ui, Export, Count };
inline constexpr std::array<std::string_view, static_cast<int>(Stage::Count)> kStageNames = {
    "dynamics", "fit", "correct", "render", "ui", "export"};

struct Profile {
  std::array<double, static_cast<int>(Stage::Count)> ms{};  // milliseconds spent per stage

  double& operator[](Stage s) { return ms[static_cast<int>(s)]; }
  double operator[](Stage s) const { return ms[static_cast<int>(s)]; }
  double total_ms() const;
  void clear() { ms.fill(0.0); }
};

// Wall-clock stopwatch in milliseconds.
class Stopwatch {
 public:
  Stopwatch() : m_start(std::chrono::steady_clock::now()) {}
  double elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_start).count();
  }
  void restart() { m_start = std::chrono::steady_clock::now(); }

 private:
  std::chrono::steady_clock::time_point m_start;
};

// Adds the scope's duration to `profile[stage]`. With a CUDA exec it waits for the
// device at the end, so the time is the stage's real cost and not a launch time.
class ScopedTimer {
 public:
  ScopedTimer(Profile& profile, Stage stage, const Exec* exec = nullptr)
      : m_profile(profile), m_stage(stage), m_exec(exec) {}
  ~ScopedTimer();
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  Profile& m_profile;
  Stage m_stage;
  const Exec* m_exec;
  Stopwatch m_watch;
};

}  // namespace tessera
