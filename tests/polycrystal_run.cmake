# `tessera polycrystal` end to end: small 3D periodic and 2D cases write every output;
# the generator file runs again to the same voxels through `tessera run`; bad input is
# refused with one line before any file is written; VTK and PyYAML read the outputs back
# (tests/python/check_polycrystal_run.py).
file(REMOVE_RECURSE ${OUT})
set(args3 polycrystal --grains 40 --dim 3 --anisotropy 0.4 --periodic --seed 7 --backend cpu)
set(args2 polycrystal --grains 30 --dim 2 --anisotropy 0.5 --sizes lognormal --size-sigma 0.3 --lloyd 1 --seed 3
          --box-size 2e-4 --backend cpu)
foreach(case "a;${args3}" "d;${args2}")
  list(POP_FRONT case dir)
  execute_process(COMMAND ${TESSERA} ${case} --out ${OUT}/${dir} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tessera ${case} failed with ${rc}: ${err}")
  endif()
  foreach(f grains.vti material.yaml grains.csv labels.raw labels.json fit.json polycrystal.json)
    if(NOT EXISTS ${OUT}/${dir}/${f})
      message(FATAL_ERROR "missing ${OUT}/${dir}/${f}")
    endif()
  endforeach()
endforeach()
# The generator file reproduces the microstructure exactly: `tessera run` replays its
# round and adds one (a Lloyd sweep), which must equal the command with --lloyd 1.
execute_process(COMMAND ${TESSERA} run --scene-file ${OUT}/a/polycrystal.json --steps 1 --backend cpu --out ${OUT}/b
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera run on polycrystal.json failed with ${rc}: ${err}")
endif()
execute_process(COMMAND ${TESSERA} ${args3} --lloyd 1 --out ${OUT}/c RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera polycrystal --lloyd 1 failed with ${rc}: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/b/labels.raw ${OUT}/c/labels.raw RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "polycrystal.json run on must give the voxels of the same flags with one more round")
endif()
# Bad input: one line naming the value, non-zero, nothing written.
foreach(bad "--grains;10;--dim;4" "--grains;10;--anisotropy;1.5" "--grains;0" "--grains;10;--tolerance;0"
            "--grains;10;--sizes;lognormal;--size-sigma;0" "--grains;10;--resolution;3" "--grains;500;--resolution;8"
            "--grains;300;--dim;2;--exclusion;1" "--grains;10;--box-size;-1" "--dim;3")
  execute_process(COMMAND ${TESSERA} polycrystal ${bad} --backend cpu --out ${OUT}/never RESULT_VARIABLE rc
                  ERROR_VARIABLE err)
  if(rc EQUAL 0 OR EXISTS ${OUT}/never)
    message(FATAL_ERROR "polycrystal ${bad} must be refused before writing (rc=${rc}, stderr: ${err})")
  endif()
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines n_lines)
  if(NOT n_lines EQUAL 1)
    message(FATAL_ERROR "polycrystal ${bad}: expected one line, got: ${err}")
  endif()
endforeach()
if(PYTHON)
  foreach(dir a d)
    execute_process(COMMAND ${PYTHON} ${SCRIPT} ${OUT}/${dir} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    message("${out}${err}")
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "a reader disagrees with the polycrystal outputs in ${dir} (exit ${rc})")
    endif()
  endforeach()
endif()
