# SPDX-License-Identifier: Apache-2.0
# Catalog.cmake - compile the rule catalog (models/rules.xml) and the
# vocabulary (models/vocabulary.xml) into C.
#
#   include(cmake/Catalog.cmake)          # after find_package(LibXml2 2.9 REQUIRED)
#   medscope_generate_catalog(${CMAKE_CURRENT_BINARY_DIR}/generated)
#   target_sources(medscope PRIVATE ${MEDSCOPE_CATALOG_SOURCES} ${MEDSCOPE_CATALOG_HEADER})
#   target_include_directories(medscope PRIVATE ${MEDSCOPE_CATALOG_INCLUDE_DIR})
#
# medscope_generate_catalog(OUT_DIR) builds the host tool gen_catalog
# (tools/gen_catalog.c, gen_vocabulary.c, gen_util.c) and adds the rule that runs
#     gen_catalog models/rules.xml models/vocabulary.xml \
#                 OUT_DIR/rules_catalog.h OUT_DIR/rules_catalog.c
# whenever either file or the tool changes. It sets in the caller's scope:
#   MEDSCOPE_CATALOG_SOURCES      the generated .c
#   MEDSCOPE_CATALOG_HEADER       the generated .h (list it in target_sources too,
#                                 so that every generator orders it first)
#   MEDSCOPE_CATALOG_INCLUDE_DIR  OUT_DIR (holds rules_catalog.h)
#   MEDSCOPE_CATALOG_TARGET       the custom target that generates both files
#
# A custom command's rule only reaches targets of the directory that adds it:
# a target in a subdirectory compiling the .c fails with Makefiles ("No rule
# to make target"), and one including the header races with Ninja. So, at
# the end of the calling directory (after its subdirectories), every target
# below it whose SOURCES or INCLUDE_DIRECTORIES mention the generated files
# gets add_dependencies() on MEDSCOPE_CATALOG_TARGET. Targets that only link
# such a target are ordered through it.
#
# Cross-compiling: gen_catalog must run on the build machine. Set
# MEDSCOPE_GEN_CATALOG_EXECUTABLE to a gen_catalog built for the host;
# otherwise the tool is built with the target toolchain and run through
# CMAKE_CROSSCOMPILING_EMULATOR, if there is one.

include_guard(GLOBAL)

set(_MEDSCOPE_CATALOG_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")

set(MEDSCOPE_GEN_CATALOG_EXECUTABLE "" CACHE FILEPATH
    "A gen_catalog built for the build machine (cross-compiling only); empty = build it here")

function(medscope_generate_catalog OUT_DIR)
  if(NOT OUT_DIR)
    message(FATAL_ERROR "medscope_generate_catalog: OUT_DIR is required")
  endif()
  if(TARGET medscope_catalog)
    message(FATAL_ERROR "medscope_generate_catalog: call it once per build tree")
  endif()
  cmake_path(ABSOLUTE_PATH OUT_DIR BASE_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}" NORMALIZE)

  set(xml "${PROJECT_SOURCE_DIR}/models/rules.xml")
  set(vocab "${PROJECT_SOURCE_DIR}/models/vocabulary.xml")
  set(out_h "${OUT_DIR}/rules_catalog.h")
  set(out_c "${OUT_DIR}/rules_catalog.c")

  if(MEDSCOPE_GEN_CATALOG_EXECUTABLE)
    set(tool "${MEDSCOPE_GEN_CATALOG_EXECUTABLE}")
    set(tool_dep "${MEDSCOPE_GEN_CATALOG_EXECUTABLE}")
  else()
    if(NOT TARGET LibXml2::LibXml2)
      message(FATAL_ERROR
        "medscope_generate_catalog: LibXml2::LibXml2 is not defined; "
        "call find_package(LibXml2 2.9 REQUIRED) first")
    endif()
    if(NOT TARGET medscope_gen_catalog)
      add_executable(medscope_gen_catalog
        "${_MEDSCOPE_CATALOG_ROOT}/tools/gen_catalog.c"
        "${_MEDSCOPE_CATALOG_ROOT}/tools/gen_vocabulary.c"
        "${_MEDSCOPE_CATALOG_ROOT}/tools/gen_util.c")
      set_target_properties(medscope_gen_catalog PROPERTIES
        OUTPUT_NAME gen_catalog
        C_STANDARD 11
        C_STANDARD_REQUIRED ON
        C_EXTENSIONS OFF)
      target_link_libraries(medscope_gen_catalog PRIVATE LibXml2::LibXml2)
      if(COMMAND medscope_warnings)   # the project's warning set, when defined
        medscope_warnings(medscope_gen_catalog)
      endif()
    endif()
    # A target name as COMMAND runs the built tool (through the emulator, if any).
    set(tool medscope_gen_catalog)
    set(tool_dep medscope_gen_catalog)
  endif()

  add_custom_command(
    OUTPUT "${out_h}" "${out_c}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${OUT_DIR}"
    COMMAND ${tool} "${xml}" "${vocab}" "${out_h}" "${out_c}"
    DEPENDS "${xml}" "${vocab}" ${tool_dep}
    COMMENT "Generating the rule catalog from models/rules.xml and models/vocabulary.xml"
    VERBATIM)

  add_custom_target(medscope_catalog DEPENDS "${out_h}" "${out_c}")

  # Targets that compile the generated files add_dependencies() on
  # medscope_catalog (src/ and tests/ do).
  set(MEDSCOPE_CATALOG_SOURCES "${out_c}" PARENT_SCOPE)
  set(MEDSCOPE_CATALOG_HEADER "${out_h}" PARENT_SCOPE)
  set(MEDSCOPE_CATALOG_INCLUDE_DIR "${OUT_DIR}" PARENT_SCOPE)
  set(MEDSCOPE_CATALOG_TARGET medscope_catalog PARENT_SCOPE)
endfunction()
