"""`paramscope bench`: the speed and memory targets, each measured and printed as one line (`report.line`) —
counting, the weights pages, the pipeline's warm and cold builds, the built pages and the live models in Chromium.
"""
