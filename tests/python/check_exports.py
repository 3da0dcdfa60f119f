#!/usr/bin/env python3
"""Reads Tessera's export fixtures with the tools users run and compares with what the C++
side wrote (tests/engine/test_export_fixtures.cpp). Usage: check_exports.py FOLDER.
Exit 0 when every reader agrees, 1 on the first disagreement; prints "SKIPPED: ..." and
exits 0 when a reader module is not installed (CTest then reports the test as skipped)."""
import json
import sys
import warnings
from pathlib import Path

warnings.simplefilter("ignore", FutureWarning)  # meshio 5.3's numpy dtype idiom, not ours

try:
    import numpy as np
    import nibabel as nib
    import tifffile
    import meshio
    import vtk
    from vtk.util import numpy_support
except ImportError as e:  # a missing reader is a skipped check, not a failure
    print(f"SKIPPED: python module missing: {e.name}")
    sys.exit(0)

failures = []


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def analytic(shape):
    z, x, y = np.meshgrid(*[np.arange(n) for n in shape], indexing="ij")
    return (np.cos(0.3 * z) * np.sin(0.2 * x + 0.1) + 0.05 * y - 0.4).astype(np.float32)


def main(folder):
    d = Path(folder)
    manifest = json.loads((d / "manifest.json").read_text())
    shape = tuple(manifest["shape_zxy"])
    h = manifest["h"]

    # numpy: our .npy files; the field against the formula, the rest against field.npy.
    u = np.load(d / "field.npy")
    check(u.dtype == np.float32 and u.shape == shape, f"numpy field.npy float32 {shape}")
    check(np.allclose(u, analytic(shape), rtol=0, atol=1e-6), "numpy field.npy matches the analytic field")
    u3 = np.load(d / "field3.npy")
    check(u3.dtype == np.float64 and u3.shape == (3,) + shape, "numpy field3.npy float64 (3, Z, X, Y)")
    check(all(np.array_equal(u3[c], u.astype(np.float64) + c) for c in range(3)), "numpy field3.npy values")

    # nibabel: get_fdata() is (Z, X, Y) and equal to u; header fields as documented.
    for name in ("field.nii.gz", "field.nii"):
        img = nib.load(str(d / name))
        data = img.get_fdata()
        # The header as stored: a loaded image's own header has vox_offset and scl_slope reset.
        with nib.openers.ImageOpener(str(d / name)) as f:
            hdr = nib.Nifti1Header.from_fileobj(f)
        check(data.shape == shape, f"nibabel {name} shape {data.shape}")
        check(np.array_equal(data, u.astype(np.float64)), f"nibabel {name} values equal field.npy")
        check(int(hdr["sizeof_hdr"]) == 348 and hdr["magic"].item() == b"n+1", f"nibabel {name} sizeof_hdr, magic")
        check(int(hdr["datatype"]) == 16 and int(hdr["bitpix"]) == 32, f"nibabel {name} datatype float32")
        check(int(hdr["vox_offset"]) == 352, f"nibabel {name} vox_offset 352")
        check(np.allclose(hdr["pixdim"][1:4], h), f"nibabel {name} pixdim = h")
        check(int(hdr["sform_code"]) == 2 and int(hdr["qform_code"]) == 0, f"nibabel {name} sform 2, qform 0")
        check(np.allclose(img.affine, np.diag([h, h, h, 1.0])), f"nibabel {name} affine diag(h)")
        check(float(hdr["scl_slope"]) == 1.0 and float(hdr["scl_inter"]) == 0.0, f"nibabel {name} scl_slope 1, inter 0")
        check(img.dataobj.slope == 1.0 and img.dataobj.offset == 352, f"nibabel {name} array proxy slope 1, offset 352")
        check(img.get_data_dtype() == np.float32, f"nibabel {name} on-disk dtype float32")
    labels_img = nib.load(str(d / "labels.nii.gz"))
    labels = (np.arange(u.size) % 5 - 1).astype(np.int32)
    nx_grid = (shape[2], shape[1], shape[0])  # the grid's x, y, z sizes: (Y, X, Z)
    expected = labels.reshape(nx_grid[::-1]).transpose(2, 1, 0)  # [i, j, k] = labels[i + nx (j + ny k)]
    check(labels_img.get_data_dtype() == np.int32, "nibabel labels.nii.gz int32")
    check(np.array_equal(np.asanyarray(labels_img.dataobj), expected), "nibabel labels.nii.gz [i, j, k] values")
    check(np.allclose(labels_img.affine[:3, 3], h / 2), "nibabel labels.nii.gz origin at the first centre")

    # tifffile: Z float32 pages, the stack equals u, ImageJ metadata carries the spacing.
    with tifffile.TiffFile(str(d / "field.tif")) as tif:
        check(len(tif.pages) == shape[0], f"tifffile {len(tif.pages)} pages")
        stack = tif.asarray()
        check(stack.dtype == np.float32 and stack.shape == shape, f"tifffile stack {stack.dtype} {stack.shape}")
        check(np.array_equal(stack, u), "tifffile stack values equal field.npy")
        check(all(np.array_equal(p.asarray(), u[k]) for k, p in enumerate(tif.pages)), "tifffile page-by-page values")
        meta = tif.imagej_metadata or {}
        check(tif.is_imagej, "tifffile sees an ImageJ file")
        check(abs(float(meta.get("spacing", -1)) - h) < 1e-12 and int(meta.get("slices", -1)) == shape[0],
              f"tifffile ImageJ spacing and slices {meta}")
        check(meta.get("unit") == "um", "tifffile ImageJ unit")

    # VTK: both .vti files, arrays u (Float32) and labels (Int32), dims (Y, X, Z), spacing h.
    for name in ("field.vti", "field_zlib.vti"):
        reader = vtk.vtkXMLImageDataReader()
        reader.SetFileName(str(d / name))
        reader.Update()
        image = reader.GetOutput()
        check(image.GetDimensions() == (shape[2], shape[1], shape[0]), f"VTK {name} dims {image.GetDimensions()}")
        check(np.allclose(image.GetSpacing(), h), f"VTK {name} spacing {image.GetSpacing()}")
        check(np.allclose(image.GetOrigin(), h / 2), f"VTK {name} origin {image.GetOrigin()}")
        pd = image.GetPointData()
        check(pd.GetScalars() is not None and pd.GetScalars().GetName() == "u", f"VTK {name} active scalars 'u'")
        arr = pd.GetArray("u")
        check(arr is not None and arr.GetDataType() == vtk.VTK_FLOAT, f"VTK {name} 'u' is Float32")
        if arr is not None:
            values = numpy_support.vtk_to_numpy(arr).reshape(shape)
            check(np.array_equal(values, u), f"VTK {name} 'u' values equal field.npy")
        lab = pd.GetArray("labels")
        check(lab is not None and lab.GetDataType() == vtk.VTK_INT, f"VTK {name} 'labels' is Int32")
        if lab is not None:
            check(np.array_equal(numpy_support.vtk_to_numpy(lab), labels), f"VTK {name} 'labels' values")

    # meshio: triangle counts, vertices, normals and the face property of the PLY.
    ply = meshio.read(str(d / "sphere.ply"))
    tris = ply.cells_dict.get("triangle")
    check(tris is not None and len(tris) == manifest["n_triangles"], f"meshio PLY {manifest['n_triangles']} triangles")
    check(len(ply.points) == manifest["n_vertices"], f"meshio PLY {manifest['n_vertices']} vertices")
    r = np.linalg.norm(ply.points - 0.5, axis=1)
    check(np.all(np.abs(r - 0.3) < 0.02), "meshio PLY vertices on the sphere")
    if tris is not None:
        a, b, c = (ply.points[tris[:, k]] for k in range(3))
        vol = np.einsum("ij,ij->i", a, np.cross(b, c)).sum() / 6
        check(abs(vol - manifest["volume"]) < 1e-4 * abs(manifest["volume"]), f"meshio PLY volume {vol}")
    normals = np.column_stack([ply.point_data[k] for k in ("nx", "ny", "nz")]) if "nx" in ply.point_data else None
    check(normals is not None and np.all(np.einsum("ij,ij->i", normals, ply.points - 0.5) > 0),
          "meshio PLY vertex normals point outwards")
    # The PLY with a per-face int property. meshio 5.3 reads binary face properties after
    # the index list as if stored column by column (PLY interleaves them per face), so this
    # one is parsed here with numpy from the header, as the PLY spec lays it out.
    raw = (d / "sphere_labels.ply").read_bytes()
    end = raw.index(b"end_header\n") + len(b"end_header\n")
    header = raw[:end].decode()
    check("property int label" in header and "format binary_little_endian 1.0" in header, "PLY label header")
    vdt = np.dtype([(k, "<f4") for k in ("x", "y", "z", "nx", "ny", "nz")])
    fdt = np.dtype([("n", "u1"), ("v", "<i4", (3,)), ("label", "<i4")])
    nv, nt = manifest["n_vertices"], manifest["n_triangles"]
    check(len(raw) - end == nv * vdt.itemsize + nt * fdt.itemsize, "PLY label file size")
    faces = np.frombuffer(raw, dtype=fdt, count=nt, offset=end + nv * vdt.itemsize)
    check(np.all(faces["n"] == 3) and np.array_equal(faces["v"], tris), "PLY label faces equal meshio's triangles")
    check(np.array_equal(faces["label"], np.arange(nt) % 3), "PLY per-face 'label' values")
    stl = meshio.read(str(d / "sphere.stl"))
    stl_tris = stl.cells_dict.get("triangle")
    check(stl_tris is not None and len(stl_tris) == manifest["n_triangles"], "meshio STL triangle count")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all readers agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
