"""What the pages teach, one computation a module: each is the code a page's producer runs and a reader may open,
in torch (and plain Python), small enough to read in one sitting. `attention` (one query, step by step), `descent`
(gradient descent on two parameters), `sampling` (temperature, top-k, top-p, min-p, a seeded draw), `word_vectors`
(neighbours, analogies, a 2-D projection), `training` (the seeded loop), `distill`, `lora`, `routing` (a tiny
mixture of experts), `cached_generation` (the generation loop with a KV cache) and `verdicts` (the one rule that
turns a claim's computed cases into the Claims page's verdict). A lesson builds its tiny models
from `paramscope.models` and takes its data as arguments: it opens no file (the model files are read by
`paramscope.checkpoints`, the training text by `paramscope.data.corpus`), draws no figure and knows nothing of
MkDocs; producers turn its results into facts.
"""
