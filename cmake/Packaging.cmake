# SPDX-License-Identifier: Apache-2.0
# Debian packages through CPack (`cpack -G DEB` in the build folder, or
# .ci/deb.sh): `medscope` holds the program, the shared library, the man
# page, the completions, the XSD, the JSON Schemas and the reference pages;
# `libmedscope-dev` the headers, the link name, medscope.pc and the CMake
# package. Dependencies come from dpkg-shlibdeps, not from a list here.
set(CPACK_PACKAGE_NAME medscope)
set(CPACK_PACKAGE_VENDOR "medscope maintainers")
set(CPACK_PACKAGE_CONTACT "medscope maintainers <maintainers@users.noreply.b-seed-81e3fa58.example>")
# Each package's description: its first line is the synopsis. CPack puts a
# summary of its own above both unless the summary is CPack's default text,
# which is then never shown.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(MEDSCOPE_DEB_DESCRIPTION
  "scope, risk-management owners and agreements under Japan's 3省2ガイドライン
medscope reads an XML model of a multi-vendor medical IT deployment in Japan
and answers which companies fall under the METI/MIC vendor guideline, who
owns risk management of each component towards each facility, which
agreements must exist and which are missing; it draws and tabulates the
answer for contracts (SVG/PNG/PDF, CSV, Markdown, HTML, JSON, SARIF).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_GROUPING ONE_PER_GROUP)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The shlibs file and the ldconfig trigger of a package with a shared library.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY "=")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# fonts-noto-cjk: Japanese in PNG and PDF diagrams (cli.md); the Graphviz
# package: the layout and render plugins that libgvc loads at run time.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME medscope)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "graphviz, fonts-noto-cjk")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION science)
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "${MEDSCOPE_DEB_DESCRIPTION}")
# ldconfig through a trigger, as Debian policy 8.1.1 asks (CPack also
# writes postinst/postrm calls, which lintian only warns about).
file(WRITE ${PROJECT_BINARY_DIR}/debian/triggers "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/triggers)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_NAME libmedscope-dev)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEVELOPMENT_PACKAGE_DEPENDS
  "medscope (= ${PROJECT_VERSION}), libxml2-dev, libgraphviz-dev, libjansson-dev, libxlsxwriter-dev")
set(CPACK_DEBIAN_DEVELOPMENT_DESCRIPTION
  "development files of libmedscope
Headers, pkg-config file and CMake package of libmedscope, the library
behind the medscope program: load a deployment model, analyse it, read
findings, ownership and required agreements, emit reports and diagrams.")

include(CPack)
cpack_add_component_group(runtime)
cpack_add_component_group(development)
cpack_add_component(bin GROUP runtime)
cpack_add_component(lib GROUP runtime)
cpack_add_component(dev GROUP development DEPENDS lib)

# Debian wants a copyright file and a changelog in each package's doc folder
# (a native package: changelog.gz).
find_program(GZIP gzip REQUIRED)
string(TIMESTAMP MEDSCOPE_CHANGELOG_DATE "%a, %d %b %Y 00:00:00 +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/cmake/debian-changelog.in ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
execute_process(COMMAND ${GZIP} -9nf ${PROJECT_BINARY_DIR}/debian/changelog)
foreach(pkg medscope libmedscope-dev)
  set(comp bin)
  if(pkg STREQUAL "libmedscope-dev")
    set(comp dev)
  endif()
  configure_file(${PROJECT_SOURCE_DIR}/cmake/debian-copyright.in
    ${PROJECT_BINARY_DIR}/debian/${pkg}/copyright @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/debian/${pkg}/copyright ${PROJECT_BINARY_DIR}/debian/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg} COMPONENT ${comp})
endforeach()
