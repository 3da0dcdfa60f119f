#pragma once
// MP4 (H.264) from RGBA frames through an `ffmpeg` process found on PATH at run time.
// ffmpeg is optional: without it, ffmpeg_available() is false and VideoWriter refuses to
// start with a message saying what to install. Frames go down a pipe as raw RGBA, so no
// temporary images are written; ffmpeg encodes into `path + ".part"`, renamed onto `path`
// once it has exited cleanly.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

#include "engine/image_io.h"

namespace tessera {

// The first executable called `name` in the folders of $PATH.
std::optional<std::filesystem::path> find_on_path(std::string_view name);
bool ffmpeg_available();

class VideoWriter {
 public:
  // `path` ends in .mp4, .mov or .mkv (the container); `fps` > 0 frames per second of video.
  // Throws tessera::Error when ffmpeg is not on PATH, or `path` exists and `overwrite` is false.
  VideoWriter(std::filesystem::path path, double fps, bool overwrite = false);
  // Not closed (an error unwinding the run): stops ffmpeg, reaps it and deletes the partial video.
  ~VideoWriter();
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  // The first frame fixes the video's size; a frame of another size is refused. Odd widths
  // and heights are padded by one black pixel (H.264 in yuv420p needs even sizes).
  void add_frame(const Image& frame);
  // Waits for ffmpeg to finish the file. Throws tessera::Error with ffmpeg's exit status and
  // the end of its log when it failed, or when no frame was added.
  void close();

  std::int64_t n_frames() const { return m_n_frames; }
  const std::filesystem::path& path() const { return m_path; }

 private:
  void start(int width, int height);
  // Closes the pipe and waits for ffmpeg; returns its wait status.
  int finish_process();
  [[noreturn]] void fail(const std::string& what, int status);
  void remove_temporaries() noexcept;

  std::filesystem::path m_path;
  std::filesystem::path m_part;
  std::filesystem::path m_log;  // ffmpeg's stderr, quoted in error messages
  const char* m_format = "mp4";
  double m_fps = 30;
  bool m_overwrite = false;
  bool m_closed = false;
  int m_width = 0;
  int m_height = 0;
  std::int64_t m_n_frames = 0;
  pid_t m_pid = -1;
  int m_pipe = -1;  // write end of ffmpeg's stdin
};

}  // namespace tessera
