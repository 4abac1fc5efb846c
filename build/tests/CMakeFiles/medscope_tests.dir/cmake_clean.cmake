file(REMOVE_RECURSE
  "CMakeFiles/medscope_tests.dir/unit/helpers.c.o"
  "CMakeFiles/medscope_tests.dir/unit/helpers.c.o.d"
  "CMakeFiles/medscope_tests.dir/unit/main.c.o"
  "CMakeFiles/medscope_tests.dir/unit/main.c.o.d"
  "CMakeFiles/medscope_tests.dir/unit/test_loader.c.o"
  "CMakeFiles/medscope_tests.dir/unit/test_loader.c.o.d"
  "medscope_tests"
  "medscope_tests.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/medscope_tests.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
