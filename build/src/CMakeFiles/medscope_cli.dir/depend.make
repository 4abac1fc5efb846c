# Empty dependencies file for medscope_cli.
# This may be replaced when dependencies are built.
