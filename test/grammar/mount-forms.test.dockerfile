# SYNTAX TEST "source.dockerfile" "RUN --mount: space form, quotes, continuations, other flags, non-flags"

RUN --mount type=cache,target=/x true
#   ^^^^^^^ meta.mount.dockerfile keyword.other.flag.mount.dockerfile
#           ^^^^ meta.mount.dockerfile keyword.other.mount-key.dockerfile
#                ^^^^^ constant.language.mount-type.cache.dockerfile
#                                ^^^^ - meta.mount.dockerfile meta.run-flags.dockerfile

RUN --mount=type=cache,target="/root/.cache/pip" pip install x
#                             ^ string.quoted.double.mount-value.dockerfile punctuation.definition.string.begin.dockerfile
#                              ^^^^^^^^^^^^^^^^ meta.mount.dockerfile string.quoted.double.mount-value.dockerfile
#                                              ^ punctuation.definition.string.end.dockerfile
#                                                ^^^^^^^^^^^^^ - meta.mount.dockerfile

RUN --mount="type=cache,target=/x" --mount='type=cache,id=y,target=/y' true
#           ^ meta.mount.dockerfile string.quoted.double.mount-spec.dockerfile punctuation.definition.string.begin.dockerfile
#            ^^^^ string.quoted.double.mount-spec.dockerfile keyword.other.mount-key.dockerfile
#                 ^^^^^ string.quoted.double.mount-spec.dockerfile constant.language.mount-type.cache.dockerfile
#                                  ^^^^^^^ meta.mount.dockerfile keyword.other.flag.mount.dockerfile
#                                          ^ string.quoted.single.mount-spec.dockerfile
#                                                      ^^ string.quoted.single.mount-spec.dockerfile keyword.other.mount-key.dockerfile

RUN --network=none \
#   ^^^^^^^^^ meta.run-flags.dockerfile keyword.other.flag.dockerfile
#             ^^^^ string.unquoted.flag-value.dockerfile
#                  ^ meta.run-flags.dockerfile constant.character.escape.line-continuation.dockerfile
    # a comment line inside the continued RUN
#   ^ meta.run-flags.dockerfile comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
    --mount=type=cache,target=/root/.cache/uv \
#   ^^^^^^^ meta.run-flags.dockerfile meta.mount.dockerfile keyword.other.flag.mount.dockerfile
#                ^^^^^ constant.language.mount-type.cache.dockerfile
    uv sync --mount=type=cache
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^ - meta.run-flags.dockerfile meta.mount.dockerfile

onbuild run --mount=type=cache,target=/x true
#           ^^^^^^^ keyword.other.flag.mount.dockerfile
#                        ^^^^^ constant.language.mount-type.cache.dockerfile

RUN echo --mount=type=cache,target=/x
#        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ - meta.mount.dockerfile meta.run-flags.dockerfile

RUN --network=host -- --mount=type=cache
#   ^^^^^^^^^ keyword.other.flag.dockerfile
#                  ^^^^^^^^^^^^^^^^^^^^^ - meta.mount.dockerfile meta.run-flags.dockerfile

COPY --from=build --link /a /b
#    ^^^^^^^^^^^^^^^^^^^ - meta.run-flags.dockerfile keyword.other.flag.dockerfile

# RUN --mount=type=cache,target=/x
# <------------------------------- comment.line.number-sign.dockerfile - meta.mount.dockerfile

RUN --mount=type=cache,target="/unterminated
#                             ^^^^^^^^^^^^^^ string.quoted.double.mount-value.dockerfile
RUN echo "next line is not inside the unterminated quote"
# <--- keyword.other.special-method.dockerfile - string meta.run-flags.dockerfile
#        ^ string.quoted.double.dockerfile - meta.mount.dockerfile

RUN --mount=type=cache,target=/x ["sh", "-c", "true"]
#                                ^^^^^^^^^^^^^^^^^^^^ - meta.run-flags.dockerfile

RUN --mount=type=cache,target=/x <<EOF
#                                ^^^^^ - meta.run-flags.dockerfile
