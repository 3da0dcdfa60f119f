#pragma once
// Small ImGui helpers for the panels: doubles and std::string fields.
#include <string>

namespace tessera {

// A slider over a double; `log` for ranges that span decades. True when changed.
bool slider_double(const char* label, double* value, double min, double max, const char* format = "%.4g",
                   bool log = false);
// A one-line text field bound to a std::string. True when changed.
bool input_text(const char* label, std::string& text);

}  // namespace tessera
