# export_bench: the open-data export of a large synthetic registry (time,
# MB/s, peak RSS). Include from bench/CMakeLists.txt:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/export.cmake)
add_executable(export_bench ${CMAKE_CURRENT_LIST_DIR}/export_bench.cc)
target_link_libraries(export_bench PRIVATE tiltas_app tiltas_store tiltas_export)

# export_fill: a registry of N projects in minutes (K through the Store, the
# rest cloned by SQL), for exports at a million. See bench/README.md.
add_executable(export_fill ${CMAKE_CURRENT_LIST_DIR}/export_fill.cc)
target_link_libraries(export_fill PRIVATE tiltas_store tiltas_base PkgConfig::SQLITE3)
