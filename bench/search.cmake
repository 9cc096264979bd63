# The search benchmark: a generated registry of N projects, index build,
# size and query latency on SQLite FTS5 and (with --pg URL) PostgreSQL
# tsvector + RUM. See docs/decisions/0003-search-engine.md.
add_executable(search_bench ${CMAKE_CURRENT_LIST_DIR}/search_bench.cc ${CMAKE_CURRENT_LIST_DIR}/search_gen.cc)
target_include_directories(search_bench PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(search_bench PRIVATE tiltas_store tiltas_search fmt::fmt)
