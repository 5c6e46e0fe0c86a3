"""Published tables that are not architectures: accelerators' memory and prices, compute budgets, and the verdicts
the Claims page gives from them. Plain data with their sources; nothing else of paramscope is imported here.
"""
