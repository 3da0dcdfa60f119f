# Common settings for every Tessera target: warnings, OpenMP, CUDA flags.
function(tessera_configure_target target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wno-unknown-pragmas>
    $<$<AND:$<COMPILE_LANGUAGE:CXX>,$<BOOL:${TESSERA_WARNINGS_AS_ERRORS}>>:-Werror>
    $<$<COMPILE_LANGUAGE:CUDA>:--expt-relaxed-constexpr --extended-lambda -Xcompiler=-Wall,-Wno-unknown-pragmas>)
  if(TESSERA_WITH_CUDA)
    target_compile_definitions(${target} PUBLIC TESSERA_WITH_CUDA=1)
  else()
    target_compile_definitions(${target} PUBLIC TESSERA_WITH_CUDA=0)
  endif()
endfunction()

# Adds the .cu files of a module only when the CUDA backend is built, so that a
# CPU-only build never sees them (the module's .cpp dispatches to them).
function(tessera_add_cuda_sources target)
  if(TESSERA_WITH_CUDA)
    target_sources(${target} PRIVATE ${ARGN})
    set_target_properties(${target} PROPERTIES CUDA_SEPARABLE_COMPILATION OFF)
  endif()
endfunction()

# Layering rule: sim and scenes never depend on graphics. At the end of
# configuration, fail if `target` (directly or through another Tessera target)
# links OpenGL, GLFW, ImGui, libepoxy or the renderer. Test executables that link
# only sim/scenes then fail to link on any graphics call that slips in.
set(TESSERA_GRAPHICS_TARGETS OpenGL::GL OpenGL::OpenGL glfw PkgConfig::IMGUI PkgConfig::EPOXY tessera_render
    tessera_shaders tessera_app CACHE INTERNAL "")

function(_tessera_collect_links target out_var)
  set(seen "${${out_var}}")
  if(NOT TARGET ${target} OR "${target}" IN_LIST seen)
    return()
  endif()
  list(APPEND seen ${target})
  get_target_property(type ${target} TYPE)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    get_target_property(links ${target} LINK_LIBRARIES)
  endif()
  get_target_property(ilinks ${target} INTERFACE_LINK_LIBRARIES)
  foreach(dep IN LISTS links ilinks)
    if(dep AND NOT dep MATCHES "NOTFOUND$")
      list(APPEND seen_deps ${dep})
      _tessera_collect_links(${dep} seen)
      list(APPEND seen ${dep})
    endif()
  endforeach()
  set(${out_var} "${seen}" PARENT_SCOPE)
endfunction()

function(tessera_forbid_graphics target)
  tessera_forbid_links(${target} ${TESSERA_GRAPHICS_TARGETS})
endfunction()

# Layering rule between Tessera's own libraries: at the end of configuration, fail if
# `target` links (directly or through another target) any of the named libraries. The
# shared engines (ot, labels, tension, curvatubes) never depend on a mode built on them.
function(_tessera_check_no_links target)
  set(all "")
  _tessera_collect_links(${target} all)
  foreach(dep IN LISTS all)
    if("${dep}" IN_LIST ARGN)
      message(FATAL_ERROR "Layering violation: ${target} links ${dep}; sim and scenes must stay free of graphics, "
                          "and a shared engine never links a library built on top of it.")
    endif()
  endforeach()
endfunction()

function(tessera_forbid_links target)
  string(REPLACE ";" "]] [[" forbidden "${ARGN}")
  cmake_language(EVAL CODE
    "cmake_language(DEFER DIRECTORY [[${PROJECT_SOURCE_DIR}]] CALL _tessera_check_no_links [[${target}]] [[${forbidden}]])")
endfunction()
