
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/base/country.cc" "src/base/CMakeFiles/tiltas_base.dir/country.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/country.cc.o.d"
  "/work/main/src/base/currency.cc" "src/base/CMakeFiles/tiltas_base.dir/currency.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/currency.cc.o.d"
  "/work/main/src/base/error.cc" "src/base/CMakeFiles/tiltas_base.dir/error.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/error.cc.o.d"
  "/work/main/src/base/hash.cc" "src/base/CMakeFiles/tiltas_base.dir/hash.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/hash.cc.o.d"
  "/work/main/src/base/partial_date.cc" "src/base/CMakeFiles/tiltas_base.dir/partial_date.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/partial_date.cc.o.d"
  "/work/main/src/base/text.cc" "src/base/CMakeFiles/tiltas_base.dir/text.cc.o" "gcc" "src/base/CMakeFiles/tiltas_base.dir/text.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
