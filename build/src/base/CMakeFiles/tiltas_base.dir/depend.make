# Empty dependencies file for tiltas_base.
# This may be replaced when dependencies are built.
