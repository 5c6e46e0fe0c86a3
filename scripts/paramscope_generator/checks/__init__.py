"""The generator's part of `paramscope check`, run before any producer: `declared` (what each producer writes,
read from its source, and from the cache while its outputs are current) and `source_checks` (every page's markers
and bound checks against what producers declare, and the producers themselves), printed as `path:line: message`.
Another plugin adds its own checks through paramscope_generator.api.SourceChecker; the command is
generator.commands.check.
"""
