# Empty compiler generated dependencies file for tiltas_model.
# This may be replaced when dependencies are built.
