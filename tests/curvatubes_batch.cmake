# `tessera curvatubes-family` and `tessera curvatubes-atlas` end to end on 16^3 grids: the
# files each writes, the atlas reproduced from its seed, bad input refused with one line
# before anything is written.
file(REMOVE_RECURSE ${OUT})
set(small --size 16 --iterations 20 --backend cpu)
execute_process(COMMAND ${TESSERA} curvatubes-family --steps 2 ${small} --out ${OUT}/family RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera curvatubes-family failed with ${rc}: ${err}")
endif()
foreach(f family.csv contact_sheet.png row_0_col_0/field.nii.gz row_0_col_1/surface.stl row_1_col_0/morphometrics.json
          row_1_col_1/params.json)
  if(NOT EXISTS ${OUT}/family/${f})
    message(FATAL_ERROR "curvatubes-family: missing ${OUT}/family/${f}")
  endif()
endforeach()
file(STRINGS ${OUT}/family/family.csv rows)
list(LENGTH rows n_rows)
if(NOT n_rows EQUAL 5)
  message(FATAL_ERROR "family.csv: expected a header and 4 rows, got ${n_rows}")
endif()
# The same seed gives the same atlas, table byte for byte.
foreach(run a b)
  execute_process(COMMAND ${TESSERA} curvatubes-atlas --count 2 --max-tries 10 --seed 3 ${small} --out ${OUT}/atlas_${run}
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "tessera curvatubes-atlas failed with ${rc}: ${err}")
  endif()
endforeach()
foreach(f atlas.csv exp_0000/field.nii.gz exp_0001/morphometrics.json)
  if(NOT EXISTS ${OUT}/atlas_a/${f})
    message(FATAL_ERROR "curvatubes-atlas: missing ${OUT}/atlas_a/${f}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/atlas_a/atlas.csv ${OUT}/atlas_b/atlas.csv RESULT_VARIABLE differ)
if(differ)
  message(FATAL_ERROR "curvatubes-atlas with the same --seed must write the same atlas.csv")
endif()
# A slot without a viable draw: non-zero exit naming --max-tries, the table still written
# (seed 1's draw 0 is not viable after 20 iterations at 16^3: one phase has not formed yet).
execute_process(COMMAND ${TESSERA} curvatubes-atlas --count 1 --max-tries 1 --seed 1 ${small} --out ${OUT}/atlas_empty
                RESULT_VARIABLE rc ERROR_VARIABLE err)
file(STRINGS ${OUT}/atlas_empty/atlas.csv rows)
list(LENGTH rows n_rows)
if(rc EQUAL 0 OR NOT err MATCHES "no viable draw in 1 tries" OR NOT n_rows EQUAL 2 OR EXISTS ${OUT}/atlas_empty/exp_0000)
  message(FATAL_ERROR "an atlas slot without a viable draw must fail after writing atlas.csv (rc=${rc}, rows=${n_rows}): ${err}")
endif()
# Bad input: one line naming the value, non-zero, nothing written.
foreach(bad "curvatubes-family;--corners;tubes,nosuch,sponge,sieve" "curvatubes-family;--corners;tubes,sponge"
            "curvatubes-family;--steps;1" "curvatubes-family;--mass;1.5" "curvatubes-atlas;--count;0"
            "curvatubes-atlas;--max-tries;0" "curvatubes-atlas;--size;8")
  execute_process(COMMAND ${TESSERA} ${bad} --out ${OUT}/never RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0 OR EXISTS ${OUT}/never)
    message(FATAL_ERROR "${bad} must be refused before writing (rc=${rc}, stderr: ${err})")
  endif()
  string(REGEX MATCHALL "\n" lines "${err}")
  list(LENGTH lines n_lines)
  if(NOT n_lines EQUAL 1)
    message(FATAL_ERROR "${bad}: expected one line, got: ${err}")
  endif()
endforeach()
# An output folder with files in it needs --overwrite.
foreach(cmd "curvatubes-family;--steps;2" "curvatubes-atlas;--count;1")
  execute_process(COMMAND ${TESSERA} ${cmd} ${small} --out ${OUT}/family RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0 OR NOT err MATCHES "--overwrite")
    message(FATAL_ERROR "${cmd} into a non-empty folder must be refused naming --overwrite (rc=${rc}): ${err}")
  endif()
endforeach()
