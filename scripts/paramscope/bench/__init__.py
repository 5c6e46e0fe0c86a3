"""`paramscope bench`: the speed and memory targets, each measured and printed as one line (`report.line`) —
the counter (`counter`), the weights pages, the site's warm and cold builds (`build`), the built pages and the live
models in Chromium.
"""
