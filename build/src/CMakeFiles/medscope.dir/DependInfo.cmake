
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/build/generated/rules_catalog.c" "src/CMakeFiles/medscope.dir/__/generated/rules_catalog.c.o" "gcc" "src/CMakeFiles/medscope.dir/__/generated/rules_catalog.c.o.d"
  "/work/main/src/analyze/catalog.c" "src/CMakeFiles/medscope.dir/analyze/catalog.c.o" "gcc" "src/CMakeFiles/medscope.dir/analyze/catalog.c.o.d"
  "/work/main/src/load/loader.c" "src/CMakeFiles/medscope.dir/load/loader.c.o" "gcc" "src/CMakeFiles/medscope.dir/load/loader.c.o.d"
  "/work/main/src/load/prescan.c" "src/CMakeFiles/medscope.dir/load/prescan.c.o" "gcc" "src/CMakeFiles/medscope.dir/load/prescan.c.o.d"
  "/work/main/src/load/resolve.c" "src/CMakeFiles/medscope.dir/load/resolve.c.o" "gcc" "src/CMakeFiles/medscope.dir/load/resolve.c.o.d"
  "/work/main/src/model/model.c" "src/CMakeFiles/medscope.dir/model/model.c.o" "gcc" "src/CMakeFiles/medscope.dir/model/model.c.o.d"
  "/work/main/src/util/arena.c" "src/CMakeFiles/medscope.dir/util/arena.c.o" "gcc" "src/CMakeFiles/medscope.dir/util/arena.c.o.d"
  "/work/main/src/util/buf.c" "src/CMakeFiles/medscope.dir/util/buf.c.o" "gcc" "src/CMakeFiles/medscope.dir/util/buf.c.o.d"
  "/work/main/src/util/date.c" "src/CMakeFiles/medscope.dir/util/date.c.o" "gcc" "src/CMakeFiles/medscope.dir/util/date.c.o.d"
  "/work/main/src/util/diags.c" "src/CMakeFiles/medscope.dir/util/diags.c.o" "gcc" "src/CMakeFiles/medscope.dir/util/diags.c.o.d"
  "/work/main/src/util/vec.c" "src/CMakeFiles/medscope.dir/util/vec.c.o" "gcc" "src/CMakeFiles/medscope.dir/util/vec.c.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
