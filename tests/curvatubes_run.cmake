# `tessera curvatubes` end to end: a small tubes texture writes every output; its
# params.json runs again to the same field; bad input is refused before any file is
# written; the fields read back equal through nibabel, tifffile and VTK (when Debian's
# python3 readers are installed).
file(REMOVE_RECURSE ${OUT})
set(args curvatubes --preset tubes --size 32 --iterations 100 --snapshots 50 --every 50 --backend cpu)
execute_process(COMMAND ${TESSERA} ${args} --out ${OUT}/a RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera curvatubes failed with ${rc}: ${err}")
endif()
foreach(f params.json final_state.json field.nii.gz field.vti field.nrrd field.tif surface.stl surface.ply curves.csv
          curves.png curvature_diagram.csv curvature_diagram.png morphometrics.json it_50.nii.gz slice_000000.png
          slice_000050.png slice_000100.png)
  if(NOT EXISTS ${OUT}/a/${f})
    message(FATAL_ERROR "missing ${OUT}/a/${f}")
  endif()
endforeach()
# The parameter file reproduces the run exactly.
execute_process(COMMAND ${TESSERA} curvatubes --params ${OUT}/a/params.json --iterations 100 --backend cpu --out ${OUT}/b
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "--params failed with ${rc}: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/a/field.nrrd ${OUT}/b/field.nrrd RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "running params.json again must give the same field")
endif()
# The saved state continues in `tessera run`: 5 more iterations from final_state.json.
execute_process(COMMAND ${TESSERA} run --scene-file ${OUT}/a/final_state.json --steps 5 --every 5 --backend cpu --out ${OUT}/c
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT}/c/slice_000105.png)
  message(FATAL_ERROR "tessera run on a curvatubes state failed (rc=${rc}): ${err}")
endif()
# Bad input: one line naming the value, non-zero, nothing written.
foreach(bad "--preset;nosuch" "--preset;tubes;--mass;1.5" "--preset;tubes;--size;8" "--coeffs;1,2,nan,0,0,0;--mass;-0.5"
            "--preset;tubes;--eps;0.001" "--coeffs;1,2,3;--mass;-0.5")
  execute_process(COMMAND ${TESSERA} curvatubes ${bad} --out ${OUT}/never RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0 OR EXISTS ${OUT}/never)
    message(FATAL_ERROR "curvatubes ${bad} must be refused before writing (rc=${rc}, stderr: ${err})")
  endif()
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines n_lines)
  if(NOT n_lines EQUAL 1)
    message(FATAL_ERROR "curvatubes ${bad}: expected one line, got: ${err}")
  endif()
endforeach()
if(PYTHON)
  execute_process(COMMAND ${PYTHON} ${SCRIPT} ${OUT}/a RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "a reader disagrees with the curvatubes outputs (exit ${rc})")
  endif()
endif()
