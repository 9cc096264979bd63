file(REMOVE_RECURSE
  "CMakeFiles/base_test.dir/codes_test.cc.o"
  "CMakeFiles/base_test.dir/codes_test.cc.o.d"
  "CMakeFiles/base_test.dir/partial_date_test.cc.o"
  "CMakeFiles/base_test.dir/partial_date_test.cc.o.d"
  "CMakeFiles/base_test.dir/text_test.cc.o"
  "CMakeFiles/base_test.dir/text_test.cc.o.d"
  "base_test"
  "base_test.pdb"
  "base_test[1]_tests.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/base_test.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
