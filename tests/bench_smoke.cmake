# `tessera bench` on the small case: it must print a row and write valid JSON with
# converged steps; an unknown case must be refused.
file(REMOVE ${OUT})
execute_process(COMMAND ${TESSERA} bench --backend cpu --case 2d-n20-64 --steps 3 --json ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE table)
if(NOT rc EQUAL 0 OR NOT table MATCHES "2d-n20-64 +cpu")
  message(FATAL_ERROR "bench failed (rc=${rc}):\n${table}")
endif()
file(READ ${OUT} json)
string(JSON failures GET ${json} rows 0 failures)
string(JSON fit_ms GET ${json} rows 0 fit_ms_median)
if(NOT failures EQUAL 0 OR fit_ms LESS_EQUAL 0)
  message(FATAL_ERROR "bench JSON reports failures=${failures}, fit_ms=${fit_ms}")
endif()
execute_process(COMMAND ${TESSERA} bench --case no-such-case RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "unknown bench case")
  message(FATAL_ERROR "an unknown case must be refused (rc=${rc}, stderr: ${err})")
endif()
# The curvatubes case: a row with a positive iteration time.
execute_process(COMMAND ${TESSERA} bench --backend cpu --case curvatubes-32 --steps 3 RESULT_VARIABLE rc OUTPUT_VARIABLE table)
if(NOT rc EQUAL 0 OR NOT table MATCHES "curvatubes-32 +cpu +32\\^3 +[0-9.]+")
  message(FATAL_ERROR "the curvatubes bench case failed (rc=${rc}):\n${table}")
endif()
