#!/usr/bin/env python3
"""Reads a `tessera curvatubes` output folder with the tools users run and checks that
they agree: nibabel's (Z, X, Y) field equals tifffile's stack and VTK's image data (whose
x axis is the reference's Y), the mesh opens in meshio, and the JSON reports match.
Prints SKIPPED: and exits 0 when a reader is missing."""
import json
import sys

try:
    import meshio
    import nibabel
    import numpy as np
    import tifffile
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOXML import vtkXMLImageDataReader
except ImportError as e:  # pragma: no cover
    print(f"SKIPPED: a reader is missing ({e})")
    sys.exit(0)

out = sys.argv[1]
u = nibabel.load(f"{out}/field.nii.gz").get_fdata()
meta = json.load(open(f"{out}/morphometrics.json"))
params = json.load(open(f"{out}/params.json"))
nz, nx, ny = params["shape"]
assert u.shape == (nz, nx, ny), u.shape
assert abs(float(u.mean()) - meta["u_mean"]) < 1e-5, (u.mean(), meta["u_mean"])
assert abs(float(u.mean()) - params["m0"]) < 1e-5, "the cons flow keeps the mass"
assert abs(float((u > 0).mean()) - meta["solid_fraction"]) < 1e-9

stack = tifffile.imread(f"{out}/field.tif")
assert stack.shape == (nz, nx, ny), stack.shape
assert np.array_equal(stack.astype(np.float64), u.astype(np.float32).astype(np.float64))

reader = vtkXMLImageDataReader()
reader.SetFileName(f"{out}/field.vti")
reader.Update()
image = reader.GetOutput()
assert image.GetDimensions() == (ny, nx, nz), image.GetDimensions()
v = vtk_to_numpy(image.GetPointData().GetArray("u")).reshape(nz, nx, ny)
assert np.array_equal(v.astype(np.float64), u.astype(np.float32).astype(np.float64))
spacing = image.GetSpacing()
assert all(abs(s - params["h"]) < 1e-12 for s in spacing), spacing

mesh = meshio.read(f"{out}/surface.stl")
tris = sum(len(c.data) for c in mesh.cells if c.type == "triangle")
assert tris == meta["triangles"], (tris, meta["triangles"])
print(f"curvatubes outputs agree: field {u.shape}, {tris} triangles, solid fraction {meta['solid_fraction']:.3f}")
