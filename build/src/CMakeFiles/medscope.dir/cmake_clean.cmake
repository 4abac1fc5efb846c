file(REMOVE_RECURSE
  "CMakeFiles/medscope.dir/__/generated/rules_catalog.c.o"
  "CMakeFiles/medscope.dir/__/generated/rules_catalog.c.o.d"
  "CMakeFiles/medscope.dir/analyze/catalog.c.o"
  "CMakeFiles/medscope.dir/analyze/catalog.c.o.d"
  "CMakeFiles/medscope.dir/load/loader.c.o"
  "CMakeFiles/medscope.dir/load/loader.c.o.d"
  "CMakeFiles/medscope.dir/load/prescan.c.o"
  "CMakeFiles/medscope.dir/load/prescan.c.o.d"
  "CMakeFiles/medscope.dir/load/resolve.c.o"
  "CMakeFiles/medscope.dir/load/resolve.c.o.d"
  "CMakeFiles/medscope.dir/model/model.c.o"
  "CMakeFiles/medscope.dir/model/model.c.o.d"
  "CMakeFiles/medscope.dir/util/arena.c.o"
  "CMakeFiles/medscope.dir/util/arena.c.o.d"
  "CMakeFiles/medscope.dir/util/buf.c.o"
  "CMakeFiles/medscope.dir/util/buf.c.o.d"
  "CMakeFiles/medscope.dir/util/date.c.o"
  "CMakeFiles/medscope.dir/util/date.c.o.d"
  "CMakeFiles/medscope.dir/util/diags.c.o"
  "CMakeFiles/medscope.dir/util/diags.c.o.d"
  "CMakeFiles/medscope.dir/util/vec.c.o"
  "CMakeFiles/medscope.dir/util/vec.c.o.d"
  "libmedscope.a"
  "libmedscope.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/medscope.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
