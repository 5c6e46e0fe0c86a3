"""This site's commands, one module each, beside the generator's own (paramscope_generator.commands) on the
`paramscope` command line (paramscope.cli adds them): new-term, count, next-token, generate, embed, attention and
bench; and `models` (loading the real models, with one line for a damaged file), which they share. The site's top
layer: it may import any other part (of the generator, only paramscope_generator.api).
"""
