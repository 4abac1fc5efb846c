# Empty compiler generated dependencies file for medscope_tests.
# This may be replaced when dependencies are built.
