#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "engine/error.h"
#include "engine/temp_dir.h"
#include "engine/video_writer.h"

using namespace tessera;
using tessera::test::read_bytes;
using tessera::test::TempDir;
using tessera::test::write_bytes;
namespace fs = std::filesystem;

namespace {

// Replaces $PATH for one test case and puts the old value back.
class PathOverride {
 public:
  explicit PathOverride(const std::string& value) {
    if (const char* old = std::getenv("PATH")) m_old = old;
    ::setenv("PATH", value.c_str(), 1);
  }
  ~PathOverride() {
    if (m_old) {
      ::setenv("PATH", m_old->c_str(), 1);
    } else {
      ::unsetenv("PATH");
    }
  }
  PathOverride(const PathOverride&) = delete;
  PathOverride& operator=(const PathOverride&) = delete;

 private:
  std::optional<std::string> m_old;
};

// A stand-in `ffmpeg` in `dir` running the shell `body`.
void fake_ffmpeg(const fs::path& dir, const std::string& body) {
  const fs::path script = dir / "ffmpeg";
  write_bytes(script, "#!/bin/sh\n" + body + "\n");
  fs::permissions(script, fs::perms::owner_all);
}

// No child process of this test program is left unreaped.
bool no_zombies() {
  return ::waitpid(-1, nullptr, WNOHANG) == -1 && errno == ECHILD;
}

Image test_frame(int width, int height, int t) {
  Image image(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      std::uint8_t* p = image.pixel(x, y);
      p[0] = static_cast<std::uint8_t>(x * 255 / width);
      p[1] = static_cast<std::uint8_t>(y * 255 / height);
      p[2] = static_cast<std::uint8_t>(t * 20);
      p[3] = 255;
    }
  }
  return image;
}

// ffprobe's count of decoded video frames, or -1 when ffprobe is missing or fails.
int probe_frame_count(const fs::path& video) {
  if (!find_on_path("ffprobe")) return -1;
  const std::string command =
      "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
      "stream=nb_read_frames -of csv=p=0 '" +
      video.string() + "'";
  std::FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[64] = {};
  const bool got = std::fgets(buf, sizeof buf, pipe) != nullptr;
  const int status = ::pclose(pipe);
  return got && status == 0 ? std::atoi(buf) : -1;
}

}  // namespace

TEST_CASE("video: a missing ffmpeg is a clear error", "[cpu][engine]") {
  const TempDir dir("video_missing");
  const PathOverride path(dir.path().string());
  REQUIRE_FALSE(ffmpeg_available());
  REQUIRE_FALSE(find_on_path("ffmpeg"));
  REQUIRE_THROWS_WITH(VideoWriter(dir / "a.mp4", 30),
                      Catch::Contains((dir / "a.mp4").string()) && Catch::Contains("ffmpeg was not found on PATH"));
  // A file called ffmpeg that cannot run does not count.
  write_bytes(dir / "ffmpeg", "not executable");
  REQUIRE_FALSE(ffmpeg_available());
}

TEST_CASE("video: bad names, rates and frames are refused", "[cpu][engine]") {
  const TempDir dir("video_args");
  fake_ffmpeg(dir.path(), "exec cat > /dev/null");
  const PathOverride path(dir.path().string() + ":/usr/bin:/bin");
  REQUIRE(ffmpeg_available());
  REQUIRE_THROWS_WITH(VideoWriter(dir / "a.gif", 30), Catch::Contains(".mp4, .mov or .mkv"));
  REQUIRE_THROWS_WITH(VideoWriter(dir / "a.mp4", 0), Catch::Contains("frames per second"));
  write_bytes(dir / "old.mp4", "x");
  REQUIRE_THROWS_WITH(VideoWriter(dir / "old.mp4", 30), Catch::Contains("already exists"));

  {
    VideoWriter video(dir / "a.mp4", 30);
    REQUIRE_THROWS_WITH(video.add_frame(Image()), Catch::Contains("frame 1 is empty"));
    video.add_frame(test_frame(8, 6, 0));
    REQUIRE_THROWS_WITH(video.add_frame(test_frame(6, 8, 1)), Catch::Contains("frame 2 is 6x8 but the video is 8x6"));
    REQUIRE(video.n_frames() == 1);
  }  // destroyed unclosed: ffmpeg is stopped and reaped, the partial output removed
  REQUIRE(no_zombies());
  REQUIRE_FALSE(fs::exists(dir / "a.mp4"));
  REQUIRE_FALSE(fs::exists(dir / "a.mp4.part"));
  REQUIRE_FALSE(fs::exists(dir / "a.mp4.ffmpeg.log"));

  VideoWriter empty(dir / "b.mp4", 30);
  REQUIRE_THROWS_WITH(empty.close(), Catch::Contains("no frames"));
}

TEST_CASE("video: ffmpeg failing is an error with its exit status and message", "[cpu][engine]") {
  const TempDir dir("video_fail");
  const PathOverride path(dir.path().string() + ":/usr/bin:/bin");

  // Exits non-zero after reading everything: reported on close.
  fake_ffmpeg(dir.path(), "cat > /dev/null\necho 'Unknown encoder libx264' >&2\nexit 3");
  {
    VideoWriter video(dir / "a.mp4", 24);
    video.add_frame(test_frame(16, 16, 0));
    video.add_frame(test_frame(16, 16, 1));
    REQUIRE_THROWS_WITH(video.close(), Catch::Contains((dir / "a.mp4").string()) &&
                                           Catch::Contains("exited with status 3") &&
                                           Catch::Contains("Unknown encoder libx264"));
  }
  REQUIRE(no_zombies());
  REQUIRE(fs::is_directory(dir.path()));
  REQUIRE_FALSE(fs::exists(dir / "a.mp4"));
  REQUIRE_FALSE(fs::exists(dir / "a.mp4.ffmpeg.log"));

  // Exits at once without reading: the next frame meets a closed pipe (EPIPE, not SIGPIPE).
  fake_ffmpeg(dir.path(), "echo 'cannot open output' >&2\nexit 1");
  {
    VideoWriter video(dir / "b.mp4", 24);
    const Image big = test_frame(512, 512, 0);  // 1 MiB: more than a pipe buffers
    REQUIRE_THROWS_WITH(video.add_frame(big), Catch::Contains("stopped reading frames") &&
                                                  Catch::Contains("exited with status 1") &&
                                                  Catch::Contains("cannot open output"));
    REQUIRE_THROWS_WITH(video.add_frame(big), Catch::Contains("already closed"));
  }
  REQUIRE(no_zombies());
  REQUIRE_FALSE(fs::exists(dir / "b.mp4"));
}

TEST_CASE("video: MP4 through the real ffmpeg", "[cpu][engine]") {
  if (!ffmpeg_available()) {
    WARN("skipped: ffmpeg is not on PATH (apt-get install ffmpeg to run this test)");
    return;
  }
  const TempDir dir("video_mp4");
  const fs::path path = dir / "run.mp4";
  constexpr int kFrames = 12;
  {
    VideoWriter video(path, 25);
    for (int t = 0; t < kFrames; ++t) video.add_frame(test_frame(33, 21, t));  // odd sizes: padded
    video.close();
    REQUIRE(video.n_frames() == kFrames);
  }
  REQUIRE(no_zombies());
  REQUIRE(fs::file_size(path) > 0);
  REQUIRE(read_bytes(path).substr(4, 4) == "ftyp");  // an ISO media file
  REQUIRE_FALSE(fs::exists(dir / "run.mp4.part"));
  REQUIRE_FALSE(fs::exists(dir / "run.mp4.ffmpeg.log"));
  const int probed = probe_frame_count(path);
  if (probed < 0) {
    WARN("ffprobe not available: frame count not checked");
  } else {
    REQUIRE(probed == kFrames);
  }
  REQUIRE_THROWS_WITH(VideoWriter(path, 25), Catch::Contains("already exists"));
  VideoWriter again(path, 25, true);
  again.add_frame(test_frame(16, 16, 0));
  again.close();
  if (probed >= 0) REQUIRE(probe_frame_count(path) == 1);
}
