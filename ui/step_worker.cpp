#include "ui/step_worker.h"

#include <utility>

#include "engine/error.h"

namespace tessera {

StepWorker::StepWorker() : m_thread([this] { loop(); }) {}

StepWorker::~StepWorker() {
  {
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [this] { return !m_busy; });
    m_stop = true;
  }
  m_wake.notify_one();
  m_thread.join();
}

void StepWorker::start(std::function<void()> job) {
  {
    std::lock_guard lock(m_mutex);
    TESSERA_REQUIRE(!m_busy, "StepWorker::start: a job is still running");
    m_job = std::move(job);
    m_busy = true;
  }
  m_wake.notify_one();
}

bool StepWorker::busy() const {
  std::lock_guard lock(m_mutex);
  return m_busy;
}

void StepWorker::wait() {
  std::unique_lock lock(m_mutex);
  m_done.wait(lock, [this] { return !m_busy; });
}

std::exception_ptr StepWorker::take_error() {
  std::lock_guard lock(m_mutex);
  return std::exchange(m_error, nullptr);
}

void StepWorker::loop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock lock(m_mutex);
      m_wake.wait(lock, [this] { return m_busy || m_stop; });
      if (m_stop) return;
      job = std::move(m_job);
    }
    std::exception_ptr error;
    try {
      job();
    } catch (...) {
      error = std::current_exception();
    }
    {
      std::lock_guard lock(m_mutex);
      m_error = error;
      m_busy = false;
    }
    m_done.notify_all();
  }
}

}  // namespace tessera
