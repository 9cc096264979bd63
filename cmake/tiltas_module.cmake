# tiltas_module(NAME SOURCES ... DEPS ... [PRIVATE_DEPS ...])
#
# Declares the library tiltas_NAME for the folder src/NAME. Only the folder
# src/ is on the include path, so includes read "base/error.h"; the module
# boundary is enforced because a module sees the headers of other Tiltas
# modules only through the include directories of the targets it links, which
# are exactly its DEPS: each target exports only its own folder via a private
# include root (see the staging below).
function(tiltas_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(tiltas_${name} STATIC ${M_SOURCES})
  string(REPLACE "_" "/" subdir ${name})
  # Stage a view of the include tree that contains only this module's folder,
  # so that linking tiltas_X makes "X/..." includable and nothing else.
  set(stage ${CMAKE_BINARY_DIR}/include_stage/${name})
  get_filename_component(parent ${stage}/${subdir} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  if(NOT EXISTS ${stage}/${subdir})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/src/${subdir} ${stage}/${subdir} SYMBOLIC)
  endif()
  target_include_directories(tiltas_${name} PUBLIC ${stage})
  target_link_libraries(tiltas_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
endfunction()
