# Empty dependencies file for base_test.
# This may be replaced when dependencies are built.
