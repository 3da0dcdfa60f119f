# Export formats read back by the tools users run: the hidden [export-fixtures] test case
# writes one file per format into OUT, then tests/python/check_exports.py reads them with
# nibabel, tifffile, VTK, meshio and numpy. Prints "SKIPPED:" when a reader is not installed.
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${CMAKE_COMMAND} -E env TESSERA_FIXTURES=${OUT} ${TESTS} "[export-fixtures]"
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "writing the export fixtures failed with ${rc}")
endif()
execute_process(COMMAND ${PYTHON} ${SCRIPT} ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a reader disagrees with the exported files (check_exports.py exit ${rc})")
endif()
