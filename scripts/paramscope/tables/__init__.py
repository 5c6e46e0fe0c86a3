"""Tables the pages read that are not architectures: accelerators' memory and prices, compute budgets, and the
verdicts the Claims page gives from them (plain published data with their sources); the page's words for each
parameter (`words`, one vocabulary for every figure, table and fact); and what the Model size page's calculator
reads (`calculator`, drawn from paramscope.arch, the only part of paramscope imported here).
"""
