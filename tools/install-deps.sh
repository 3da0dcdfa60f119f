#!/usr/bin/env bash
# Installs the Debian packages Tessera needs to build, test and run, if any is missing.
# Runs apt-get directly as root, through sudo otherwise; without either it lists
# what to install and fails. The CUDA Toolkit is optional and not installed here.
set -euo pipefail

packages=(
  build-essential cmake pkg-config          # compilers and build
  libeigen3-dev                             # sparse linear algebra (Newton / CG)
  libspdlog-dev                             # logging
  libcli11-dev                              # command line
  nlohmann-json3-dev                        # scene files, benchmark JSON
  libstb-dev                                # PNG read/write
  zlib1g-dev                                # compressed .vti and .nii.gz export
  libtiff-dev                               # TIFF stacks for Fiji/ImageJ
  catch2                                    # tests
  clang libclang-rt-14-dev libomp-dev       # make fuzz / sanitize: libFuzzer + sanitizer runtimes, clang's OpenMP
  libglfw3-dev libgl-dev libglm-dev         # window, OpenGL, maths for the camera
  libepoxy-dev                              # OpenGL function loader
  libimgui-dev                              # panels (ships the GLFW + OpenGL3 backends)
  xvfb xauth libgl1-mesa-dri                # GUI tests and screenshots without a display
  python3-numpy python3-nibabel             # export_readers test: .npy and NIfTI as users read them
  python3-tifffile python3-vtk9             # export_readers test: TIFF stacks and .vti files
  python3-meshio                            # export_readers test: PLY and STL meshes
)

missing=()
for pkg in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  apt_get=(apt-get)
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  apt_get=(sudo apt-get)
else
  echo "install-deps: missing Debian packages and no root or password-less sudo." >&2
  echo "Ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${apt_get[@]}" update -qq
"${apt_get[@]}" install -y -qq --no-install-recommends "${missing[@]}"
