file(REMOVE_RECURSE
  "CMakeFiles/medscope_gen_catalog.dir/__/tools/gen_catalog.c.o"
  "CMakeFiles/medscope_gen_catalog.dir/__/tools/gen_catalog.c.o.d"
  "gen_catalog"
  "gen_catalog.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/medscope_gen_catalog.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
