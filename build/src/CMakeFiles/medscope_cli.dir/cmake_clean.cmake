file(REMOVE_RECURSE
  "CMakeFiles/medscope_cli.dir/cli/cmd_rules.c.o"
  "CMakeFiles/medscope_cli.dir/cli/cmd_rules.c.o.d"
  "CMakeFiles/medscope_cli.dir/cli/cmd_validate.c.o"
  "CMakeFiles/medscope_cli.dir/cli/cmd_validate.c.o.d"
  "CMakeFiles/medscope_cli.dir/cli/common.c.o"
  "CMakeFiles/medscope_cli.dir/cli/common.c.o.d"
  "CMakeFiles/medscope_cli.dir/cli/main.c.o"
  "CMakeFiles/medscope_cli.dir/cli/main.c.o.d"
  "CMakeFiles/medscope_cli.dir/cli/outfile.c.o"
  "CMakeFiles/medscope_cli.dir/cli/outfile.c.o.d"
  "medscope"
  "medscope.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang C)
  include(CMakeFiles/medscope_cli.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
