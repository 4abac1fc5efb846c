# Empty custom commands generated dependencies file for medscope_catalog.
# This may be replaced when dependencies are built.
