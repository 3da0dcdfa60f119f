#include "scenes/curvatubes/run_outputs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/color_scale.h"
#include "engine/error.h"
#include "engine/file_output.h"
#include "engine/image_io.h"
#include "engine/log.h"
#include "engine/mesh_io.h"
#include "engine/nifti_io.h"
#include "engine/output_dir.h"
#include "engine/plot_image.h"
#include "engine/table_io.h"
#include "engine/tiff_io.h"
#include "engine/voxel_io.h"
#include "scenes/common/json_file.h"
#include "scenes/curvatubes/curvatubes_model.h"
#include "scenes/curvatubes/surface_report.h"

namespace tessera {

namespace {

using curvatubes::CurvatubesParams;

// The reference's (Z, X, Y) last-axis-fastest array is a Tessera grid of dims (Y, X, Z)
// x-fastest: VTK's and NRRD's x axis is the reference's Y, y is X, z is Z.
Grid grid_of(const CurvatubesParams& p) {
  return make_grid_3d(p.ny, p.nx, p.nz, p.ny * p.h, p.nx * p.h, p.nz * p.h,
                      p.boundary == curvatubes::Boundary::Periodic);
}

class CurvatubesOutputs : public CurvatubesRunOutputs {
 public:
  CurvatubesOutputs(CurvatubesModel& model, const RunRequest& request) : m_model(model), m_request(request) {
    m_model.save(request.out / "params.json", request.overwrite);
  }

  void after_step() override {
    const std::int64_t it = m_model.step_count();
    if (std::find(m_model.snapshots.begin(), m_model.snapshots.end(), it) != m_model.snapshots.end()) {
      const CurvatubesParams& p = m_model.params();
      write_nifti_zxy(m_request.out / ("it_" + std::to_string(it) + ".nii.gz"), m_model.field(), p.nz, p.nx, p.ny, p.h,
                      m_request.overwrite);
    }
  }

  void frame() override {
    const std::vector<float> u = m_model.field();
    write_png(m_request.out / numbered_file("slice", m_model.step_count(), "png"),
              curvatubes_slice_image(u, m_model.params(), std::max(1, m_request.scale)));
  }

  void close() override {
    const CurvatubesParams& p = m_model.params();
    const std::vector<float> u = m_model.field();
    const bool ow = m_request.overwrite;
    const std::filesystem::path& out = m_request.out;
    // The field, in the formats the users' tools read.
    write_nifti_zxy(out / "field.nii.gz", u, p.nz, p.nx, p.ny, p.h, ow);
    const Grid grid = grid_of(p);
    const VoxelField field{"u", std::span<const float>(u)};
    write_vti(out / "field.vti", grid, {field}, ow);
    write_nrrd(out / "field.nrrd", grid, field, ow);
    write_tiff_stack(out / "field.tif", u, p.nz, p.nx, p.ny, p.h, "unit", ow);
    // The surface and what it measures.
    const SurfaceReport report = report_surface(p, u);
    write_stl(out / "surface.stl", report.surface.mesh, ow);
    PlyExtras extras;
    extras.normals = report.surface.normals;
    write_ply(out / "surface.ply", report.surface.mesh, ow, extras);
    write_curves(out, ow);
    write_diagram(out, report, ow);
    write_morphometrics(out / "morphometrics.json", report.metrics, ow);
    m_model.save(out / "final_state.json", ow);
    m_metrics = report.metrics;
  }

  const Morphometrics& metrics() const override { return m_metrics; }

  std::string summary() const override {
    char line[256];
    std::snprintf(line, sizeof line,
                  "E = %.6g after %lld iterations; solid fraction %.3f, surface area %.4g, discrepancy %.3f, "
                  "Euler characteristic %lld",
                  m_model.generator().energy(), static_cast<long long>(m_model.step_count()), m_metrics.solid_fraction,
                  m_metrics.surface_area, m_metrics.discrepancy, static_cast<long long>(m_metrics.euler_characteristic));
    return line;
  }

 private:
  void write_curves(const std::filesystem::path& out, bool ow) const {
    const auto& curves = m_model.generator().curves();
    CsvWriter csv(out / "curves.csv", {"evaluation", "energy", "mean_abs_grad", "max_abs_grad", "mean_u"}, ow);
    LinePlot plot;
    plot.title = "energy and gradient";
    plot.x_label = "evaluation";
    plot.y_label = "E, |dE|";
    plot.log_y = true;
    PlotSeries energy{"E", {}, {}, Rgb8{31, 119, 180}}, mean{"mean |dE|", {}, {}, Rgb8{255, 127, 14}},
        max{"max |dE|", {}, {}, Rgb8{44, 160, 44}};
    for (const curvatubes::CurvePoint& c : curves) {
      csv.write_row({c.n_evals, c.energy, c.mean_abs_grad, c.max_abs_grad, c.mean_u});
      const double x = static_cast<double>(c.n_evals);
      energy.x.push_back(x);
      energy.y.push_back(c.energy);
      mean.x.push_back(x);
      mean.y.push_back(c.mean_abs_grad);
      max.x.push_back(x);
      max.y.push_back(c.max_abs_grad);
    }
    csv.close();
    plot.series = {energy, mean, max};
    if (!curves.empty()) write_png_new(out / "curves.png", render_line_plot(plot), ow);
  }

  static void write_png_new(const std::filesystem::path& path, const Image& image, bool overwrite) {
    check_can_create(path, overwrite);
    write_png(path, image);
  }

  static void write_diagram(const std::filesystem::path& out, const SurfaceReport& report, bool ow) {
    const Histogram2D& h = report.diagram;
    CsvWriter csv(out / "curvature_diagram.csv", {"kappa1", "kappa2", "density"}, ow);
    const double dx = (h.x_max - h.x_min) / h.n_x, dy = (h.y_max - h.y_min) / h.n_y;
    for (int j = 0; j < h.n_y; ++j)
      for (int i = 0; i < h.n_x; ++i) {
        const double v = h.counts[static_cast<std::size_t>(i) + static_cast<std::size_t>(h.n_x) * j];
        if (v > 0) csv.write_row({h.x_min + (i + 0.5) * dx, h.y_min + (j + 0.5) * dy, v});
      }
    csv.close();
    HeatmapPlot plot;
    plot.title = "curvature diagram (area-weighted)";
    plot.x_label = "kappa1";
    plot.y_label = "kappa2";
    plot.color_label = "density";
    plot.histogram = h;
    plot.log_color = true;
    write_png_new(out / "curvature_diagram.png", render_heatmap(plot), ow);
  }

  void write_morphometrics(const std::filesystem::path& path, const Morphometrics& m, bool ow) const {
    const curvatubes::GeneratorTiming& t = m_model.generator().timing();
    const nlohmann::json j = {
        {"iterations", m_model.step_count()},
        {"evaluations", m_model.generator().n_evals()},
        {"energy", m_model.generator().energy()},
        {"solid_fraction", m.solid_fraction},
        {"surface_area", m.surface_area},
        {"mean_curvature", m.mean_curvature},
        {"gaussian_curvature", m.gaussian_curvature},
        {"euler_characteristic", m.euler_characteristic},
        {"discrepancy", m.discrepancy},
        {"u_min", m.u_min},
        {"u_max", m.u_max},
        {"u_mean", m.u_mean},
        {"triangles", m.n_triangles},
        {"ms_per_iteration", t.n_steps > 0 ? t.total_ms() / static_cast<double>(t.n_steps) : 0.0},
        {"backend", m_model.backend()}};
    write_json_file(path, j, ow);
  }

  CurvatubesModel& m_model;
  RunRequest m_request;
  Morphometrics m_metrics;
};

}  // namespace

std::unique_ptr<CurvatubesRunOutputs> open_curvatubes_outputs(CurvatubesModel& model, const RunRequest& request) {
  return std::make_unique<CurvatubesOutputs>(model, request);
}

Image curvatubes_slice_image(const std::vector<float>& u, const CurvatubesParams& p, int scale) {
  const int z = p.nz / 2;
  Image image(p.ny * scale, p.nx * scale);
  for (int x = 0; x < p.nx; ++x)
    for (int y = 0; y < p.ny; ++y) {
      const float v = u[static_cast<std::size_t>(y) + static_cast<std::size_t>(p.ny) * (x + static_cast<std::size_t>(p.nx) * z)];
      const Rgb8 c = diverging_color(std::clamp(static_cast<double>(v), -1.0, 1.0));
      for (int dy = 0; dy < scale; ++dy)
        for (int dx = 0; dx < scale; ++dx) {
          std::uint8_t* px = image.pixel(y * scale + dx, x * scale + dy);
          px[0] = c.r;
          px[1] = c.g;
          px[2] = c.b;
          px[3] = 255;
        }
    }
  return image;
}

}  // namespace tessera
