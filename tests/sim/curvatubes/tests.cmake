# curvatubes tests (included from tests/CMakeLists.txt).
target_sources(tessera_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/test_cuda.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_generator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_geometry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_gradient.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_operators.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_params.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_strip.cpp)
target_link_libraries(tessera_tests PRIVATE tessera_curvatubes)
