file(REMOVE_RECURSE
  "libtiltas_base.a"
)
