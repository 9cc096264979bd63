file(REMOVE_RECURSE
  "libtiltas_model.a"
)
