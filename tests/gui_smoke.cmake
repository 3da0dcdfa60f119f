# `tessera` end to end with a window: the settings file remembers the scene between
# runs; then it runs 20 frames under Xvfb and saves a
# screenshot, then tessera_gl_tests "[screenshot]" checks the picture (window size,
# the label view's palette colours, the panel's text).
#   -DXVFB_RUN=<xvfb-run or empty> -DTESSERA=<binary> -DGL_TESTS=<tessera_gl_tests> -DOUT=<file.png>
set(width 1280)
set(height 800)
set(with_display "")
if(XVFB_RUN)
  set(with_display ${XVFB_RUN} -a -s "-screen 0 1280x1024x24 -noreset")
endif()

# A settings file of its own (never the user's): the first run remembers its scene,
# the second run (without --scene) must open it again.
set(settings ${OUT}.settings.json)
file(REMOVE ${OUT} ${settings})
execute_process(
  COMMAND ${with_display} ${TESSERA} --frames 3 --backend cpu --settings ${settings} --scene ActiveBrownian
          --resolution 160
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT EXISTS ${settings})
  message(FATAL_ERROR "tessera --settings ${settings} failed with ${rc} or wrote no settings: ${err}")
endif()
execute_process(
  COMMAND ${with_display} ${TESSERA} --frames 3 --backend cpu --settings ${settings} --log-level info
  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" MATCHES "app: ActiveBrownian")
  message(FATAL_ERROR "the second run did not reopen the remembered scene (rc ${rc}): ${out}${err}")
endif()

execute_process(
  COMMAND ${with_display} ${TESSERA} --frames 20 --screenshot ${OUT} --backend cpu --no-settings
          --scene RunTumbleDisk --width ${width} --height ${height}
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
