# `tessera` without a display: a non-zero exit and a one-line error that says how to
# run headless. (CTest's WILL_FAIL cannot be combined with a check of the message.)
#   -DTESSERA=<binary>
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY ${TESSERA} --frames 1 --backend cpu
  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "tessera without a display exited with 0")
endif()
string(CONCAT expected "tessera: error: cannot open a window (no display: DISPLAY is not set); "
                      "use `tessera run --out DIR` to run headless\n")
if(NOT err STREQUAL expected)
  message(FATAL_ERROR "tessera without a display must print exactly\n  ${expected}got (exit ${rc}):\n  ${err}")
endif()
