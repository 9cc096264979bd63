
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/model/enums.cc" "src/model/CMakeFiles/tiltas_model.dir/enums.cc.o" "gcc" "src/model/CMakeFiles/tiltas_model.dir/enums.cc.o.d"
  "/work/main/src/model/validation.cc" "src/model/CMakeFiles/tiltas_model.dir/validation.cc.o" "gcc" "src/model/CMakeFiles/tiltas_model.dir/validation.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/base/CMakeFiles/tiltas_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
