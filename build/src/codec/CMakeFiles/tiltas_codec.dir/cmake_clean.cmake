file(REMOVE_RECURSE
  "CMakeFiles/tiltas_codec.dir/records_json.cc.o"
  "CMakeFiles/tiltas_codec.dir/records_json.cc.o.d"
  "libtiltas_codec.a"
  "libtiltas_codec.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/tiltas_codec.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
