#pragma once
// A background thread that runs one job at a time (a batch of simulation steps, or the
// building of a scene), so a slow step never freezes the window: the UI keeps drawing
// the last state and answering input while the job runs, and touches the Session only
// when the worker is idle (the sync point). GL-free.
#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

namespace tessera {

class StepWorker {
 public:
  StepWorker();
  // Waits for the running job, then stops the thread.
  ~StepWorker();
  StepWorker(const StepWorker&) = delete;
  StepWorker& operator=(const StepWorker&) = delete;

  // Starts `job` on the worker thread. Requires !busy().
  void start(std::function<void()> job);
  // True from start() until the job has returned.
  bool busy() const;
  // Blocks until the worker is idle.
  void wait();
  // The exception the last job threw (null if none); clears it.
  std::exception_ptr take_error();

 private:
  void loop();

  mutable std::mutex m_mutex;
  std::condition_variable m_wake, m_done;
  std::function<void()> m_job;
  bool m_busy = false, m_stop = false;
  std::exception_ptr m_error;
  std::thread m_thread;  // last: starts after the members it uses exist
};

}  // namespace tessera
