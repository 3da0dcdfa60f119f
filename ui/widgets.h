#pragma once
// Small ImGui helpers for the panels: doubles, std::string fields, enum combo boxes.
#include <imgui.h>

#include <array>
#include <string>
#include <string_view>

namespace tessera {

// A slider over a double; `log` for ranges that span decades. True when changed.
bool slider_double(const char* label, double* value, double min, double max, const char* format = "%.4g",
                   bool log = false);
// A one-line text field bound to a std::string. True when changed.
bool input_text(const char* label, std::string& text);

// A combo box over an enum and its name table. True when changed.
template <class T, std::size_t N>
bool combo(const char* label, T& value, const std::array<std::string_view, N>& names) {
  bool changed = false;
  const std::string current(names[static_cast<std::size_t>(value)]);
  if (ImGui::BeginCombo(label, current.c_str())) {
    for (std::size_t k = 0; k < N; ++k)
      if (ImGui::Selectable(std::string(names[k]).c_str(), k == static_cast<std::size_t>(value))) {
        value = static_cast<T>(k);
        changed = true;
      }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace tessera
