# `tessera` end to end with a window: it runs 20 frames under Xvfb and saves a
# screenshot, then tessera_gl_tests "[screenshot]" checks the picture (window size,
# the label view's palette colours, the panel's text).
#   -DXVFB_RUN=<xvfb-run or empty> -DTESSERA=<binary> -DGL_TESTS=<tessera_gl_tests> -DOUT=<file.png>
set(width 1280)
set(height 800)
set(with_display "")
if(XVFB_RUN)
  set(with_display ${XVFB_RUN} -a -s "-screen 0 1280x1024x24 -noreset")
endif()

file(REMOVE ${OUT})
execute_process(
  COMMAND ${with_display} ${TESSERA} --frames 20 --screenshot ${OUT} --backend cpu --seeds 64
          --width ${width} --height ${height}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera --frames 20 failed with ${rc}: ${err}")
endif()
if(NOT EXISTS ${OUT})
  message(FATAL_ERROR "tessera --screenshot ${OUT} wrote no file (stderr: ${err})")
endif()

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env TESSERA_SCREENSHOT=${OUT} TESSERA_SCREENSHOT_SIZE=${width}x${height}
          ${GL_TESTS} "[screenshot]"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the screenshot ${OUT} does not look right:\n${out}")
endif()
