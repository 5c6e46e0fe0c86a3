"""The numbers popular explanations of language models quote, typed once, with where each is quoted.

Producers test these against computed values (Claims, checked; Model size); none of them is computed here.
"""

POPULAR = "popular explanations of language models, the texts this site set out to check"
MLSYSIM = ("How Much Memory Does Llama-3 70B Actually Need? (mlsysim blog): \"140 GB in FP16, 35 GB in INT4\", "
           "https://harvard-edge.github.io/cs249r_book_dev/mlsysim/blog/how-much-memory-llama3.html")

LAYERS = 100                       # "large language models have about 100 layers"
WIDTH = 4096                       # "each token becomes a list of 4,096 numbers, a power of two"
LLAMA3_70B_GB = {"bf16": 140, "int4": 35}  # MLSYSIM
GPT35_PARAMS = 175e9               # "GPT-3.5 has about 175 billion parameters"
ANSWER_WORD = "trillions"          # "answering takes trillions of calculations"
TRAINING_WORD = "quadrillions"     # "training takes quadrillions"
