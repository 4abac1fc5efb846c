
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/unit/helpers.c" "tests/CMakeFiles/medscope_tests.dir/unit/helpers.c.o" "gcc" "tests/CMakeFiles/medscope_tests.dir/unit/helpers.c.o.d"
  "/work/main/tests/unit/main.c" "tests/CMakeFiles/medscope_tests.dir/unit/main.c.o" "gcc" "tests/CMakeFiles/medscope_tests.dir/unit/main.c.o.d"
  "/work/main/tests/unit/test_loader.c" "tests/CMakeFiles/medscope_tests.dir/unit/test_loader.c.o" "gcc" "tests/CMakeFiles/medscope_tests.dir/unit/test_loader.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build/src/CMakeFiles/medscope.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
