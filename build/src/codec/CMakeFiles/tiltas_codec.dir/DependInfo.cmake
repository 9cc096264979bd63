
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/codec/records_json.cc" "src/codec/CMakeFiles/tiltas_codec.dir/records_json.cc.o" "gcc" "src/codec/CMakeFiles/tiltas_codec.dir/records_json.cc.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/model/CMakeFiles/tiltas_model.dir/DependInfo.cmake"
  "/work/main/build/src/base/CMakeFiles/tiltas_base.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
