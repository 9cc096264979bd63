file(REMOVE_RECURSE
  "libtiltas_codec.a"
)
