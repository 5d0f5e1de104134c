# SYNTAX TEST "source.dockerfile" "RUN --mount: flag, keys, values, type=cache"

RUN --mount=type=cache,target=/root/.cache/uv,id=uv-cache uv sync
#   ^^^^^^^ meta.run-flags.dockerfile meta.mount.dockerfile keyword.other.flag.mount.dockerfile
#          ^ meta.mount.dockerfile keyword.operator.assignment.dockerfile
#           ^^^^ meta.mount.dockerfile meta.mount-option.type.cache.dockerfile keyword.other.mount-key.dockerfile
#               ^ meta.mount-option.type.cache.dockerfile keyword.operator.assignment.dockerfile
#                ^^^^^ meta.mount-option.type.cache.dockerfile constant.language.mount-type.cache.dockerfile
#                     ^ meta.mount.dockerfile punctuation.separator.mount.dockerfile
#                      ^^^^^^ meta.mount.dockerfile keyword.other.mount-key.dockerfile
#                            ^ keyword.operator.assignment.dockerfile
#                             ^^^^^^^^^^^^^^^ meta.mount.dockerfile string.unquoted.mount-value.dockerfile
#                                            ^ punctuation.separator.mount.dockerfile
#                                             ^^ keyword.other.mount-key.dockerfile
#                                                ^^^^^^^^ string.unquoted.mount-value.dockerfile
#                                                         ^^^^^^^ - meta.run-flags.dockerfile meta.mount.dockerfile
# <--- keyword.other.special-method.dockerfile - meta.run-flags.dockerfile

RUN --mount=type=bind,source=.,target=/src,ro make
#                ^^^^ constant.language.mount-type.dockerfile - constant.language.mount-type.cache.dockerfile
#           ^^^^ meta.mount-option.type.dockerfile - meta.mount-option.type.cache.dockerfile
#                                          ^^ keyword.other.mount-key.dockerfile
#                                             ^^^^ - meta.mount.dockerfile

RUN --mount=type=CACHE,sharing=locked,uid=1000,gid=1000,mode=0755,readonly=false true
#                ^^^^^ constant.language.mount-type.cache.dockerfile
#                              ^^^^^^ constant.language.mount-sharing.dockerfile
#                                         ^^^^ constant.numeric.dockerfile
#                                                  ^^^^ constant.numeric.dockerfile
#                                                            ^^^^ constant.numeric.dockerfile
#                                                                 ^^^^^^^^ keyword.other.mount-key.dockerfile
#                                                                          ^^^^^ constant.language.boolean.dockerfile

RUN --mount=type=cache,target=${UV_CACHE_DIR},id=uv-cache uv sync
#                             ^^^^^^^^^^^^^^^ string.unquoted.mount-value.dockerfile variable.other.dockerfile
