# Empty compiler generated dependencies file for medscope_gen_catalog.
# This may be replaced when dependencies are built.
