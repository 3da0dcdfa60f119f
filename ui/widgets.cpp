#include "ui/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace tessera {

bool slider_double(const char* label, double* value, double min, double max, const char* format, bool log) {
  return ImGui::SliderScalar(label, ImGuiDataType_Double, value, &min, &max, format,
                             log ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None);
}

bool input_text(const char* label, std::string& text) {
  std::vector<char> buffer(std::max<std::size_t>(text.size() + 1, 512), '\0');
  std::memcpy(buffer.data(), text.data(), text.size());
  if (!ImGui::InputText(label, buffer.data(), buffer.size())) return false;
  text = buffer.data();
  return true;
}

}  // namespace tessera
