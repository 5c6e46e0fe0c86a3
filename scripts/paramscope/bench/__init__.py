"""`paramscope bench`: the speed and memory targets, each measured and printed as one line (`report.line`) —
the counter (`counter`), the weights pages, the site's warm and cold builds (`build`), the built pages and the live
models in Chromium; and the built site served on 127.0.0.1 for them (`localsite`), which the browser tests use too.
"""
