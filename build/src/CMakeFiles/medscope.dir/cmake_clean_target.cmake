file(REMOVE_RECURSE
  "libmedscope.a"
)
