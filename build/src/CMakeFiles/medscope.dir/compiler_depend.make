# Empty compiler generated dependencies file for medscope.
# This may be replaced when dependencies are built.
