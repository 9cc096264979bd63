file(REMOVE_RECURSE
  "CMakeFiles/tiltas_base.dir/country.cc.o"
  "CMakeFiles/tiltas_base.dir/country.cc.o.d"
  "CMakeFiles/tiltas_base.dir/currency.cc.o"
  "CMakeFiles/tiltas_base.dir/currency.cc.o.d"
  "CMakeFiles/tiltas_base.dir/error.cc.o"
  "CMakeFiles/tiltas_base.dir/error.cc.o.d"
  "CMakeFiles/tiltas_base.dir/hash.cc.o"
  "CMakeFiles/tiltas_base.dir/hash.cc.o.d"
  "CMakeFiles/tiltas_base.dir/partial_date.cc.o"
  "CMakeFiles/tiltas_base.dir/partial_date.cc.o.d"
  "CMakeFiles/tiltas_base.dir/text.cc.o"
  "CMakeFiles/tiltas_base.dir/text.cc.o.d"
  "libtiltas_base.a"
  "libtiltas_base.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/tiltas_base.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
