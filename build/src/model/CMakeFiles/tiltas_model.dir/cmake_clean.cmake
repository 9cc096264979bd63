file(REMOVE_RECURSE
  "CMakeFiles/tiltas_model.dir/enums.cc.o"
  "CMakeFiles/tiltas_model.dir/enums.cc.o.d"
  "CMakeFiles/tiltas_model.dir/validation.cc.o"
  "CMakeFiles/tiltas_model.dir/validation.cc.o.d"
  "libtiltas_model.a"
  "libtiltas_model.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/tiltas_model.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
