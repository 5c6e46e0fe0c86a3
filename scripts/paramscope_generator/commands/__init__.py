"""The generator's commands, one module each, that any site runs: build, serve, compute, merge-cache, check and
facts, and `project` (the `-f FILE` option: which site a command works on). The generator's `dispatch` runs them;
a site's own commands (this site's: paramscope.site_commands) sit beside them on the same command line.
"""
