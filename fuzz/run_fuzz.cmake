# A short libFuzzer session as a CTest test:
#   cmake -DSOURCE_DIR=... -DWORK_DIR=... [-DSECONDS=30] [-DJOBS=2] -P run_fuzz.cmake
#
# Configures a separate clang build of the fuzz target in WORK_DIR/build
# (incremental after the first run), writes a seed corpus (the extractor's
# test pages, the shared corpus when present, fuzz/seeds/ (invalid UTF-8,
# NUL bytes, markup) and a long single line) to WORK_DIR/seeds, then runs
# extract_fuzz for SECONDS. Prints "SKIP: ..." and succeeds when clang or its
# libFuzzer runtime is absent; the test's SKIP_REGULAR_EXPRESSION then marks
# it skipped.
cmake_minimum_required(VERSION 3.25)
if(NOT SECONDS)
  set(SECONDS 30)
endif()
if(NOT JOBS)
  set(JOBS 2)
endif()

find_program(CLANG_C NAMES clang clang-16 clang-15 clang-14)
find_program(CLANG_CXX NAMES clang++ clang++-16 clang++-15 clang++-14)
if(NOT CLANG_C OR NOT CLANG_CXX)
  message("SKIP: clang is not installed; the fuzz run needs clang with libFuzzer")
  return()
endif()
# libFuzzer ships as libclang_rt.fuzzer (Debian: libclang-rt-14-dev).
execute_process(COMMAND ${CLANG_CXX} -print-file-name=libclang_rt.fuzzer-x86_64.a
                OUTPUT_VARIABLE fuzzer_rt OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CLANG_CXX} -print-resource-dir
                OUTPUT_VARIABLE resource_dir OUTPUT_STRIP_TRAILING_WHITESPACE)
file(GLOB_RECURSE fuzzer_libs "${resource_dir}/lib/*libclang_rt.fuzzer*.a")
if(NOT EXISTS "${fuzzer_rt}" AND NOT fuzzer_libs)
  message("SKIP: clang has no libFuzzer runtime (install libclang-rt-dev)")
  return()
endif()

set(build ${WORK_DIR}/build)
if(NOT EXISTS ${build}/CMakeCache.txt)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build}
            -DCMAKE_C_COMPILER=${CLANG_C} -DCMAKE_CXX_COMPILER=${CLANG_CXX}
            -DCMAKE_BUILD_TYPE=RelWithDebInfo
            -DTILTAS_BUILD_FUZZ=ON -DTILTAS_BUILD_TESTS=OFF -DTILTAS_BUILD_BENCH=OFF
    RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    file(REMOVE ${build}/CMakeCache.txt)
    message(FATAL_ERROR "configuring the fuzz build failed (${rc})")
  endif()
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${build} --target extract_fuzz -j ${JOBS}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building extract_fuzz failed (${rc})")
endif()

# Seeds: a fresh copy each run, since libFuzzer adds what it finds to the
# corpus directory.
set(seeds ${WORK_DIR}/seeds)
file(REMOVE_RECURSE ${seeds})
file(MAKE_DIRECTORY ${seeds})
file(GLOB pages ${SOURCE_DIR}/tests/extract/corpus/*.txt ${SOURCE_DIR}/../shared/corpus/*.txt)
file(COPY ${pages} DESTINATION ${seeds})
file(GLOB hostile ${SOURCE_DIR}/fuzz/seeds/*)  # invalid UTF-8, NUL bytes, markup
file(COPY ${hostile} DESTINATION ${seeds})
set(long_line "")
foreach(i RANGE 200)
  string(APPEND long_line "Project “Bridges ${i}” 2021-06-01 – 2022-08-31 budget 148 680,00 EUR; ")
endforeach()
file(WRITE ${seeds}/long_line.txt "${long_line}")

execute_process(
  COMMAND ${build}/fuzz/extract_fuzz -max_total_time=${SECONDS} -max_len=65536 -rss_limit_mb=4096
          -print_final_stats=1 -artifact_prefix=${WORK_DIR}/ ${seeds}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "extract_fuzz found a failure (exit ${rc}); the crashing input is in ${WORK_DIR}")
endif()
