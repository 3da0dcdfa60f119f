#pragma once
// What `tessera curvatubes` (and `tessera run --scene-file` on a curvatubes file) writes:
//   params.json           the parameters and seed of the run (runs it again exactly)
//   slice_<iter>.png      the middle Z slice of u, every `--every` iterations and at the end
//   it_<iter>.nii.gz      the field at each iteration of --snapshots
//   field.nii.gz          u (NIfTI-1, float32, axes (Z, X, Y) as nibabel reads them: Fiji, 3D Slicer)
//   field.vti, field.nrrd u for ParaView and Slicer (VTK/NRRD axes x, y, z = the reference's Y, X, Z)
//   field.tif             u as a float32 TIFF stack, one page per Z slice (Fiji)
//   surface.stl, .ply     the surface {u = 0}, outward normals (PLY with per-vertex normals)
//   curves.csv, .png      energy, mean and max |dE|, mean u every curve_every evaluations
//   curvature_diagram.csv, .png  the area-weighted (k1, k2) histogram of the surface
//   morphometrics.json    solid fraction, surface area, mean and Gaussian curvature, Euler
//                         characteristic, discrepancy, u's range, timing
//   final_state.json      the state reached (loading it replays the iterations)
// A run that stops early (NaN energy, not viable) still writes all of these from the last
// finite field, so nothing of it is lost.
#include <memory>
#include <vector>

#include "engine/image_io.h"
#include "scenes/curvatubes/surface_report.h"
#include "scenes/model.h"
#include "sim/curvatubes/params.h"

namespace tessera {

class CurvatubesModel;

// The outputs above; metrics() is what close() measured (the family and atlas tables read it).
class CurvatubesRunOutputs : public RunOutputs {
 public:
  virtual const Morphometrics& metrics() const = 0;  // all zero before close()
};

std::unique_ptr<CurvatubesRunOutputs> open_curvatubes_outputs(CurvatubesModel& model, const RunRequest& request);

// The middle Z slice of u (Z*X*Y values) on the diverging scale, u in [-1, 1] (blue: outside,
// red: solid), `scale` pixels per voxel: X down, Y across. slice_*.png and contact sheets.
Image curvatubes_slice_image(const std::vector<float>& u, const curvatubes::CurvatubesParams& params, int scale);

}  // namespace tessera
