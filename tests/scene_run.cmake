# `tessera run --scene` end to end on a small grid: every export appears, an unknown
# scene is refused before anything is written.
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${TESSERA} run --scene RunTumbleDisk --resolution 128 --steps 4 --every 2 --voxels
                        --backend cpu --out ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera run --scene failed with ${rc}")
endif()
foreach(f frame_000000.png frame_000004.png labels_000002.vti cells.csv solver.jsonl scene.json final_state.json)
  if(NOT EXISTS ${OUT}/${f})
    message(FATAL_ERROR "missing ${OUT}/${f}")
  endif()
endforeach()
file(STRINGS ${OUT}/solver.jsonl log_lines)
list(LENGTH log_lines n_log)
if(NOT n_log EQUAL 4)
  message(FATAL_ERROR "solver.jsonl has ${n_log} lines, expected one per step (4)")
endif()
# The scene.json of a run reproduces it exactly.
file(REMOVE_RECURSE ${OUT}_again)
execute_process(COMMAND ${TESSERA} run --scene-file ${OUT}/scene.json --steps 4 --every 2 --backend cpu
                        --out ${OUT}_again RESULT_VARIABLE rc)
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT}/cells.csv ${OUT}_again/cells.csv RESULT_VARIABLE differ)
if(NOT rc EQUAL 0 OR NOT differ EQUAL 0)
  message(FATAL_ERROR "re-running scene.json must reproduce cells.csv (rc=${rc}, differ=${differ})")
endif()
execute_process(COMMAND ${TESSERA} run --scene RunTumbleDisk --resolution 64 --steps 2 --out ${OUT}_coarse
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "at least 128")
  message(FATAL_ERROR "a grid below the scene's minimum must be refused (rc=${rc}, stderr: ${err})")
endif()
# A 3D surface-tension scene with a preset writes its interface mesh with each frame;
# --meshes on a 2D scene and an unknown preset are refused before anything is written.
file(REMOVE_RECURSE ${OUT}_mesh)
execute_process(COMMAND ${TESSERA} run --scene CellSorting3D --preset checkerboard --resolution 64 --steps 1 --every 1
                        --meshes --backend cpu --out ${OUT}_mesh RESULT_VARIABLE rc)
foreach(f mesh_000000.stl mesh_000001.stl)
  if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT}_mesh/${f})
    message(FATAL_ERROR "--meshes must write ${f} (rc=${rc})")
  endif()
endforeach()
file(READ ${OUT}_mesh/scene.json scene_json)
if(NOT scene_json MATCHES "\"preset\": \"checkerboard\"")
  message(FATAL_ERROR "scene.json must name the preset")
endif()
execute_process(COMMAND ${TESSERA} run --scene RunTumbleDisk --resolution 128 --steps 1 --meshes --out ${OUT}_mesh2d
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "--meshes needs a 3D scene" OR EXISTS ${OUT}_mesh2d)
  message(FATAL_ERROR "--meshes on a 2D scene must be refused before writing (rc=${rc}, stderr: ${err})")
endif()
execute_process(COMMAND ${TESSERA} run --scene CellSorting3D --preset mixed --resolution 64 --steps 1 --out ${OUT}_preset
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "no preset 'mixed'" OR EXISTS ${OUT}_preset)
  message(FATAL_ERROR "an unknown preset must be refused before writing (rc=${rc}, stderr: ${err})")
endif()
execute_process(COMMAND ${TESSERA} run --scene NoSuchScene --steps 2 --out ${OUT}_never RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "unknown scene" OR EXISTS ${OUT}_never)
  message(FATAL_ERROR "an unknown scene must be refused before writing (rc=${rc}, stderr: ${err})")
endif()
