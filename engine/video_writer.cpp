#include "engine/video_writer.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/number_text.h"

extern char** environ;

namespace tessera {

namespace fs = std::filesystem;

namespace {

// Blocks SIGPIPE on this thread around a write to ffmpeg, so a dead ffmpeg gives EPIPE
// instead of killing the program, without changing the process-wide signal handling.
// A SIGPIPE raised by the write is consumed before the old mask returns.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    m_was_pending = is_pending();
  }
  ~SigpipeBlock() {
    if (!m_was_pending && is_pending()) {
      const timespec zero{0, 0};
      while (sigtimedwait(&m_set, nullptr, &zero) == -1 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  bool is_pending() const {
    sigset_t pending;
    sigemptyset(&pending);
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE) == 1;
  }
  sigset_t m_set{};
  sigset_t m_old{};
  bool m_was_pending = false;
};

// 0, or the errno of the failed write.
int write_all(int fd, const std::uint8_t* data, std::size_t n_bytes) {
  const int saved = errno;
  int error = 0;
  {
    SigpipeBlock block;
    while (n_bytes > 0) {
      const ssize_t written = ::write(fd, data, n_bytes);
      if (written < 0) {
        if (errno == EINTR) continue;
        error = errno;
        break;
      }
      data += written;
      n_bytes -= static_cast<std::size_t>(written);
    }
  }
  errno = saved;
  return error;
}

std::string describe_status(int status) {
  if (WIFEXITED(status)) return "ffmpeg exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "ffmpeg was killed by signal " + std::to_string(WTERMSIG(status));
  return "ffmpeg ended abnormally";
}

// The last lines of ffmpeg's log on one line, for an error message.
std::string log_tail(const fs::path& log) {
  std::string text;
  try {
    text = read_file_bytes(log, "ffmpeg log");
  } catch (const Error&) {
    return "";
  }
  constexpr std::size_t kMaxChars = 600;
  if (text.size() > kMaxChars) text = "..." + text.substr(text.size() - kMaxChars);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

const char* container_for(const fs::path& path) {
  const std::string ext = path.extension().string();
  if (ext == ".mp4") return "mp4";
  if (ext == ".mov") return "mov";
  if (ext == ".mkv") return "matroska";
  return nullptr;
}

}  // namespace

std::optional<fs::path> find_on_path(std::string_view name) {
  const char* path_env = std::getenv("PATH");
  if (path_env == nullptr || name.empty()) return std::nullopt;
  std::string_view dirs(path_env);
  while (true) {
    const std::size_t colon = dirs.find(':');
    const std::string_view dir = dirs.substr(0, colon);
    // An empty PATH entry means the current folder (POSIX execvp rule).
    const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / std::string(name);
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (colon == std::string_view::npos) return std::nullopt;
    dirs = dirs.substr(colon + 1);
  }
}

bool ffmpeg_available() {
  return find_on_path("ffmpeg").has_value();
}

VideoWriter::VideoWriter(fs::path path, double fps, bool overwrite)
    : m_path(std::move(path)), m_fps(fps), m_overwrite(overwrite) {
  const std::string where = "cannot write video " + m_path.string();
  m_format = container_for(m_path);
  TESSERA_REQUIRE(m_format != nullptr, where + ": the name must end in .mp4, .mov or .mkv");
  TESSERA_REQUIRE(std::isfinite(fps) && fps > 0 && fps <= 1000,
                  where + ": frames per second must be in (0, 1000], got " + format_double(fps));
  check_can_create(m_path, overwrite);
  TESSERA_REQUIRE(ffmpeg_available(), where +
                                          ": ffmpeg was not found on PATH; install it (Debian: apt-get install "
                                          "ffmpeg) or export PNG frames instead");
  m_part = part_path(m_path);
  m_log = m_path;
  m_log += ".ffmpeg.log";
}

VideoWriter::~VideoWriter() {
  if (m_closed) return;
  if (m_pid > 0) {
    ::kill(m_pid, SIGKILL);
    finish_process();
  }
  remove_temporaries();
}

void VideoWriter::start(int width, int height) {
  const std::string where = "cannot write video " + m_path.string();
  int fds[2];
  TESSERA_REQUIRE(::pipe2(fds, O_CLOEXEC) == 0, where + ": cannot create a pipe: " + std::strerror(errno));
  const int log_fd = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) {
    const int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw Error(where + ": cannot create " + m_log.string() + ": " + std::strerror(error));
  }
  // Child: stdin = the pipe's read end, stderr = the log. Every other descriptor of ours is
  // close-on-exec, so the pipe's write end stays only here and ffmpeg sees EOF on close().
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, log_fd, STDERR_FILENO);

  std::vector<std::string> args = {"ffmpeg", "-hide_banner", "-loglevel", "error", "-nostats"};
  // Input: raw RGBA frames on stdin, top row first (tessera::Image's order).
  const std::string size = std::to_string(width) + "x" + std::to_string(height);
  args.insert(args.end(), {"-f", "rawvideo", "-pix_fmt", "rgba", "-s", size, "-r", format_double(m_fps), "-i", "-"});
  // Output: H.264 in yuv420p (what players accept), which needs even sizes: pad by one pixel.
  args.insert(args.end(), {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p"});
  args.insert(args.end(), {"-f", m_format, "-y", m_part.string()});
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  pid_t pid = -1;
  const int spawned = ::posix_spawnp(&pid, "ffmpeg", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  ::close(log_fd);
  if (spawned != 0) {
    ::close(fds[1]);
    remove_temporaries();
    m_closed = true;
    throw Error(where + ": cannot start ffmpeg: " + std::strerror(spawned));
  }
  m_pid = pid;
  m_pipe = fds[1];
  m_width = width;
  m_height = height;
}

void VideoWriter::add_frame(const Image& frame) {
  const std::string where = "cannot write video " + m_path.string();
  TESSERA_REQUIRE(!m_closed, where + ": the video is already closed");
  const std::size_t n_bytes = static_cast<std::size_t>(frame.width) * frame.height * 4;
  TESSERA_REQUIRE(
      frame.width > 0 && frame.height > 0 && frame.rgba.size() == n_bytes,
      where + ": frame " + std::to_string(m_n_frames + 1) + " is empty or its pixels do not match its size");
  if (m_pid < 0) {
    start(frame.width, frame.height);
  } else {
    TESSERA_REQUIRE(frame.width == m_width && frame.height == m_height,
                    where + ": frame " + std::to_string(m_n_frames + 1) + " is " + std::to_string(frame.width) + "x" +
                        std::to_string(frame.height) + " but the video is " + std::to_string(m_width) + "x" +
                        std::to_string(m_height) + "; every frame must have the first frame's size");
  }
  const int error = write_all(m_pipe, frame.rgba.data(), n_bytes);
  if (error != 0) fail("ffmpeg stopped reading frames (" + std::string(std::strerror(error)) + ")", finish_process());
  ++m_n_frames;
}

void VideoWriter::close() {
  const std::string where = "cannot write video " + m_path.string();
  TESSERA_REQUIRE(!m_closed, where + ": the video is already closed");
  if (m_pid < 0) {
    m_closed = true;
    throw Error(where + ": no frames were added");
  }
  const int status = finish_process();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail("encoding failed", status);
  std::error_code ec;
  const auto size = fs::file_size(m_part, ec);
  if (ec || size == 0) fail("ffmpeg wrote no output", status);
  // Checked again: another process may have created the file while ffmpeg was encoding.
  if (!m_overwrite && fs::exists(m_path, ec)) {
    remove_temporaries();
    m_closed = true;
    throw Error(where + ": the file appeared while the video was being encoded; pass --overwrite to replace it");
  }
  fs::rename(m_part, m_path, ec);
  if (ec) fail("cannot rename " + m_part.filename().string() + ": " + ec.message(), status);
  fs::remove(m_log, ec);
  m_closed = true;
}

int VideoWriter::finish_process() {
  if (m_pipe >= 0) ::close(m_pipe);
  m_pipe = -1;
  int status = 0;
  if (m_pid > 0) {
    // Reaping here, on every path, is what keeps ffmpeg from lingering as a zombie.
    while (::waitpid(m_pid, &status, 0) == -1 && errno == EINTR) {
    }
  }
  m_pid = 0;  // started and reaped (-1 means not started)
  return status;
}

void VideoWriter::fail(const std::string& what, int status) {
  const std::string tail = log_tail(m_log);
  remove_temporaries();
  m_closed = true;
  throw Error("cannot write video " + m_path.string() + ": " + what + "; " + describe_status(status) +
              (tail.empty() ? "" : ": " + tail));
}

void VideoWriter::remove_temporaries() noexcept {
  std::error_code ec;
  fs::remove(m_part, ec);
  fs::remove(m_log, ec);
}

}  // namespace tessera
