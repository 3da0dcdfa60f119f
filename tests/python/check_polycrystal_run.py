#!/usr/bin/env python3
"""Reads a `tessera polycrystal` output folder with the tools DAMASK users run: VTK's XML
reader for grains.vti (cell data `material`, spacing in metres, x fastest), PyYAML for
material.yaml (one complete entry per grain), and the csv module for grains.csv, and
checks that they agree with each other and with fit.json. Prints SKIPPED: and exits 0
when a reader is missing."""
import csv
import json
import math
import sys

try:
    import numpy as np
    import yaml
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkIOXML import vtkXMLImageDataReader
except ImportError as e:  # pragma: no cover
    print(f"SKIPPED: a reader is missing ({e})")
    sys.exit(0)

out = sys.argv[1]
gen = json.load(open(f"{out}/polycrystal.json"))
fit = json.load(open(f"{out}/fit.json"))
n, dim, m = gen["grains"], gen["dim"], fit["resolution"]
assert gen["mode"] == "polycrystal"
assert fit["converged"], fit
assert fit["max_volume_error"] < gen["tolerance"], fit
assert fit["empty_grains"] == 0, fit

# --- grains.vti through VTK ---
reader = vtkXMLImageDataReader()
reader.SetFileName(f"{out}/grains.vti")
reader.Update()
image = reader.GetOutput()
cells = (m, m, m if dim == 3 else 1)
assert image.GetDimensions() == tuple(c + 1 for c in cells), image.GetDimensions()  # points = cells + 1
assert image.GetPointData().GetNumberOfArrays() == 0, "DAMASK reads cell data, not point data"
array = image.GetCellData().GetArray("material")
assert array is not None, "no cell data array 'material'"
assert array.GetDataTypeAsString() == "int", array.GetDataTypeAsString()
h = gen["box_size"] / m
spacing = image.GetSpacing()
for a in range(3):
    assert math.isclose(spacing[a], h, rel_tol=1e-12), (spacing, h)
assert image.GetOrigin() == (0.0, 0.0, 0.0), image.GetOrigin()
material = vtk_to_numpy(array)
assert material.size == math.prod(cells)
assert material.min() == 0 and material.max() == n - 1, (material.min(), material.max())

# The raw volume holds the same ids in the same (x-fastest) order.
header = json.load(open(f"{out}/labels.json"))
raw = np.fromfile(f"{out}/labels.raw", dtype="<i4")
assert np.array_equal(raw, material)

# --- grains.csv against the voxels ---
rows = list(csv.DictReader(open(f"{out}/grains.csv")))
assert len(rows) == n
counts = np.bincount(material, minlength=n)
box = gen["box_size"] ** dim
worst = 0.0
for i, r in enumerate(rows):
    assert int(r["id"]) == i
    assert int(r["voxels"]) == counts[i], (i, r["voxels"], counts[i])
    volume = counts[i] / material.size * box
    assert math.isclose(float(r["volume"]), volume, rel_tol=1e-9), (r["volume"], volume)
    err = (volume - float(r["target_volume"])) / float(r["target_volume"])
    assert math.isclose(float(r["volume_error"]), err, rel_tol=1e-6, abs_tol=1e-12)
    worst = max(worst, abs(err))
    assert int(r["components"]) >= 1 and int(r["neighbours"]) >= 1
    q = [float(r[k]) for k in ("q_w", "q_x", "q_y", "q_z")]
    assert abs(sum(c * c for c in q) - 1) < 1e-9 and q[0] >= 0
    for a in "xyz"[:dim]:
        assert 0 <= float(r[f"centroid_{a}"]) <= gen["box_size"]
assert worst < gen["tolerance"], worst
assert math.isclose(sum(float(r["target_volume"]) for r in rows), box, rel_tol=1e-9)

# --- material.yaml through PyYAML ---
doc = yaml.safe_load(open(f"{out}/material.yaml"))
assert set(doc) == {"homogenization", "phase", "material"}, set(doc)
assert doc["homogenization"]["SX"]["N_constituents"] == 1
assert len(doc["material"]) == n, len(doc["material"])
for i, entry in enumerate(doc["material"]):
    assert entry["homogenization"] in doc["homogenization"]
    (c,) = entry["constituents"]
    assert c["phase"] in doc["phase"] and c["phase"] == rows[i]["phase"]
    assert c["v"] == 1.0
    q = c["O"]
    assert len(q) == 4 and abs(sum(x * x for x in q) - 1) < 1e-9 and q[0] >= 0
    assert all(math.isclose(q[k], float(rows[i][f"q_{'wxyz'[k]}"]), rel_tol=1e-12, abs_tol=1e-15) for k in range(4))
print(f"polycrystal outputs in {out}: {n} grains on {m}^{dim}, max volume error {worst:.4f}, "
      f"{fit['disconnected_grains']} disconnected; VTK, PyYAML and csv agree")
