# polycrystal tests (included from tests/CMakeLists.txt).
target_sources(tessera_tests PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/test_diagram.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_fit.cpp
  ${CMAKE_CURRENT_LIST_DIR}/test_sampling.cpp)
target_link_libraries(tessera_tests PRIVATE tessera_polycrystal)
