# export_bench: the open-data export of a large synthetic registry (time,
# MB/s, peak RSS). Include from bench/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/export.cmake)
add_executable(export_bench ${CMAKE_CURRENT_LIST_DIR}/export_bench.cc)
target_link_libraries(export_bench PRIVATE tiltas_app tiltas_store tiltas_export)
