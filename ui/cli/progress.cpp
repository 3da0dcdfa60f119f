#include "ui/cli/progress.h"

#include <unistd.h>

#include <algorithm>
#include <string>

namespace tessera {

ProgressBar::ProgressBar(std::int64_t total, std::FILE* out)
    : m_total(std::max<std::int64_t>(total, 1)), m_out(out), m_tty(isatty(fileno(out)) != 0) {}

void ProgressBar::update(std::int64_t done) {
  const double fraction = std::clamp(static_cast<double>(done) / m_total, 0.0, 1.0);
  const double elapsed_s = m_watch.elapsed_ms() / 1000.0;
  const double eta_s = fraction > 0 ? elapsed_s * (1 - fraction) / fraction : 0.0;
  if (m_tty) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth);
    std::fprintf(m_out, "\r[%s%s] %3.0f%%  %lld/%lld  elapsed %.1fs  ETA %.1fs ", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), 100 * fraction, static_cast<long long>(done),
                 static_cast<long long>(m_total), elapsed_s, eta_s);
    std::fflush(m_out);
    return;
  }
  const int decile = static_cast<int>(fraction * 10);
  if (decile != m_last_decile) {
    m_last_decile = decile;
    std::fprintf(m_out, "progress %3.0f%%  %lld/%lld  elapsed %.1fs  ETA %.1fs\n", 100 * fraction,
                 static_cast<long long>(done), static_cast<long long>(m_total), elapsed_s, eta_s);
  }
}

void ProgressBar::finish() {
  update(m_total);
  if (m_tty) std::fprintf(m_out, "\n");
}

}  // namespace tessera
