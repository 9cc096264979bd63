# Empty compiler generated dependencies file for tiltas_codec.
# This may be replaced when dependencies are built.
