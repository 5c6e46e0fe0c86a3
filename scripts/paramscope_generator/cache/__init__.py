"""The generator's cache of producer outputs: `store` (each producer's current outputs under `cache_dir`, one
generation per run switched in with one atomic rename, and what they name: facts, tables, figures), `shards` (how
the stale producers split between CI runners, and what each shard records) and `merge` (all shards checked, then
each producer's outputs made current). It knows no producer's code and no page: the runner writes into it, the
pages' markers and the commands read from it.
"""
