
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/src/cli/cmd_rules.c" "src/CMakeFiles/medscope_cli.dir/cli/cmd_rules.c.o" "gcc" "src/CMakeFiles/medscope_cli.dir/cli/cmd_rules.c.o.d"
  "/work/main/src/cli/cmd_validate.c" "src/CMakeFiles/medscope_cli.dir/cli/cmd_validate.c.o" "gcc" "src/CMakeFiles/medscope_cli.dir/cli/cmd_validate.c.o.d"
  "/work/main/src/cli/common.c" "src/CMakeFiles/medscope_cli.dir/cli/common.c.o" "gcc" "src/CMakeFiles/medscope_cli.dir/cli/common.c.o.d"
  "/work/main/src/cli/main.c" "src/CMakeFiles/medscope_cli.dir/cli/main.c.o" "gcc" "src/CMakeFiles/medscope_cli.dir/cli/main.c.o.d"
  "/work/main/src/cli/outfile.c" "src/CMakeFiles/medscope_cli.dir/cli/outfile.c.o" "gcc" "src/CMakeFiles/medscope_cli.dir/cli/outfile.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/CMakeFiles/medscope.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
