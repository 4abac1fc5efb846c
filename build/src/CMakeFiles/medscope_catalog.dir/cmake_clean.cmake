file(REMOVE_RECURSE
  "../generated/rules_catalog.c"
  "../generated/rules_catalog.h"
  "CMakeFiles/medscope_catalog"
)

# Per-language clean rules from dependency scanning.
foreach(lang )
  include(CMakeFiles/medscope_catalog.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
