#include "ui/panels.h"

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <string>

#include "engine/backend.h"
#include "sim/drifting_seeds.h"

namespace tessera {

ImGuiLayer::ImGuiLayer(GLFWwindow* window, float scale) {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini dropped into whatever directory the app runs from
  ImGui::StyleColorsDark();
  if (scale > 1.0f) {
    ImGui::GetStyle().ScaleAllSizes(scale);
    io.FontGlobalScale = scale;
  }
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 450");
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void ImGuiLayer::begin_frame() {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void ImGuiLayer::end_frame() {
  ImGui::Render();
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

namespace {

void stage_table(const Profile& profile) {
  if (!ImGui::BeginTable("stages", 2, ImGuiTableFlags_SizingFixedFit)) return;
  for (int s = 0; s < static_cast<int>(Stage::Count); ++s) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(kStageNames[s].data(), kStageNames[s].data() + kStageNames[s].size());
    ImGui::TableNextColumn();
    ImGui::Text("%8.3f ms", profile.ms[s]);
  }
  ImGui::EndTable();
}

}  // namespace

void draw_control_panel(const Session& session, const PlayState& play, const FrameStats& stats,
                        std::string_view gl_description, IntentQueue& intents) {
  ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
  ImGui::Begin("Tessera", nullptr, ImGuiWindowFlags_AlwaysAutoResize);

  const std::string backend = describe(session.exec());
  ImGui::TextUnformatted(backend.c_str());
  ImGui::TextDisabled("OpenGL %.*s", static_cast<int>(gl_description.size()), gl_description.data());
  ImGui::Text("%.1f FPS (%.2f ms / frame)", stats.fps, stats.frame_ms);
  const Grid& grid = session.grid();
  ImGui::Text("step %lld   t = %.3f   grid %d x %d", static_cast<long long>(session.step_count()), session.time(),
              grid.n[0], grid.n[1]);

  if (ImGui::CollapsingHeader("Stage times (last frame)", ImGuiTreeNodeFlags_DefaultOpen)) stage_table(stats.profile);

  ImGui::Separator();
  // The slider shows the session's count; a change becomes an intent applied next frame.
  int n_seeds = session.params().n_seeds;
  if (ImGui::SliderInt("seeds", &n_seeds, 1, kMaxDriftSeeds, "%d", ImGuiSliderFlags_Logarithmic))
    intents.set_seed_count(n_seeds);

  if (ImGui::Button(play.paused ? "Resume" : "Pause")) intents.toggle_pause();
  ImGui::SameLine();
  ImGui::BeginDisabled(!play.paused);  // while running every frame steps anyway
  if (ImGui::Button("Step")) intents.step_once();
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset")) intents.reset();

  ImGui::End();
}

}  // namespace tessera
